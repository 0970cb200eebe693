// Lint enforces the layering of DESIGN.md §2 (folder = runtime environment, VS Code's code-layering idea)
// with core rules only: no-restricted-imports for modules, no-restricted-globals for environment objects.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'string_decoder',
  'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
// Regexes over the import specifier: a bare Node built-in (with or without node: and a subpath), or node:anything.
const nodeBuiltin = `^(node:.*|(${nodeBuiltins.join('|')})(/.*)?)$`;
const electronModule = '^electron(/.*)?$';
const fromElectronFolder = '(^|/)electron/';
const fromRendererFolder = '(^|/)renderer/';
const spawnModules = '^(node:)?child_process$|^(node-powershell|execa|cross-spawn)$';
const nativeDb = '^better-sqlite3$';

const rule = (regex, message) => ({ regex, message });
const restrict = (...rules) => ({ 'no-restricted-imports': ['error', { patterns: rules }] });

const sharedMessage = 'shared/ is pure: no Node built-ins, Electron, native modules, React, or imports from electron/ or renderer/ (DESIGN.md §2).';
const sharedRules = [
  rule(nodeBuiltin, sharedMessage),
  rule(electronModule, sharedMessage),
  rule(fromElectronFolder, sharedMessage),
  rule(fromRendererFolder, sharedMessage),
  rule(nativeDb, sharedMessage),
  rule(spawnModules, sharedMessage),
  rule('^react(-dom)?(/.*)?$', sharedMessage),
];
const rendererMessage = 'renderer/ is browser code: talk to the typed API (shared/contract), never to Node or electron/.';
const rendererRules = [
  rule(nodeBuiltin, rendererMessage),
  rule(electronModule, rendererMessage),
  rule(fromElectronFolder, rendererMessage),
  rule(nativeDb, rendererMessage),
  rule(spawnModules, rendererMessage),
];
// The app renders the screens; a screen that imported it back would make them one import cycle.
const appRule = rule('^\\.\\.?/(\\.\\./)*app(\\.js)?$', 'Only renderer/src/main.tsx imports the app; screens take View and Navigate from navigation.ts.');
const spawnRule = rule(spawnModules, 'Only electron/collect/windows/ may spawn processes or use node-powershell.');
const dbRule = rule(nativeDb, 'Only electron/store/ may import better-sqlite3.');
// Only the app entry (electron/main/ itself) may import electron/main/: the CLI and the preview must not pull in the window.
const mainRule = rule('^(\\.\\./)+main/', 'Only electron/main/ may import electron/main/ (the desktop app entry); shared pure code lives outside it.');
const rawIpcMessage = 'Raw ipcMain/ipcRenderer only in electron/main/ipc/ipc-gate.ts and electron/preload/ (use the typed gate).';

const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'XMLHttpRequest', 'fetch'];
const nodeGlobals = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'];
const globalsRule = (names, message) => ['error', ...names.map((name) => ({ name, message }))];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-artifacts/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Tool configs must default-export.
    files: ['*.config.js', '*.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.js', 'eslint.config.js', '.ci/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      ...restrict(...sharedRules),
      'no-restricted-globals': globalsRule([...domGlobals, ...nodeGlobals], 'shared/ is pure: pass data in, no environment access.'),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      ...restrict(...rendererRules, appRule),
      'no-restricted-globals': globalsRule(nodeGlobals, 'renderer/ runs in the browser: no Node globals.'),
    },
  },
  {
    files: ['renderer/src/main.tsx'],
    rules: { ...restrict(...rendererRules) },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/collect/windows/**', 'electron/store/**', 'electron/main/**'],
    rules: { ...restrict(spawnRule, dbRule, mainRule) },
  },
  {
    files: ['electron/main/**/*.ts'],
    rules: { ...restrict(spawnRule, dbRule) },
  },
  {
    files: ['electron/collect/windows/**/*.ts'],
    rules: { ...restrict(dbRule, mainRule) },
  },
  {
    files: ['electron/store/**/*.ts'],
    rules: { ...restrict(spawnRule, mainRule) },
  },
  {
    // The domain vocabulary depends on nothing else in shared/ (a type may be borrowed, it costs no code).
    files: ['shared/kms/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^\\.\\./', message: 'shared/kms/ imports no other shared/ folder (type-only imports allowed).', allowTypeImports: true }] },
      ],
    },
  },
  {
    // Parsers turn text into evidence; judging it is the diagnosis's job, never the other way round.
    files: ['shared/parse/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)diagnose/', message: 'shared/parse/ does not import shared/diagnose/.' }] }],
    },
  },
  {
    // The diagnosis judges plain records; reading events from bytes is the readers' business.
    files: ['shared/diagnose/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)byte-[^/]*$', message: 'shared/diagnose/ sees no bytes: readers bring events as records (shared/parse/events/host-record.ts).' }] },
      ],
    },
  },
  {
    // Raw IPC objects: only the gate and the preload may name them.
    files: ['electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'shared/**/*.ts'],
    ignores: ['electron/main/ipc/ipc-gate.ts', 'electron/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Named exports only (STYLE.md).' },
        { selector: "ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]", message: rawIpcMessage },
        { selector: "MemberExpression[property.name=/^ipc(Main|Renderer)$/]", message: rawIpcMessage },
      ],
    },
  },
);
