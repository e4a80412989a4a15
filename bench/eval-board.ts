// Cross-dataset evaluation board: every shipped ink model on data it never trained on — other
// writers (optdigits), its own held-out partitions, printed letters from held-out fonts — read the
// way a user's image is read. Writes one table per model; with --write, into docs/evaluation.md.
// Run: GLYPH_DATA_DIR=../shared/datasets npx tsx bench/eval-board.ts [--models models/digits,models/letters,models/chars]
//      [--fonts data/fonts-heldout] [--write docs/evaluation.md] [--json]
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { resolveDataDir } from '@glyph/node/datasets';
import { initNodeEngine } from '@glyph/node/engine';
import { loadModelFolder } from '@glyph/node/model-io';
import { loadRecognizerFromFolder } from '@glyph/node/recognize';
import type { ModelMetadata } from '@glyph/core/model';
import { folderSet, heldOut, heldOutAsImages, optdigits, testSplit, type BoardSet } from './board/board-sets';
import { scoreSet, type BoardScore } from './board/score-set';

const START = '<!-- eval-board:start -->';
const END = '<!-- eval-board:end -->';

/**
 * The sets a model is scored on, chosen by what it reads: the test data of its own training sets
 * (official test split, or the held-out side of the content-hash partition), other writers' digits,
 * and printed letters from fonts it never saw.
 */
function setsFor(metadata: ModelMetadata, dataDir: string, fonts?: string): (() => Promise<BoardSet>)[] {
  const sets: (() => Promise<BoardSet>)[] = [];
  const spec = typeof metadata.dataset.spec === 'string' ? metadata.dataset.spec : metadata.dataset.name;
  const parts = spec.split('+').filter((part) => !part.startsWith('folder:'));
  const sameRecipe = (part: string) =>
    part.startsWith('emnist') === (metadata.preprocessing.kind === 'ink-emnist');
  for (const part of parts) {
    if (part === 'mnist') sets.push(() => testSplit('mnist', dataDir));
    else if (sameRecipe(part)) sets.push(() => heldOut(part, dataDir));
    else sets.push(() => heldOutAsImages(part, dataDir));
  }
  const { labels } = metadata;
  if (['0', '9'].every((digit) => labels.includes(digit))) {
    if (!parts.some((part) => part === 'emnist-digits' || part === 'emnist-byclass'))
      sets.push(() => heldOutAsImages('emnist-digits', dataDir));
    sets.push(
      () => optdigits(dataDir, 'nearest'),
      () => optdigits(dataDir, 'cubic'),
    );
  }
  if (labels.includes('a') && fonts) {
    sets.push(() =>
      folderSet(
        'printed lower-case, held-out fonts',
        `${fonts}: letters rendered from fonts never used in training`,
        fonts,
      ),
    );
  }
  return sets;
}

async function boardFor(modelDir: string, dataDir: string, fonts: string | undefined) {
  const recognizer = await loadRecognizerFromFolder(modelDir);
  const { model, metadata } = await loadModelFolder(modelDir);
  const scores: BoardScore[] = [];
  try {
    for (const make of setsFor(metadata, dataDir, fonts)) {
      const set = await make();
      process.stderr.write(`${metadata.id}: ${set.name}…\n`);
      scores.push(await scoreSet(recognizer, model, set));
    }
  } finally {
    recognizer.dispose();
    model.dispose();
  }
  return { model: metadata.id, scores };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

function renderBoard(boards: { model: string; scores: BoardScore[] }[]): string {
  const lines: string[] = [];
  for (const board of boards) {
    lines.push(
      `**${board.model}**`,
      '',
      '| data set | images | top-1 | no ink | rejected | right and accepted |',
      '|---|---:|---:|---:|---:|---:|',
    );
    for (const s of board.scores) {
      lines.push(
        `| ${s.about} | ${s.count} | ${pct(s.accuracy)} | ${s.noInk} | ${s.rejected} | ${pct(s.acceptedRight)} |`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      models: { type: 'string', default: 'models/digits,models/letters,models/chars' },
      fonts: { type: 'string' },
      'data-dir': { type: 'string' },
      write: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  await initNodeEngine({ threads: 2 });
  const dataDir = values['data-dir'] ?? resolveDataDir();
  const boards = [];
  for (const modelDir of values.models.split(','))
    boards.push(await boardFor(modelDir, dataDir, values.fonts));
  if (values.json) process.stdout.write(`${JSON.stringify(boards)}\n`);
  const table = renderBoard(boards);
  if (!values.json) process.stdout.write(`${table}\n`);
  if (values.write) {
    const doc = await readFile(values.write, 'utf8');
    const start = doc.indexOf(START);
    const end = doc.indexOf(END);
    if (start < 0 || end < start) throw new Error(`${values.write} has no ${START} … ${END} section to fill`);
    await writeFile(values.write, `${doc.slice(0, start + START.length)}\n${table}\n${doc.slice(end)}`);
  }
}

await main();
