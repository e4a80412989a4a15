// Lint enforces the architecture (DESIGN "Layout"): core stays platform-free, and dependencies
// only point core ← node ← cli/server, core ← web.
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
const corePatterns = [
  restrict(nodeBuiltins, 'packages/core may not import Node built-ins.'),
  restrict(
    ['@glyph/node', '@glyph/cli', '@glyph/server', '@glyph/web', 'sharp', 'fastify'],
    'packages/core depends on nothing of ours.',
  ),
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
    files: ['**/*.js', 'apps/cli/**', 'apps/server/**', 'packages/node/**', 'bench/**', '.ci/**'],
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
      'no-restricted-imports': ['error', { patterns: corePatterns }],
    },
  },
  {
    // Inside core, the foundations (images, data, preprocessing, segmentation, model metadata,
    // metrics, errors) are what training, evaluation and recognition are built on, never the reverse.
    files: [`packages/core/src/{${coreFoundations.join(',')}}/**/*.ts`],
    ignores: ['**/*.test.ts'],
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
          ],
        },
      ],
    },
  },
  {
    files: ['packages/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['@glyph/cli', '@glyph/server', '@glyph/web'],
              'packages/node may depend only on @glyph/core.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['@glyph/node', '@glyph/cli', '@glyph/server', 'sharp', 'fastify', ...nodeBuiltins],
              'apps/web runs in the browser: it may depend only on @glyph/core.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['apps/server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [restrict(['@glyph/cli', '@glyph/web'], 'apps/server may not import another app.')] },
      ],
    },
  },
  {
    files: ['apps/cli/**/*.{ts,js}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(
              ['@glyph/web', '@glyph/server'],
              'apps/cli may not import an app: `glyph serve` starts the server entry as a process.',
            ),
          ],
        },
      ],
    },
  },
);
