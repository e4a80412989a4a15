import { unsupported } from './unsupported';

export interface Window2d {
  readonly inputSize: readonly [number | null, number | null];
  readonly kernelSize: readonly [number, number];
  readonly strides: readonly [number, number];
  readonly dilation: readonly [number, number];
}

/**
 * ONNX `pads` `[top, left, bottom, right]` reproducing Keras padding. 'same' pads
 * `max((out - 1) * stride + effectiveKernel - in, 0)` in total with the extra pixel after (bottom,
 * right) when it is odd — asymmetric for even kernels or stride 2, which ONNX's `auto_pad` does not
 * promise to match, so the pads are written out.
 */
export function kerasPads(
  padding: unknown,
  window: Window2d,
  layer: { name: string; className: string },
): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  if (padding !== 'same') {
    throw unsupported(layer.name, layer.className, `padding "${String(padding)}" (supported: valid, same)`);
  }
  const before: number[] = [];
  const after: number[] = [];
  for (let axis = 0; axis < 2; axis++) {
    const effectiveKernel = (window.kernelSize[axis] - 1) * window.dilation[axis] + 1;
    const stride = window.strides[axis];
    const size = window.inputSize[axis];
    let total: number;
    if (size !== null) {
      const outSize = Math.ceil(size / stride);
      total = Math.max((outSize - 1) * stride + effectiveKernel - size, 0);
    } else if (stride === 1) {
      // With stride 1 the total does not depend on the input size.
      total = effectiveKernel - 1;
    } else {
      throw unsupported(
        layer.name,
        layer.className,
        "'same' padding with stride > 1 on an input of unknown size (give the model a fixed input size)",
      );
    }
    before.push(Math.floor(total / 2));
    after.push(total - Math.floor(total / 2));
  }
  return [before[0], before[1], after[0], after[1]];
}
