// The sequence scorer on real lattices: lines of MNIST digits written and segmented as the
// recognizer does, each candidate classified by the shipped digits model.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '@glyph/core/data';
import { SEQUENCE_WEIGHTS, type SequenceWeights } from '@glyph/core/recognize';
import {
  bestText,
  edgeScores,
  fitSequenceScorer,
  measureReadings,
  SEQUENCE_SCORER_FILE,
  sequenceScorerArtifact,
  type Lattice,
} from '@glyph/core/sequence-scorer';
import { writeNumber } from '@glyph/core/written-lines';
import { loadDataset } from '../datasets/load-dataset';
import { initNodeEngine } from '../engine/init-node-engine';
import { readMetadata } from '../model-io/load-model-folder';
import { loadRecognizerFromFolder } from '../recognize/load-recognizer-from-folder';
import { readSequenceScorer } from '../recognize/read-sequence-scorer';
import { collectLattices } from './collect-lattices';
import { readLatticeFiles, saveLatticeFile } from './lattice-files';

const digitsFolder = resolve(import.meta.dirname, '../../../../models/digits');
const dataDir = process.env.GLYPH_DATA_DIR ? resolve(process.env.GLYPH_DATA_DIR) : '';
const available = dataDir !== '' && existsSync(join(dataDir, 'mnist'));
if (!available) {
  console.warn('Skipping the sequence scorer test: it needs GLYPH_DATA_DIR with mnist.');
}

/** No evidence weighed: every reading scores 0, so the first (whole) readings win. */
const unweighed: SequenceWeights = {
  ...SEQUENCE_WEIGHTS,
  linear: SEQUENCE_WEIGHTS.linear.map(() => 0),
  hidden: [],
  stray: 0,
};
const CHECK_SEED = 2;
const CHECK_LINES = 25;
const FIT_LINES = 50;
/** Minutes, not seconds: every line is segmented and its candidates classified. */
const SLOW = 300_000;

let work = '';
let fit: Lattice[] = [];
let check: Lattice[] = [];

/** A copy of the digits model folder without its scorer. */
async function digitsCopy(name: string): Promise<string> {
  const folder = join(work, name);
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder);
  for (const file of ['model.json', 'group1-shard1of1.bin', 'metadata.json'])
    await copyFile(join(digitsFolder, file), join(folder, file));
  return folder;
}

/** The texts the recognizer in `folder` reads for the check lines (the same lines as `check`). */
async function readCheckLines(folder: string): Promise<string[]> {
  const test = (await loadDataset('mnist:test', { dataDir })).test;
  if (test === undefined) throw new Error('mnist:test is missing');
  const recognizer = await loadRecognizerFromFolder(folder);
  try {
    const random = mulberry32(CHECK_SEED);
    const texts: string[] = [];
    for (let n = 0; n < CHECK_LINES; n++) {
      const written = writeNumber(test, 3 + Math.floor(random() * 6), random);
      texts.push((await recognizer.recognizeSequence(written.image, { charset: 'digits', top: 1 })).text);
    }
    return texts;
  } finally {
    recognizer.dispose();
  }
}

describe.skipIf(!available)('the sequence scorer on lattices of written MNIST lines', () => {
  beforeAll(async () => {
    await initNodeEngine({ backend: 'wasm' });
    work = await mkdtemp(join(tmpdir(), 'glyph-scorer-'));
    const base = { model: digitsFolder, dataDir };
    const train = await collectLattices({ ...base, split: 'train', count: FIT_LINES, seed: 11 });
    const test = await collectLattices({ ...base, split: 'test', count: CHECK_LINES, seed: CHECK_SEED });
    expect(train.model).toBe('digits');
    await saveLatticeFile(join(work, 'train.json'), train);
    await saveLatticeFile(join(work, 'test.json'), test);
    fit = await readLatticeFiles([join(work, 'train.json')]);
    check = await readLatticeFiles([join(work, 'test.json')]);
  }, SLOW);
  afterAll(async () => {
    if (work !== '') await rm(work, { recursive: true, force: true });
  });

  it('saves lines whose texts are the written numbers and whose paths include most of them', () => {
    expect(fit).toHaveLength(FIT_LINES);
    for (const lattice of fit) expect(lattice.text).toMatch(/^\d{3,8}$/);
    expect(measureReadings(fit, SEQUENCE_WEIGHTS).reachable).toBeGreaterThan(0.85);
  });

  it(
    'reads a lattice exactly as the recognizer reads the line, with any weights',
    async () => {
      const shipped = await readCheckLines(digitsFolder);
      expect(shipped).toEqual(check.map((l) => bestText(l, edgeScores(l, SEQUENCE_WEIGHTS))));
      // A folder whose scorer weighs nothing reads its lines with that scorer, not the default.
      const folder = await digitsCopy('unweighed');
      const metadata = await readMetadata(folder);
      const artifact = sequenceScorerArtifact(unweighed, metadata, {});
      await writeFile(join(folder, SEQUENCE_SCORER_FILE), JSON.stringify(artifact));
      const plain = await readCheckLines(folder);
      expect(plain).toEqual(check.map((l) => bestText(l, edgeScores(l, unweighed))));
      expect(plain).not.toEqual(shipped);
    },
    SLOW,
  );

  it('fits weights that read unseen lines about as well as the shipped scorer', () => {
    const losses: number[] = [];
    const weights = fitSequenceScorer(fit, {
      hidden: 2,
      steps: 150,
      l2: 0.001,
      learningRate: 0.02,
      seed: 7,
      onProgress: (_step, loss) => losses.push(loss),
    });
    expect(losses).toHaveLength(3);
    expect(losses[2]).toBeLessThan(losses[0]);
    const fitted = measureReadings(check, weights);
    const shipped = measureReadings(check, SEQUENCE_WEIGHTS);
    const none = measureReadings(check, unweighed);
    expect(fitted.numbers).toBeGreaterThan(none.numbers + 0.1);
    expect(fitted.numbers).toBeGreaterThanOrEqual(shipped.numbers - 0.1);
    expect(fitted.digits).toBeGreaterThan(0.95);
    // Weights are rounded to 4 decimals, lists follow the features.
    expect(weights.linear).toHaveLength(SEQUENCE_WEIGHTS.linear.length);
    expect(weights.hidden).toHaveLength(2);
    for (const x of [...weights.linear, weights.stray]) expect(Number(x.toFixed(4))).toBe(x);
  });

  it('loads the shipped scorer with the digits model and the default without a file', async () => {
    const shipped = await readSequenceScorer(digitsFolder, await readMetadata(digitsFolder));
    expect(shipped.from).toBe('folder');
    expect(shipped.weights).toEqual(SEQUENCE_WEIGHTS);
    const bare = await digitsCopy('bare');
    expect(await readSequenceScorer(bare, await readMetadata(bare))).toEqual({
      weights: SEQUENCE_WEIGHTS,
      from: 'default',
    });
    await writeFile(join(bare, SEQUENCE_SCORER_FILE), '{"format": ');
    await expect(readSequenceScorer(bare, await readMetadata(bare))).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringMatching(/sequence-scorer\.json is not valid JSON .*glyph sequence-scorer fit/),
    });
  });
});
