// ESLint flat config (kept as a dotfile: the repository root holds only what the brief lists).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const DRIVERS = ['typeorm', 'typeorm/*', 'pg', 'better-sqlite3', 'ioredis', 'bullmq', '@kurrent/*', 'fastify', '@fastify/*'];
const ADAPTERS = [
  '@pls/event-store/sqlite/*',
  '@pls/event-store/postgres/*',
  '@pls/event-store/kurrentdb/*',
  '@pls/event-store/in-memory/*',
  '@pls/event-store/open-event-store',
];
const CONTEXTS = ['org', 'hotline', 'consultation', 'mediation', 'outreach', 'statistics', 'identity', 'privacy', 'jobs', 'audit'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/web/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      '@typescript-eslint/no-this-alias': ['error', { allowedNames: ['self'] }],
    },
  },
  // Contexts never import an adapter; only the composition root (apps/) picks one.
  {
    files: CONTEXTS.map((c) => `libs/${c}/src/**/*.ts`),
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts', '**/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ADAPTERS, message: 'Contexts depend on the EventStore port (@pls/event-store), never on an adapter.' },
            { group: ['../../*/src/*', '../../../libs/*'], message: 'Use another context only through its @pls/<lib> index.' },
          ],
        },
      ],
    },
  },
  // The domain (events, state, decisions, errors, routes) is pure: no Nest, ORM, driver or adapter.
  {
    files: [
      'libs/*/src/**/*.decide.ts',
      'libs/*/src/**/*.state.ts',
      'libs/*/src/**/*.events.ts',
      'libs/*/src/**/*.errors.ts',
      'libs/*/src/**/*.decider.ts',
      'libs/*/src/**/*.command.ts',
      'libs/event-sourcing/src/**/*.ts',
      'libs/reference/src/**/*.ts',
    ],
    // Specs may run the domain against the in-memory store.
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'The domain never imports Nest.' },
            { group: DRIVERS, message: 'The domain never imports an ORM or a driver.' },
            { group: ADAPTERS, message: 'The domain never imports an event-store adapter.' },
          ],
        },
      ],
    },
  },
);
