// Failure class 2 of the robustness work: writer styles MNIST hardly holds, drawn in the test and read
// by the shipped digits model through its own preprocessing.
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { Recognizer } from '@glyph/core/recognize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRecognizerFromFolder } from './load-recognizer-from-folder';
import { boxyDigits, drawTemplate, europeanOne, europeanSeven } from '../testing';

const digitsModel = fileURLToPath(new URL('../../../../models/digits', import.meta.url));
let recognizer: Recognizer;
let tensorsBefore = 0;

beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
  recognizer = await loadRecognizerFromFolder(digitsModel);
});
afterAll(() => {
  recognizer.dispose();
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

async function read(image: Parameters<Recognizer['recognize']>[0]): Promise<string> {
  const answer = await recognizer.recognize(image, { top: 1 });
  return answer.predictions[0]?.label ?? '(no ink)';
}

describe('digits written in styles MNIST lacks', () => {
  it('reads thin straight-segment ("boxy") mouse drawings on a large canvas', async () => {
    const read9 = [];
    for (const [digit, template] of Object.entries(boxyDigits)) {
      const image = drawTemplate(template, {
        canvas: 400,
        boxWidth: 180,
        boxHeight: 260,
        left: 100,
        top: 70,
        pen: 3,
      });
      read9.push([digit, await read(image)]);
    }
    expect(read9.filter(([digit, label]) => digit !== label)).toEqual([]);
  });

  it('reads a European 1 (long lead-in, with or without a foot) as 1 and a crossed 7 as 7', async () => {
    const box = { canvas: 280, boxWidth: 120, boxHeight: 200, left: 80, top: 40, pen: 14 };
    expect(await read(drawTemplate(europeanOne(false), box))).toBe('1');
    expect(await read(drawTemplate(europeanOne(true), box))).toBe('1');
    expect(await read(drawTemplate(europeanSeven, { ...box, boxWidth: 150, left: 60 }))).toBe('7');
  });
});
