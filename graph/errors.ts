/**
 * Typed errors. Every error a user can cause carries a `hint` saying what to do about it; the CLI and the
 * API print `message` and `hint` and never a stack trace unless asked (crosswalk --debug, CROSSWALK_DEBUG=1).
 */
export class CrosswalkError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The database cannot be reached, refused our credentials, or is not the Neo4j we need. */
export class DatabaseUnavailableError extends CrosswalkError {}

/** The bundled Neo4j could not be built or started. */
export class BundledDatabaseError extends CrosswalkError {}

/** Configuration from the environment is invalid. */
export class ConfigError extends CrosswalkError {}
