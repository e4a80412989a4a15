import { Tile, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { heapKernelOfType } from './wasm-heap';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/**
 * `Tile` by block copies. Batch-norm gradients tile a per-channel vector over the whole feature map,
 * and the stock wasm kernel computes every element's source index one by one (≈100× slower than
 * copying). Here the input is expanded in place inside the output, innermost axis first, each axis by
 * repeated `copyWithin` of whole blocks. Strings take the stock kernel.
 */
export function createTileConfig(stock: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { reps } = args.attrs as { reps: number[] };
    if (x.dtype === 'string' || x.shape.length === 0) return stock.kernelFunc(args);
    const outShape = x.shape.map((extent, axis) => extent * reps[axis]);
    return heapKernelOfType(args.backend, x.dtype, outShape, [x], (out, values) => {
      if (util.sizeFromShape(outShape) === 0) return;
      out.set(values);
      expandAxes(out, x.shape, reps);
    });
  };
  return { ...stock, kernelFunc };
}

/**
 * `out` starts with the input at its front. For each axis from the last, every outer block of the
 * current layout is repeated `reps[axis]` times; blocks are moved from the back so no source is
 * overwritten before it is copied (copyWithin has memmove semantics).
 */
function expandAxes(out: HeapArray, shape: readonly number[], reps: readonly number[]): void {
  let inner = 1; // size of the already-tiled inner part of one index of `axis`
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const block = shape[axis] * inner;
    if (reps[axis] !== 1) {
      const outer = util.sizeFromShape(shape.slice(0, axis));
      const grown = block * reps[axis];
      for (let q = outer - 1; q >= 0; q--) {
        const source = q * block;
        for (let rep = reps[axis] - 1; rep >= 0; rep--) {
          out.copyWithin(q * grown + rep * block, source, source + block);
        }
      }
    }
    inner = block * reps[axis];
  }
}

export const tileKernelName = Tile;
