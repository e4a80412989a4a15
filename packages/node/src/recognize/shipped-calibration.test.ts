import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circlePoints, drawStrokes, type Stroke } from '@glyph/core/preprocess';
import type { Recognizer } from '@glyph/core/recognize';
import { initNodeEngine } from '../engine/init-node-engine';
import { loadRecognizerFromFolder } from './load-recognizer-from-folder';

// The shipped digits model with its fitted calibration.json, read the way a writer's canvas reaches it.
const digitsFolder = resolve(import.meta.dirname, '../../../../models/digits');
const pen = 18;
const canvas = (strokes: Stroke[], width = 280) => drawStrokes(strokes, { width, height: 280 });
const line = (points: [number, number][], width = pen): Stroke => ({ points, width });

/** Ordinary digits as a mouse draws them. */
const zero = () => [line(circlePoints(140, 140, 55, 90))];
const one = () => [
  line([
    [140, 45],
    [140, 235],
  ]),
];
const seven = () => [
  line([
    [80, 60],
    [200, 60],
    [120, 235],
  ]),
];
const four = (x = 0) => [
  line([
    [x + 130, 50],
    [x + 60, 170],
    [x + 180, 170],
  ]),
  line([
    [x + 150, 100],
    [x + 150, 240],
  ]),
];
const two = (x = 0) => [
  line([
    [x + 80, 90],
    [x + 120, 55],
    [x + 175, 70],
    [x + 180, 120],
    [x + 80, 230],
    [x + 195, 230],
  ]),
];

/** A scratched-out blob: round and round, each turn a different size. */
function scribble(): Stroke[] {
  const points: [number, number][] = [];
  for (let i = 0; i <= 120; i++) {
    const angle = (i / 24) * 2 * Math.PI;
    const radius = 40 + 35 * Math.sin(i / 9);
    points.push([
      140 + 20 * Math.sin(i / 13) + radius * Math.cos(angle),
      140 + radius * 0.8 * Math.sin(angle),
    ]);
  }
  return [line(points, 12)];
}

describe('the shipped digits model answers "not a character"', () => {
  let recognizer: Recognizer;
  let baseline = 0;
  beforeAll(async () => {
    await initNodeEngine({ backend: 'wasm' });
    recognizer = await loadRecognizerFromFolder(digitsFolder);
    baseline = tf.memory().numTensors;
  });
  afterAll(() => {
    expect(tf.memory().numTensors).toBe(baseline);
    recognizer.dispose();
  });

  it('loads the fitted calibration and gives calibrated confidences', () => {
    expect(recognizer.calibration?.model.createdAt).toBe(recognizer.metadata.createdAt);
    expect(recognizer.calibration?.detector).toBeDefined();
  });

  it('accepts ordinary digits', async () => {
    const answers = await recognizer.recognizeBatch(
      [zero(), one(), seven(), four(40), two(0)].map((s) => canvas(s)),
    );
    expect(answers.map((a) => a.predictions[0].label)).toEqual(['0', '1', '7', '4', '2']);
    for (const answer of answers) expect(answer.rejected).toBeUndefined();
  });

  it('rejects a dot, a horizontal line, a diagonal line and a scribble as not a character', async () => {
    const marks = [
      [line([[140, 140]], 30)],
      [
        line([
          [50, 150],
          [230, 150],
        ]),
      ],
      [
        line([
          [60, 190],
          [220, 100],
        ]),
      ],
      scribble(),
    ];
    const answers = await recognizer.recognizeBatch(marks.map((s) => canvas(s)));
    for (const answer of answers) {
      expect(answer.empty).toBe(false);
      expect(answer.rejected?.reason).toBe('not-a-character');
      // The model's own reading stays available beside the rejection.
      expect(answer.predictions).toHaveLength(5);
    }
  });

  it('tells "42" in single-character mode to use sequence mode', async () => {
    const answer = await recognizer.recognize(canvas([...four(0), ...two(170)], 420));
    expect(answer.rejected?.reason).toBe('several-characters');
    expect(answer.rejected?.hint).toMatch(/sequence mode/);
    const read = await recognizer.recognizeSequence(canvas([...four(0), ...two(170)], 420));
    expect(read.text).toBe('42');
  });
});
