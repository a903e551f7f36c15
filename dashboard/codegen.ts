import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Types for every operation of the dashboard, from the committed supergraph (the API a diff
 * reviews), never from a running gateway. `npm run build` runs this with --check, so a stale
 * generated file fails the build; `npm run codegen -w @cadres/dashboard` rewrites it.
 * The persisted-documents manifest (SHA-256 → query text) is what the gateway registers as
 * automatic persisted queries at start, so a page's first request is already a hash (one round trip).
 */
const config: CodegenConfig = {
  schema: '../gateway/supergraph.graphql',
  documents: ['src/**/*.tsx', 'src/**/*.ts', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        persistedDocuments: { hashAlgorithm: 'sha256', mode: 'embedHashInDocument' },
      },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: 'string', DateTime: 'string', UUID: 'string' },
      },
    },
  },
};

export default config;
