// Lint, and the import boundaries of DESIGN §2, enforced rather than hoped for.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/** Folders are named by the runtime they run in (as in VS Code); each may import only the layers listed. */
const elements = [
  { type: 'core', pattern: 'shared/core/**', mode: 'full' }, // pure protocol: no I/O, imports nothing of ours
  { type: 'contract', pattern: 'shared/contract/**', mode: 'full' }, // IPC/RPC schemas and types
  { type: 'shared-node', pattern: 'shared/node/**', mode: 'full' }, // Node-only helpers shared by node, desktop main, CLI
  { type: 'chain', pattern: 'chain/**', mode: 'full' }, // full node / producer daemon
  { type: 'cli', pattern: 'cli/**', mode: 'full' },
  { type: 'services', pattern: 'electron/services/**', mode: 'full' }, // desktop main-process services, plain Node
  { type: 'shell', pattern: 'electron/shell/**', mode: 'full' }, // the only code that imports 'electron'
  { type: 'webhost', pattern: 'electron/webhost/**', mode: 'full' },
  { type: 'renderer', pattern: 'renderer/**', mode: 'full' },
  { type: 'test', pattern: 'test/**', mode: 'full' },
  { type: 'bench', pattern: 'bench/**', mode: 'full' },
  { type: 'fuzz', pattern: 'fuzz/**', mode: 'full' }, // fuzz targets: drive any layer, like tests
];

const layerRules = [
  { from: 'core', allow: ['core'] },
  { from: 'contract', allow: ['contract', 'core'] },
  { from: 'shared-node', allow: ['shared-node', 'core'] },
  { from: 'chain', allow: ['chain', 'core', 'contract', 'shared-node'] },
  { from: 'cli', allow: ['cli', 'chain', 'core', 'contract', 'shared-node', 'services'] },
  { from: 'services', allow: ['services', 'core', 'contract', 'shared-node', 'chain'] },
  { from: 'shell', allow: ['shell', 'services', 'contract', 'core', 'shared-node'] },
  { from: 'webhost', allow: ['webhost', 'services', 'contract', 'core', 'shared-node'] },
  // The page gets types and schemas from the contract, nothing else of ours.
  { from: 'renderer', allow: ['renderer', 'contract'] },
  { from: 'test', allow: ['*'] },
  { from: 'bench', allow: ['*'] },
  { from: 'fuzz', allow: ['*'] },
];

const outsideNode = 'This layer runs outside Node; Node APIs are not available here.';
// Bare builtin names go in `paths` (exact module names), so our own folders such as shared/core/crypto are not caught.
const nodeBuiltins = { group: ['node:*'], message: outsideNode };
const bareBuiltins = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'worker_threads',
  'buffer',
].map((name) => ({ name, message: outsideNode }));

const electronOnlyInShell = {
  name: 'electron',
  message: 'Only electron/shell may import Electron; everything else must run under plain Node or in the page.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      '.native/**',
      '.fuzz-build/**',
      'test/fixtures/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': [
        'shared/**',
        'chain/**',
        'cli/**',
        'electron/**',
        'renderer/**',
        'test/**',
        'bench/**',
        'fuzz/**',
      ],
    },
    rules: {
      'boundaries/element-types': [2, { default: 'disallow', rules: layerRules }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Tests poke at raw JSON from sockets and RPC; typing every such shape would add noise, not safety.
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', 'fuzz/**/*.{mjs,cjs}', '*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['shared/core/**', 'shared/contract/**', 'renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, ...bareBuiltins], patterns: [nodeBuiltins] }],
    },
  },
  {
    files: ['shared/node/**', 'chain/**', 'cli/**', 'electron/services/**', 'electron/webhost/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }] },
  },
  // Hooks called in order and effects that name every value they read: a missing dependency is a stale-closure bug.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);
