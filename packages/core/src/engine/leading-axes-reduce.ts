import { Mean, Sum, util, type KernelConfig, type KernelFunc, type TensorInfo } from '@tensorflow/tfjs';
import { heapKernel } from './wasm-heap';

export const reduceKernelNames = { sum: Sum, mean: Mean } as const;

/**
 * `Sum` and `Mean` over leading axes, e.g. a bias gradient or batch-norm moments:
 * [batch, h, w, c] → [c]. The stock wasm kernels first transpose the reduced axes to the end (a full
 * copy) and then reduce; here one streaming pass adds rows into per-column accumulators.
 * Accumulators are float64, like the `cpu` backend's. Every other reduction goes to the stock kernel.
 */
export function createLeadingAxesReduceConfig(stock: KernelConfig): KernelConfig {
  const averages = stock.kernelName === Mean;
  const kernelFunc: KernelFunc = (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((a, i) => a === i);
    if (!leading || x.dtype !== 'float32') return stock.kernelFunc(args);
    const kept = x.shape.slice(axes.length);
    const outShape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
    const columns = util.sizeFromShape(kept);
    return heapKernel(args.backend, outShape, [x], (out, values) => {
      const sums = columnSums(values, columns);
      const scale = averages ? columns / values.length : 1;
      for (let c = 0; c < columns; c++) out[c] = sums[c] * scale;
    });
  };
  return { ...stock, kernelFunc };
}

/** Sums of each column of a row-major [rows, columns] matrix; four rows per pass halve the loop cost. */
function columnSums(values: Float32Array, columns: number): Float64Array {
  const sums = new Float64Array(columns);
  const fourRows = 4 * columns;
  let offset = 0;
  for (; offset + fourRows <= values.length; offset += fourRows) {
    for (let c = 0, i = offset; c < columns; c++, i++) {
      sums[c] += values[i] + values[i + columns] + values[i + 2 * columns] + values[i + 3 * columns];
    }
  }
  for (; offset < values.length; offset += columns) {
    for (let c = 0; c < columns; c++) sums[c] += values[offset + c];
  }
  return sums;
}
