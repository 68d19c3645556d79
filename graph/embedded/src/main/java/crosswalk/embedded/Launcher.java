package crosswalk.embedded;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserAggregationFunction;
import org.neo4j.procedure.UserFunction;

/**
 * Runs Neo4j Community 5.26 embedded, with Bolt on 127.0.0.1 only, HTTP off and APOC core registered.
 *
 * Usage: java -cp target/crosswalk-neo4j.jar:target/lib/* crosswalk.embedded.Launcher
 *          --data-dir DIR --port N [--pagecache 512m] [--parent-pid PID]
 *
 * Prints exactly one line "READY bolt://127.0.0.1:N" on stdout when the database accepts queries, or
 * "ERROR <reason>" and exits non-zero. Stops cleanly on SIGTERM, and when --parent-pid is given it exits
 * as soon as that process is gone, so a crashed Node process never leaves an orphan JVM behind.
 */
public final class Launcher {
    /** Exit code for "the port is taken": the Node side reacts by choosing another port. */
    static final int EXIT_PORT_IN_USE = 3;
    static final int EXIT_BAD_ARGS = 2;
    static final int EXIT_START_FAILED = 1;

    public static void main(String[] args) {
        Path dataDir = null;
        int port = 7687;
        String pageCache = "512m";
        long parentPid = -1;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--data-dir" -> { dataDir = Path.of(value); i++; }
                case "--port" -> { port = Integer.parseInt(value); i++; }
                case "--pagecache" -> { pageCache = value; i++; }
                case "--parent-pid" -> { parentPid = Long.parseLong(value); i++; }
                default -> fail(EXIT_BAD_ARGS, "unknown argument " + args[i]);
            }
        }
        if (dataDir == null) fail(EXIT_BAD_ARGS, "--data-dir is required");
        if (!portIsFree(port)) fail(EXIT_PORT_IN_USE, "port " + port + " on 127.0.0.1 is already in use");

        DatabaseManagementService dbms;
        try {
            Files.createDirectories(dataDir);
            dbms = new DatabaseManagementServiceBuilder(dataDir.toAbsolutePath())
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Loopback only and single-user: the bundled database runs without authentication.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                    .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"))
                    .build();
        } catch (Exception e) {
            fail(EXIT_START_FAILED, "could not start Neo4j in " + dataDir + ": " + e.getMessage());
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        try {
            registerApoc((GraphDatabaseAPI) db);
        } catch (Exception e) {
            fail(EXIT_START_FAILED, "could not register APOC: " + e);
        }
        if (parentPid > 0) watchParent(parentPid);
        System.out.println("READY bolt://127.0.0.1:" + port);
        System.out.flush();
    }

    /**
     * APOC does not load from a plugin directory in embedded mode, so its procedure and function classes
     * (on our classpath) are registered directly, which is what the server does for each plugin jar.
     */
    static void registerApoc(GraphDatabaseAPI db) throws Exception {
        GlobalProcedures procedures = db.getDependencyResolver().resolveDependency(GlobalProcedures.class);
        int registered = 0;
        List<String> skipped = new ArrayList<>();
        for (Class<?> type : apocClasses()) {
            try {
                boolean procedure = false, function = false, aggregation = false;
                for (Method m : type.getDeclaredMethods()) {
                    procedure |= m.isAnnotationPresent(Procedure.class);
                    function |= m.isAnnotationPresent(UserFunction.class);
                    aggregation |= m.isAnnotationPresent(UserAggregationFunction.class);
                }
                if (procedure) procedures.registerProcedure(type);
                if (function) procedures.registerFunction(type);
                if (aggregation) procedures.registerAggregationFunction(type);
                if (procedure || function || aggregation) registered++;
            } catch (LinkageError e) {
                // Optional integrations (cloud storage, ...) whose libraries APOC core does not ship.
                skipped.add(type.getName());
            }
        }
        System.err.println("APOC: registered " + registered + " classes, skipped " + skipped.size()
                + " with missing optional dependencies");
    }

    static List<Class<?>> apocClasses() throws IOException {
        List<Class<?>> classes = new ArrayList<>();
        ClassLoader loader = Launcher.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.startsWith("apoc-") || !name.endsWith(".jar")) continue;
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String file = e.nextElement().getName();
                    if (!file.startsWith("apoc/") || !file.endsWith(".class")) continue;
                    String className = file.substring(0, file.length() - 6).replace('/', '.');
                    try {
                        classes.add(Class.forName(className, false, loader));
                    } catch (LinkageError | ClassNotFoundException skipped) {
                        // Optional integrations whose dependencies APOC core does not ship.
                    }
                }
            }
        }
        return classes;
    }

    static boolean portIsFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void watchParent(long pid) {
        Thread watcher = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) System.exit(0); // runs the shutdown hook
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    static void fail(int code, String message) {
        System.out.println("ERROR " + message);
        System.out.flush();
        System.exit(code);
    }
}
