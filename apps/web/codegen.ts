import type { CodegenConfig } from '@graphql-codegen/cli';

// Operation types and typed documents from the served schema. Each component's fragment lives
// in a .graphql file beside it; `pnpm codegen:check` fails when this output is stale.
const config: CodegenConfig = {
  overwrite: true,
  schema: '../../schema.graphql',
  documents: ['src/**/*.graphql'],
  generates: {
    'src/graphql/generated.ts': {
      plugins: [
        'typescript-operations',
        'typed-document-node',
      ],
      config: {
        avoidOptionals: { field: true, inputValue: false },
        defaultScalarType: 'unknown',
        scalars: { Date: 'string', DateTime: 'string' },
        nonOptionalTypename: true,
        skipTypeNameForRoot: true,
        inlineFragmentTypes: 'mask',
        customDirectives: { apolloUnmask: true },
        enumsAsTypes: true,
        useTypeImports: true,
        dedupeOperationSuffix: true,
      },
    },
  },
};

export default config;
