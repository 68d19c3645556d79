/**
 * graphql-codegen: a typed client generated from the printed schema (api/schema.graphql). The client
 * preset reads the `graphql(...)` documents in examples/integrator/*.ts and writes examples/gql/: a typed
 * `graphql()` function whose every document is a TypedDocumentNode with its result and variables types.
 * `npm run codegen` regenerates it; test/unit/examples-codegen.test.ts fails when it is out of date.
 */
import type { CodegenConfig } from '@graphql-codegen/cli';

/** Where the client goes; test/unit/examples-codegen.test.ts generates it elsewhere to compare. */
const out = process.env.CROSSWALK_CODEGEN_OUT ?? 'examples/gql/';

const config: CodegenConfig = {
  schema: 'api/schema.graphql',
  documents: ['examples/integrator/**/*.ts'],
  ignoreNoDocuments: false,
  generates: {
    [out]: {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        // Enums as string unions: the schema's values are the graph's words (partially_met, superset_of).
        enumsAsTypes: true,
        useTypeImports: true,
        // '.js' suffixes on the generated relative imports (Node ESM, moduleResolution NodeNext).
        emitLegacyCommonJSImports: false,
        scalars: { Date: 'string', DateTime: 'string', ID: 'string' },
        strictScalars: true,
        defaultScalarType: 'unknown',
      },
    },
  },
};

export default config;
