import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'dashboard/src/gql/**',
      'test-output/**',
      '**/node_modules/**',
      '.data/**',
      'coverage/**',
      'bench-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        console: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    // Layers (ARCHITECTURE.md; the import rules are in .dependency-cruiser.cjs): services hold a
    // Transaction only to hand it to repositories, and resolvers never touch the database.
    files: ['subgraphs/*/src/modules/**/*.service.ts', 'subgraphs/*/src/modules/**/*.resolver.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression > MemberExpression.callee > Identifier.property[name=/^(getRepository|createQueryBuilder|query|transaction|getTreeRepository)$/]',
          message: 'SQL and TypeORM calls belong in a repository: add a method there and call it with the Transaction.',
        },
      ],
    },
  },
  {
    // Type-aware rules (issue 17 item 5): the mistakes the compiler lets through — a promise nobody
    // awaits (an unhandled rejection, or work that outlives its request), a promise where a
    // callback's boolean or void is expected, `await` on what is not a promise, a cast that does
    // nothing, a method torn from its object, an object stringified as "[object Object]".
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      // Off by decision: its 64 findings are all methods that implement a Promise-returning interface
      // (Apollo plugin hooks, fetch Response's text/json, stores, test doubles). `async` there is
      // the right form: a throw inside becomes a rejection, where the rule's fix (`Promise.resolve`)
      // would let it escape synchronously to a caller that only expects rejections.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/restrict-plus-operands': 'error',
      '@typescript-eslint/no-implied-eval': 'error',
      '@typescript-eslint/no-duplicate-type-constituents': 'error',
      '@typescript-eslint/no-redundant-type-constituents': 'error',
      '@typescript-eslint/unbound-method': 'error',
      '@typescript-eslint/no-array-delete': 'error',
      '@typescript-eslint/no-for-in-array': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
