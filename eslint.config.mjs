// The lint of `npm test` (typescript-eslint, typed): promises never left floating, switches exhaustive, no `any`,
// and the folders' import rules at every depth (docs/ARCHITECTURE.md; test/unit/layering.test.ts checks the same).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** `no-restricted-imports` patterns of one folder: relative paths that must not be reached from it. */
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const NO_ELECTRON = { group: ['electron'], message: 'Only src-main/electron imports electron (no Electron binary runs here).' };

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'test-results/**', 'playwright-report/**', '**/*.mjs', '**/*.cjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.config.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // The contract: nothing of ours, no Node, no DOM.
  { files: ['src-shared/**/*.ts'], rules: restrict([{ group: ['../src-*', '../../src-*', 'node:*', 'fs', 'path', 'crypto', 'http', 'os'], message: 'src-shared is the contract: no other folder, no Node built-in.' }, NO_ELECTRON]) },
  // The renderer talks to the rest through the contract only.
  { files: ['src-renderer/**/*.{ts,tsx}'], rules: restrict([{ group: ['**/src-main/**', '**/src-server/**', 'node:*'], message: 'The renderer imports src-shared only (it calls the core through src-renderer/api).' }, NO_ELECTRON]) },
  { files: ['src-server/**/*.ts'], rules: restrict([{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'The reference server imports src-shared only.' }, NO_ELECTRON]) },
  // The core never reaches a host, the router or the CLI.
  {
    files: ['src-main/core/**/*.ts'],
    rules: restrict([
      { group: ['**/rpc', '**/rpc/*', '**/host', '**/host/*', '**/cli', '**/cli/*', '**/electron', '**/electron/*', '../app', '../../app', '../../../app', '!**/src-shared/**'], message: 'The core is platform-free: it never imports the router, a host or the CLI.' },
      { group: ['**/src-renderer/**', '**/src-server/**'], message: 'The core imports src-shared only.' },
      NO_ELECTRON,
    ]),
  },
  // Hosts and the router use the core's public entry only.
  {
    files: ['src-main/rpc/**/*.ts', 'src-main/host/**/*.ts', 'src-main/cli/**/*.ts'],
    rules: restrict([{ group: ['**/core/*', '!**/core/index'], message: "Use the core's public entry (src-main/core/index.ts)." }, { group: ['**/src-renderer/**', '**/src-server/**'], message: 'src-main imports src-shared and itself only.' }, NO_ELECTRON]),
  },
  { files: ['src-main/electron/**/*.ts'], rules: restrict([{ group: ['**/core/*', '!**/core/index'], message: "Use the core's public entry (src-main/core/index.ts)." }, { group: ['**/src-renderer/**', '**/src-server/**'], message: 'src-main imports src-shared and itself only.' }]) },
  // Tests may use anything; a test that mocks a rule away is still a defect, but that is for review.
  { files: ['test/**/*.ts', 'scripts/**/*.ts', '*.config.ts'], rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-explicit-any': 'off' } },
);
