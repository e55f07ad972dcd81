// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:*'];

/** Dependency direction (DESIGN.md §2), as import restrictions per folder. */
const restrict = (/** @type {string[]} */ paths, /** @type {string[]} */ patterns, message) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: [{ group: patterns, message }],
    },
  ],
});

/** Dynamic `import()` of a forbidden module: no-restricted-imports only sees static imports. */
const banDynamicImport = (/** @type {string} */ sourceRegex, /** @type {string} */ message) => ({
  selector: `ImportExpression[source.value=/${sourceRegex}/]`,
  message,
});
const NODE_OR_ELECTRON = `^(node:|electron$|${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace('/', '\\/')).join('|')}$)`;

const ELECTRON_WIRING = ['main/index.ts', 'main/shell/**/*.ts'];
const CORE_FORBIDDEN_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname'];
const CORE_GLOBALS_MESSAGE = 'core/ must run in Node, the browser and Electron alike: take this as a parameter.';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'bench-results/**', 'test-results/**', 'playwright-report/**', 'resources/**', 'tests/fixtures/lint/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      ...restrict(
        ['electron', 'react', 'better-sqlite3', 'serialport', 'ws', 'fastify', ...nodeBuiltins],
        ['node:*', '**/main/**', '**/renderer/**', '**/server/**', '**/preload/**'],
        'core/ is pure TypeScript shared by every side: no electron, node:*, DOM or app folders (DESIGN.md §2).',
      ),
      'no-restricted-globals': [
        'error',
        ...CORE_FORBIDDEN_GLOBALS.map((name) => ({ name, message: CORE_GLOBALS_MESSAGE })),
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression', message: 'core/ is pure: no dynamic import() (DESIGN.md §2).' },
        {
          selector: `MemberExpression[object.name='globalThis'][property.name=/^(${CORE_FORBIDDEN_GLOBALS.join('|')})$/]`,
          message: CORE_GLOBALS_MESSAGE,
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        ['electron', 'better-sqlite3', 'serialport', 'ws', 'fastify', ...nodeBuiltins],
        ['node:*', '**/main/**', '**/server/**', '**/preload/**'],
        'renderer/ imports only core/ and UI libraries; it reaches the app through window.loket (DESIGN.md §2).',
      ),
      'no-restricted-syntax': [
        'error',
        banDynamicImport(NODE_OR_ELECTRON, 'renderer/ never loads electron or Node modules (DESIGN.md §2).'),
        banDynamicImport('\\/(main|server|preload)\\/', 'renderer/ imports only core/ (DESIGN.md §2).'),
      ],
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ELECTRON_WIRING,
    rules: {
      ...restrict(
        ['electron'],
        ['**/renderer/**', '**/server/**', '**/preload/**', 'electron/*'],
        'Only main/index.ts and main/shell/ (window and IPC wiring) import electron; main/ never imports renderer/ or server/ (DESIGN.md §2).',
      ),
      'no-restricted-syntax': [
        'error',
        banDynamicImport('^electron(\\/|$)', 'Only main/index.ts and main/shell/ import electron (DESIGN.md §2).'),
      ],
    },
  },
  {
    files: ELECTRON_WIRING,
    rules: restrict([], ['**/renderer/**', '**/server/**'], 'main/ never imports renderer/ or server/ (DESIGN.md §2).'),
  },
  {
    files: ['server/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['**/renderer/**', '**/main/**', '**/preload/**'],
      'server/ imports core/ only among the app folders, and never electron (DESIGN.md §2).',
    ),
  },
  {
    files: ['platform/**/*.ts'],
    rules: restrict(
      ['electron'],
      ['**/renderer/**', '**/main/**', '**/server/**', '**/preload/**'],
      'platform/ holds Node helpers shared by main/ and server/; it imports only core/ (docs/ARCHITECTURE.md).',
    ),
  },
  {
    files: ['preload/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins],
      ['node:*', '**/main/**', '**/renderer/**', '**/server/**'],
      'preload/ builds window.loket from core/ipc.ts; it imports only electron and core/ (DESIGN.md §2).',
    ),
  },
);
