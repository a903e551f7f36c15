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
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
