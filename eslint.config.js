import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import shop from './eslint-rules/require-error-listener.mjs';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/generated/**', '**/.next/**', '**/*.config.*', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // scripts/lib is plain Node (no project): the e2e tests and the chaos suite test and use
          // the healing runner `npm start` runs (restart-policy.mjs, supervisor.mjs); they also unit-test
          // the load test's pure parts (scripts/loadtest: schedule, thresholds, buyer mix, figures)
          // and the benches' database housekeeping (bench-process).
          allow: ['/scripts/lib/[a-z-]+\\.mjs$', '/scripts/loadtest/[a-z-]+\\.js$', '/scripts/lib/bench-process\\.js$'],
          depConstraints: [
            // Apps are composed from libraries; nothing depends on an app.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:framework', 'type:client', 'type:testing', 'type:ui'] },
            // Shared React components of the Next.js apps: they show data, they do not fetch it.
            { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            // The framework kit (Nest bootstrap) may use contracts and utilities, not data access.
            { sourceTag: 'type:framework', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            // A client of one service's internal API, built on the framework kit's ServiceClient.
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:framework'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:testing'] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            // Contracts are the leaf everyone shares: they depend on nothing of ours.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:testing'] },
          ],
        },
      ],
    },
  },
  {
    // Domain code is pure: no framework, database or Redis imports. Any domain/ folder under src/,
    // also a module's own (the gateway's src/identity/domain).
    files: ['**/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*', '@prisma/*', '@shop/persistence', '@shop/messaging', '@shop/service-kit', 'ioredis', 'bullmq', 'pg', 'fastify', 'undici',
            // nor the layers around it: domain knows nothing of use cases, adapters or transports
            '**/application/*', '**/adapters/*', '**/http/*', '**/messaging/*', '**/jobs/*',
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // Inventory runs on plain pg and loads none of Prisma's client (its instance alone held ~15 MB
    // of heap at idle); messaging serves it, so it must not load Prisma either. Types are fine.
    files: ['apps/inventory/src/**/*.ts', 'libs/messaging/src/**/*.ts'],
    ignores: ['**/domain/**', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@shop/persistence',
              allowTypeImports: true,
              message: "it loads Prisma's client: import from '@shop/persistence/pg' or '@shop/persistence/transaction'",
            },
          ],
        },
      ],
    },
  },
  {
    // A pg Client/Pool or an ioredis connection without an 'error' listener crashes the process
    // when its link drops (issue 17). Tests are short-lived and exempt.
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { shop },
    rules: { 'shop/require-error-listener': 'error' },
  },
);
