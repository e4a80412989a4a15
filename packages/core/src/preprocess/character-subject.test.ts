import { describe, expect, it } from 'vitest';
import type { RawImage } from '../image/raw-image';
import { parseModelMetadata } from '../model/parse-metadata';
import type { PreprocessingSpec } from '../model/metadata';
import { findCharacterSubject } from './character-subject';
import { drawStrokes, type Stroke } from './draw-strokes';
import { estimateLighting } from './flatten-lighting';
import { castShadow, placeOnPage } from './page-conditions';
import { photoInput } from './photo';
import { preprocess } from './preprocess';

const input = { width: 32, height: 32, channels: 3 } as const;
const subjectSpec: PreprocessingSpec = { kind: 'photo', subject: 'character' };
const plainSpec: PreprocessingSpec = { kind: 'photo' };

/** A bold printed-looking k, cut tight to its frame like the letter folders' pictures (64×64). */
function tightLetter(): RawImage {
  const k: Stroke[] = [
    {
      points: [
        [14, 6],
        [14, 58],
      ],
      width: 11,
    },
    {
      points: [
        [48, 12],
        [17, 38],
        [50, 58],
      ],
      width: 10,
    },
  ];
  return drawStrokes(k, { width: 64, height: 64 });
}

const margins = { left: 1.2, right: 0.8, top: 0.6, bottom: 1.4 };
const shadow = { angle: 0.6, offset: -0.05, depth: 0.5, softness: 0.25, gradient: 0.15 };

function meanAbsoluteDifference(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

function subjectInput(image: RawImage): Float32Array {
  const result = preprocess(image, subjectSpec, input);
  expect(result.empty).toBe(false);
  return result.input;
}

describe('the character subject step of the photo recipe', () => {
  const tight = subjectInput(tightLetter());

  it('reads a letter with wide white margins like its tight crop', () => {
    const padded = placeOnPage(tightLetter(), margins);
    const fromPadded = subjectInput(padded);
    expect(meanAbsoluteDifference(fromPadded, tight)).toBeLessThan(0.04);
    // Without the step the letter is a small mark in the middle of the input.
    const centreCrop = preprocess(padded, plainSpec, input).input;
    expect(meanAbsoluteDifference(centreCrop, tight)).toBeGreaterThan(0.15);
  });

  it('divides out a soft shadow and a light gradient across the page', () => {
    const shadowed = castShadow(placeOnPage(tightLetter(), margins), shadow);
    expect(estimateLighting(shadowed).background).toBeDefined();
    expect(meanAbsoluteDifference(subjectInput(shadowed), tight)).toBeLessThan(0.05);
    const uncorrected = preprocess(shadowed, plainSpec, input).input;
    expect(meanAbsoluteDifference(uncorrected, tight)).toBeGreaterThan(0.15);
  });

  it('leaves evenly lit pictures undivided, paper scaled to white', () => {
    const grey = placeOnPage(tightLetter(), { ...margins, paper: 200 });
    const lighting = estimateLighting(grey);
    expect(lighting.background).toBeUndefined();
    expect(lighting.paper).toBeCloseTo(200 / 255, 5);
    expect(meanAbsoluteDifference(subjectInput(grey), tight)).toBeLessThan(0.04);
  });

  it('frames the character with the margin of the training pictures, ignoring specks and the page edge', () => {
    const padded = placeOnPage(tightLetter(), margins);
    const clean = findCharacterSubject(padded);
    const cluttered = { ...padded, data: Uint8Array.from(padded.data) };
    const paint = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++)
          cluttered.data.fill(30, (y * padded.width + x) * 3, (y * padded.width + x) * 3 + 3);
    };
    paint(0, 0, 6, padded.height); // the table beyond the sheet's left edge
    paint(150, 20, 152, 22); // dust
    paint(20, 170, 22, 171);
    expect(clean).toBeDefined();
    expect(findCharacterSubject(cluttered)?.box).toEqual(clean?.box);
    // The k's ink spans x 9–55 and y 1–63 of the 64 px crop, placed at (77, 38).
    const box = clean!.box;
    expect(box.x).toBeLessThan(77 + 9);
    expect(box.x + box.width).toBeGreaterThan(77 + 55);
    expect(box.y).toBeLessThan(38 + 1);
    expect(box.y + box.height).toBeGreaterThan(38 + 63);
    expect(box.width).toBeLessThan(64);
    expect(box.height).toBeLessThan(64 * 1.3);
  });

  it('finds no character in a shadow edge, a light gradient or blank paper alone', () => {
    const paper: RawImage = {
      data: new Uint8Array(240 * 180 * 3).fill(235),
      width: 240,
      height: 180,
      channels: 3,
    };
    expect(preprocess(paper, subjectSpec, input).empty).toBe(true);
    for (const softness of [0.02, 0.1, 0.3]) {
      const shadowOnly = castShadow(paper, { ...shadow, softness });
      expect({ softness, empty: preprocess(shadowOnly, subjectSpec, input).empty }).toEqual({
        softness,
        empty: true,
      });
    }
    const gradient = castShadow(paper, { angle: 0, offset: 0, depth: 0, softness: 1, gradient: 0.5 });
    expect(preprocess(gradient, subjectSpec, input).empty).toBe(true);
  });

  it('keeps a bold l stretched to its frame as ink, lit evenly or under a shadow', () => {
    // Like the letter folders' pictures: a solid block inside a few pixels of margin, wider than
    // the opening, so it must be read as ink rather than as a dark background.
    const block = new Uint8Array(60 * 60).fill(255);
    for (let y = 6; y < 55; y++) block.fill(0, y * 60 + 4, y * 60 + 56);
    const l: RawImage = { data: block, width: 60, height: 60, channels: 1 };
    const centreOf = (values: Float32Array) => values[(16 * 32 + 16) * 3];
    const even = subjectInput(l);
    expect(centreOf(even)).toBeLessThan(0.05);
    // Evenly lit: only scaled, so the tight crop keeps its bytes through the step's lighting part.
    expect(estimateLighting(l).background).toBeUndefined();
    const shaded = subjectInput(castShadow(placeOnPage(l, margins), shadow));
    expect(centreOf(shaded)).toBeLessThan(0.05);
    expect(meanAbsoluteDifference(shaded, even)).toBeLessThan(0.06);
  });

  it('keeps the centre crop when the metadata declares no subject', () => {
    const padded = castShadow(placeOnPage(tightLetter(), margins), shadow);
    expect(preprocess(padded, plainSpec, input).input).toEqual(photoInput(padded, input, {}));
  });
});

describe('the subject field of photo metadata', () => {
  const metadata = (preprocessing: unknown) => ({
    id: 'alphabet',
    name: 'Alphabet',
    task: 'image',
    labels: ['a', 'b'],
    input: { width: 32, height: 32, channels: 3 },
    preprocessing,
    dataset: { name: 'folder:x', split: 'train', sha256: 'x' },
    metrics: { accuracy: 1 },
    training: { epochs: 1, seconds: 1, backend: 'cpu' },
    createdAt: '2026-01-01T00:00:00Z',
    version: '1',
  });

  it('accepts character and rejects subjects it cannot find', () => {
    expect(parseModelMetadata(metadata(subjectSpec), 'models/x').preprocessing).toEqual(subjectSpec);
    expect(() => parseModelMetadata(metadata({ kind: 'photo', subject: 'face' }), 'models/x')).toThrow(
      /preprocessing\.subject/,
    );
  });
});
