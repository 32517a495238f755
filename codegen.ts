import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents for the example operations, from the published contract (schema.graphql).
export const codegenConfig: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/operations/**/*.graphql'],
  ignoreNoDocuments: false,
  // ESM output: relative imports carry their .js extension.
  emitLegacyCommonJSImports: false,
  generates: {
    'examples/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // SafeInt is exact up to 2^53-1, so a JavaScript number holds it; IDs travel as strings.
        scalars: { SafeInt: 'number', ID: 'string' },
      },
    },
  },
};

export default codegenConfig;
