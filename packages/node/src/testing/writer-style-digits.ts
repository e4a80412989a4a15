// Digits drawn the way different writers draw them, for the tests of the shipped digits model.
import { drawStrokes, type Stroke } from '@glyph/core/preprocess';
import type { RawImage } from '@glyph/core';

/** A digit as polylines in a unit box (x right, y down, 0..1), one array per pen stroke. */
type Template = readonly (readonly (readonly [number, number])[])[];

/**
 * Digits as people write them with a mouse, in straight segments ("boxy"): a few clicks and drags
 * per stroke, the way a thin-pen drawing on a large canvas comes out.
 */
export const boxyDigits: Readonly<Record<string, Template>> = {
  '0': [
    [
      [0.2, 0],
      [0.8, 0],
      [0.8, 1],
      [0.2, 1],
      [0.2, 0],
    ],
  ],
  '2': [
    [
      [0.1, 0.1],
      [0.5, 0],
      [0.9, 0.15],
      [0.9, 0.4],
      [0.1, 1],
      [0.95, 1],
    ],
  ],
  '3': [
    [
      [0.1, 0.05],
      [0.85, 0.05],
      [0.4, 0.45],
      [0.9, 0.6],
      [0.85, 0.9],
      [0.1, 0.95],
    ],
  ],
  '4': [
    [
      [0.65, 0],
      [0.05, 0.65],
      [0.95, 0.65],
    ],
    [
      [0.7, 0.3],
      [0.7, 1],
    ],
  ],
  '5': [
    [
      [0.9, 0],
      [0.15, 0],
      [0.1, 0.45],
      [0.8, 0.45],
      [0.9, 0.75],
      [0.75, 1],
      [0.1, 0.95],
    ],
  ],
  '6': [
    [
      [0.8, 0],
      [0.15, 0.5],
      [0.15, 1],
      [0.85, 1],
      [0.85, 0.55],
      [0.15, 0.55],
    ],
  ],
  '7': [
    [
      [0.05, 0.05],
      [0.95, 0.05],
      [0.35, 1],
    ],
  ],
  '8': [
    [
      [0.5, 0.5],
      [0.15, 0.25],
      [0.5, 0],
      [0.85, 0.25],
      [0.15, 0.75],
      [0.5, 1],
      [0.85, 0.75],
      [0.5, 0.5],
    ],
  ],
  '9': [
    [
      [0.85, 0.45],
      [0.15, 0.45],
      [0.15, 0],
      [0.85, 0],
      [0.85, 1],
    ],
  ],
};

/** A continental-European 1: a long lead-in upstroke to the top, the stem, and sometimes a foot. */
export const europeanOne = (foot: boolean): Template => [
  [
    [0.05, 0.4],
    [0.6, 0],
    [0.6, 1],
  ],
  ...(foot
    ? [
        [
          [0.3, 1],
          [0.9, 1],
        ] as const,
      ]
    : []),
];

/** A European 7: the bar, the stem and a crossbar through the stem. */
export const europeanSeven: Template = [
  [
    [0.05, 0.05],
    [0.95, 0.05],
    [0.4, 1],
  ],
  [
    [0.35, 0.55],
    [0.85, 0.55],
  ],
];

/**
 * Draws a template dark on white, the way a canvas holds a mouse drawing: `boxWidth`×`boxHeight`
 * pixels of writing at (left, top) on a `canvas`-pixel square, with a pen `pen` pixels wide.
 */
export function drawTemplate(
  template: Template,
  options: { canvas: number; boxWidth: number; boxHeight: number; left: number; top: number; pen: number },
): RawImage {
  const strokes: Stroke[] = template.map((line) => ({
    points: line.map(
      ([x, y]) => [options.left + x * options.boxWidth, options.top + y * options.boxHeight] as const,
    ),
    width: options.pen,
  }));
  return drawStrokes(strokes, { width: options.canvas, height: options.canvas });
}
