import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExplicitPadding } from './conv-attrs';
import { setSimdKernelsEnabled } from './simd/simd-kernels';
import {
  runKernel,
  runOn,
  scaledError,
  seededValues,
  startWasm,
  wasmDataBuffers,
  wasmVersusCpu,
} from '../testing';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | number | ExplicitPadding;

interface ConvCase {
  readonly name: string;
  readonly x: Shape4;
  readonly filter: Shape4;
  readonly strides: number | [number, number];
  readonly pad: Pad;
}

// Batch 1 and odd batches; 1, 3 and odd channel counts; non-square inputs and filters; strides 1, 2,
// 3 and mixed; same, valid, numeric and asymmetric explicit padding; kernels of 1×1 up to the input.
const cases: ConvCase[] = [
  { name: 'batch 1, 1 channel, valid', x: [1, 5, 5, 1], filter: [3, 3, 1, 1], strides: 1, pad: 'valid' },
  { name: 'non-square, same', x: [2, 7, 5, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { name: 'stride 2, same, odd sizes', x: [3, 9, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'same' },
  { name: 'stride 2, valid, odd sizes', x: [3, 9, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: 'valid' },
  { name: 'strides 2×3, 2×3 kernel', x: [1, 8, 11, 3], filter: [2, 3, 3, 3], strides: [2, 3], pad: 'same' },
  { name: '1×1 kernel, stride 2', x: [2, 10, 10, 3], filter: [1, 1, 3, 4], strides: 2, pad: 'valid' },
  { name: 'stride 3, 5×4 kernel', x: [2, 10, 9, 5], filter: [5, 4, 5, 2], strides: 3, pad: 'same' },
  { name: 'numeric padding 1', x: [2, 6, 7, 3], filter: [3, 3, 3, 2], strides: 1, pad: 1 },
  { name: 'kernel as large as input', x: [1, 4, 4, 2], filter: [4, 4, 2, 3], strides: 1, pad: 'valid' },
  {
    name: 'explicit asymmetric padding, stride 2',
    x: [2, 11, 9, 3],
    filter: [3, 3, 3, 4],
    strides: 2,
    pad: [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  },
];

// Output channels in multiples of 8 take the WebAssembly SIMD filter-gradient kernel; the cases
// above (1–5 channels) take the XNNPACK composition. Both must match cpu.
const simdCases: ConvCase[] = cases.map((c, index) => {
  const inChannels = c.x[3] + 4 * (1 + (index % 2)); // blocks of four plus a remainder
  const outChannels = index % 2 === 0 ? 8 : 16;
  return {
    ...c,
    name: `${c.name}, ${inChannels}→${outChannels} channels`,
    x: [c.x[0], c.x[1], c.x[2], inChannels],
    filter: [c.filter[0], c.filter[1], inChannels, outChannels],
  };
});

function outputShape(
  c: { x: Shape4; filter: Shape4; strides: ConvCase['strides']; pad: Pad },
  dilations = 1,
): Shape4 {
  return tf.backend_util.computeConv2DInfo(c.x, c.filter, c.strides, dilations, c.pad).outShape as Shape4;
}

function tensor(shape: Shape4, seed: number): tf.Tensor4D {
  return tf.tensor4d(seededValues(shape[0] * shape[1] * shape[2] * shape[3], seed), shape);
}

function filterGradient(
  c: ConvCase,
  filterShape: Shape4 = c.filter,
  dilations = 1,
  dyShape: Shape4 = outputShape(c, dilations),
): tf.Tensor {
  return runKernel(
    'Conv2DBackpropFilter',
    { x: tensor(c.x, 1), dy: tensor(dyShape, 2) },
    { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', filterShape, dilations },
  );
}

function inputGradient(c: ConvCase, filter: tf.Tensor4D = tensor(c.filter, 3), dilations = 1): tf.Tensor {
  return runKernel(
    'Conv2DBackpropInput',
    { dy: tensor(outputShape(c, dilations), 2), filter },
    { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x, dilations },
  );
}

beforeAll(startWasm);

describe('Conv2DBackpropFilter on wasm', () => {
  it.each([...cases, ...simdCases])('matches cpu: $name', async (c) => {
    expect(await wasmVersusCpu(() => filterGradient(c))).toBeLessThan(1e-4);
  });
});

describe('Conv2DBackpropFilter on wasm without the SIMD kernels', () => {
  afterAll(() => setSimdKernelsEnabled(true));

  it.each(simdCases.slice(0, 4))('the XNNPACK composition matches cpu: $name', async (c) => {
    setSimdKernelsEnabled(false);
    expect(await wasmVersusCpu(() => filterGradient(c))).toBeLessThan(1e-4);
  });
});

describe('Conv2DBackpropInput on wasm', () => {
  it.each(cases)('matches cpu: $name', async (c) => {
    expect(await wasmVersusCpu(() => inputGradient(c))).toBeLessThan(1e-4);
  });
});

describe('dilated convolution gradients on wasm', () => {
  // tfjs' gradients reject dilation, and the cpu kernels ignore it, so the reference is the cpu
  // gradient of the equivalent undilated convolution whose filter has zeros between the taps.
  const dilated: Array<ConvCase & { dilation: number }> = [
    {
      name: 'same, dilation 2',
      x: [2, 9, 10, 2],
      filter: [3, 3, 2, 3],
      strides: 1,
      pad: 'same',
      dilation: 2,
    },
    {
      name: 'valid, dilation 3',
      x: [1, 12, 9, 1],
      filter: [2, 3, 1, 2],
      strides: 1,
      pad: 'valid',
      dilation: 3,
    },
  ];

  function spreadShape(c: ConvCase & { dilation: number }): Shape4 {
    const [h, w, i, o] = c.filter;
    return [(h - 1) * c.dilation + 1, (w - 1) * c.dilation + 1, i, o];
  }

  /** The filter with (dilation − 1) zeros between taps. */
  function spreadFilter(c: ConvCase & { dilation: number }): tf.Tensor4D {
    const [h, w, i, o] = c.filter;
    const [sh, sw] = spreadShape(c);
    const source = seededValues(h * w * i * o, 3);
    const spread = new Float32Array(sh * sw * i * o);
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        const from = (r * w + col) * i * o;
        spread.set(source.subarray(from, from + i * o), (r * c.dilation * sw + col * c.dilation) * i * o);
      }
    }
    return tf.tensor4d(spread, [sh, sw, i, o]);
  }

  it.each(dilated)('forward Conv2D matches cpu: $name', async (c) => {
    const forward = (): tf.Tensor =>
      tf.conv2d(tensor(c.x, 1), tensor(c.filter, 3), c.strides, c.pad as 'same', 'NHWC', c.dilation);
    expect(await wasmVersusCpu(forward)).toBeLessThan(1e-4);
  });

  it.each(dilated)('filter gradient: $name', async (c) => {
    const expected = await runOn('cpu', () => {
      const spreadGradient = filterGradient(c, spreadShape(c), 1, outputShape(c, c.dilation));
      return tf.stridedSlice(spreadGradient, [0, 0, 0, 0], spreadGradient.shape, [
        c.dilation,
        c.dilation,
        1,
        1,
      ]);
    });
    const actual = await runOn('wasm', () => filterGradient(c, c.filter, c.dilation));
    expect(scaledError(actual, expected)).toBeLessThan(1e-4);
  });

  it.each(dilated)('input gradient: $name', async (c) => {
    const expected = await runOn('cpu', () =>
      inputGradient({ ...c, filter: spreadShape(c) }, spreadFilter(c)),
    );
    const actual = await runOn('wasm', () => inputGradient(c, tensor(c.filter, 3), c.dilation));
    expect(scaledError(actual, expected)).toBeLessThan(1e-4);
  });
});

describe('convolution gradient kernels on wasm', () => {
  it('free every intermediate buffer', async () => {
    await tf.setBackend('wasm');
    const before = wasmDataBuffers();
    const tensorsBefore = tf.memory().numTensors;
    for (const c of cases) {
      tf.dispose(tf.tidy(() => [filterGradient(c), inputGradient(c)]));
    }
    expect(wasmDataBuffers()).toBe(before);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
