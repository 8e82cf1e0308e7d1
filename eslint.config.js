// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '**/coverage/**', '**/test-results/**', '**/playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', '**/scripts/**', '**/*-cli.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The API's resolvers answer through graphql/answers.ts: its Query, Mutation and FieldResolver make the
    // compiler check a method's answer against the GraphQL type the decorator names (no row answered as a type).
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/graphql/answers.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'type-graphql',
              importNames: ['Query', 'Mutation', 'FieldResolver'],
              message: "Import Query, Mutation and FieldResolver from graphql/answers.ts: they check the method's answer against the GraphQL type.",
            },
          ],
        },
      ],
    },
  },
);
