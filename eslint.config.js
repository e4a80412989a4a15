// Lint enforces the architecture (DESIGN "Layout"): core stays platform-free, dependencies only
// point core ← node ← cli/server, core ← web, and test helpers stay out of production code.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'crypto',
  'url',
  'http',
  'https',
  'zlib',
  'stream',
  'buffer',
  'util',
];
const restrict = (groups, message) => ({ group: groups, message });
// An app's code, by package name or by a relative path into apps/.
const appImport = '^(\\.\\./)+apps/|^@glyph/(cli|server|web)(/|$)';
const corePatterns = [
  restrict(nodeBuiltins, 'packages/core may not import Node built-ins.'),
  restrict(
    ['@glyph/node', '@glyph/cli', '@glyph/server', '@glyph/web', 'sharp', 'fastify'],
    'packages/core depends on nothing of ours.',
  ),
];
// Test helpers sit behind each package's `testing` entry (`@glyph/core/testing`,
// `@glyph/node/testing`); only tests, their support files and bench/ may import one.
const testFiles = [
  '**/*.test.{ts,tsx}',
  '**/*.fixture.ts',
  '**/*.contract.ts',
  '**/testing/**',
  '**/test-support/**',
  'apps/*/test/**',
  'packages/testkit/**',
  'bench/**',
];
const noTestingEntry = {
  regex: '(^@glyph/[a-z-]+|^\\.\\.?(/.*)?)/testing(/|$)',
  message: 'Production code may not import a testing entry point: test helpers are for tests only.',
};
/** `no-restricted-imports` with `patterns` for `files`, adding the testing ban to their non-test files. */
const importBoundary = (files, patterns) => [
  { files, rules: { 'no-restricted-imports': ['error', { patterns }] } },
  {
    files,
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, noTestingEntry] }] },
  },
];
const coreFoundations = ['errors', 'image', 'model', 'metrics', 'data', 'preprocess', 'segment'];
const coreBuiltOnFoundations = [
  'augment',
  'calibration',
  'engine',
  'evaluate',
  'inference',
  'recognize',
  'teach',
  'train',
  'transfer',
  'zoo',
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'models/**', 'apps/web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: [
      '**/*.js',
      'apps/cli/**',
      'apps/server/**',
      'packages/node/**',
      'packages/testkit/**',
      'bench/**',
      '.ci/**',
    ],
    languageOptions: { globals: globals.node },
  },
  { files: ['apps/web/**'], languageOptions: { globals: globals.browser } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Use explicit named exports (STYLE.md habit 3).' },
      ],
    },
  },
  // Files no package block below covers (scripts, root configs) still may not load test helpers.
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    ignores: testFiles,
    rules: { 'no-restricted-imports': ['error', { patterns: [noTestingEntry] }] },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'process',
          'Buffer',
          'document',
          'window',
          'fetch',
          'navigator',
          'localStorage',
          '__dirname',
          '__filename',
          'require',
          'global',
        ].map((name) => ({
          name,
          message:
            'packages/core is platform-free: take bytes/RawImage and let adapters in packages/node or apps/web touch the platform.',
        })),
      ],
    },
  },
  ...importBoundary(['packages/core/**/*.ts'], corePatterns),
  {
    // Inside core, the foundations (images, data, preprocessing, segmentation, model metadata,
    // metrics, errors) are what training, evaluation and recognition are built on, never the reverse.
    files: [`packages/core/src/{${coreFoundations.join(',')}}/**/*.ts`],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...corePatterns,
            {
              regex: `^(\\.\\./)+(${coreBuiltOnFoundations.join('|')})(/|$)`,
              message: `core's foundations (${coreFoundations.join(', ')}) may not import what is built on them.`,
            },
            noTestingEntry,
          ],
        },
      ],
    },
  },
  ...importBoundary(
    ['packages/node/**/*.ts'],
    [
      restrict(
        ['@glyph/cli', '@glyph/server', '@glyph/web'],
        'packages/node may depend only on @glyph/core.',
      ),
    ],
  ),
  ...importBoundary(
    ['apps/web/**/*.{ts,tsx}'],
    [
      restrict(
        ['@glyph/node', '@glyph/cli', '@glyph/server', 'sharp', 'fastify', ...nodeBuiltins],
        'apps/web runs in the browser: it may depend only on @glyph/core.',
      ),
    ],
  ),
  ...importBoundary(
    ['apps/server/**/*.ts'],
    [restrict(['@glyph/cli', '@glyph/web'], 'apps/server may not import another app.')],
  ),
  // The server's flags are the one part of the server the CLI reads (`glyph serve` offers them).
  ...importBoundary(
    ['apps/cli/**/*.{ts,js}'],
    [
      {
        regex: '^@glyph/(web|server)(?!/options$)(/|$)',
        message:
          "apps/cli may not import an app (only @glyph/server/options, the server's flags as data): `glyph serve` starts the server entry as a process.",
      },
    ],
  ),
  {
    // Imported by the CLI, so it must not pull any server code into the CLI's process.
    files: ['apps/server/src/config/server-flags.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '.', message: 'The server flags are plain data: they import nothing.' }] },
      ],
    },
  },
  // bench/ measures the apps from outside (as processes, over HTTP); shared harness pieces live in
  // @glyph/testkit.
  ...importBoundary(
    ['bench/**/*.{ts,js}'],
    [
      {
        regex: appImport,
        message: 'bench/ imports no app code: take shared harness pieces from @glyph/testkit.',
      },
    ],
  ),
  // Shared by the apps' tests and bench/ (test support itself): it may start the apps as processes,
  // never import them.
  ...importBoundary(
    ['packages/testkit/**/*.ts'],
    [{ regex: appImport, message: 'packages/testkit imports no app code.' }],
  ),
);
