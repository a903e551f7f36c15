/**
 * Three tiers (DESIGN.md): unit (no database), integration (one subgraph in process on real
 * PostgreSQL) and e2e (every service as a real process, queried over HTTP through the gateway).
 * `npm test` provides DATABASE_URL: a fresh database for the run.
 * A fourth tier, browser (GraphiQL in headless Chromium), needs Debian's chromium, so it is only
 * included when BROWSER_TESTS=1: `npm run test:browser`.
 */
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'commonjs' },
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  // Tests run the shared packages from source, so a change needs no rebuild to be tested.
  moduleNameMapper: { '^@cadres/(core|subgraph-kit|platform|testing|exchange)$': '<rootDir>/shared/$1/src' },
};

module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{shared,subgraphs}/*/src/**/*.unit.test.ts', '<rootDir>/gateway/src/**/*.unit.test.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/subgraphs/*/test/**/*.int.test.ts', '<rootDir>/gateway/test/**/*.int.test.ts'],
      // Each file in a database of its own, cloned from the run's migrated template.
      setupFilesAfterEnv: ['<rootDir>/shared/testing/src/file-database.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.e2e.test.ts'],
    },
    ...(process.env.BROWSER_TESTS === '1'
      ? [
          {
            ...common,
            displayName: 'browser',
            testMatch: ['<rootDir>/tests/browser/**/*.browser.test.ts'],
          },
        ]
      : []),
  ],
  maxWorkers: 2,
  testTimeout: 30_000,
};
