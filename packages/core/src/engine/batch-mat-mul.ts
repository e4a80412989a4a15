import {
  _FusedMatMul,
  BatchMatMul,
  broadcast_util,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs';
import { withKernelScope, type KernelScope } from './kernel-scope';
import { simdKernels } from './simd/simd-kernels';
import { heapOutput, zeroedOutput } from './wasm-heap';

/**
 * Matrix products on wasm. The stock kernels use XNNPACK only when neither operand is transposed and
 * both have batch size 1; anything else (in particular the transposed products of every Dense
 * layer's gradients) runs a naive loop about 14× slower. Here transposes become explicit `Transpose`
 * kernels and a batched left operand against a shared right operand is folded into rows, so the
 * product itself always takes the XNNPACK path when it can; aᵀ·b and a·bᵀ (a Dense layer's weight
 * and input gradients) go to our SIMD kernels instead, which need neither transposes nor packing.
 */
export function createMatMulConfigs(stock: {
  readonly batchMatMul: KernelConfig;
  readonly fusedMatMul: KernelConfig;
}): KernelConfig[] {
  return [
    { ...stock.batchMatMul, kernelFunc: fastMatMul(stock.batchMatMul.kernelFunc) },
    { ...stock.fusedMatMul, kernelFunc: fastMatMul(stock.fusedMatMul.kernelFunc) },
  ];
}

export const matMulKernelNames = [BatchMatMul, _FusedMatMul] as const;

function fastMatMul(stockKernel: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { a, b, ...extraInputs } = inputs as Record<string, TensorInfo> & {
      a: TensorInfo;
      b: TensorInfo;
    };
    const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
    const rowsFoldable =
      batchSize(b) === 1 && batchSize(a) > 1 && extraInputs.preluActivationWeights === undefined;
    if (!transposeA && !transposeB && !rowsFoldable) {
      return stockKernel({ inputs, backend, attrs });
    }
    const plain = Object.keys(extraInputs).length === 0 && (attrs?.activation ?? 'linear') === 'linear';
    if (plain && transposeA !== transposeB) {
      const product = transposeA
        ? transposedLeftProduct(backend, a, b)
        : transposedRightProduct(backend, a, b);
      if (product) return product;
    }
    return withKernelScope(backend, 'wasm', (scope) => {
      const left = transposeA ? swapLastAxes(scope, a) : a;
      const right = transposeB ? swapLastAxes(scope, b) : b;
      const plainAttrs: NamedAttrMap = { ...attrs, transposeA: false, transposeB: false };
      const run = (x: TensorInfo): TensorInfo =>
        scope.track(
          stockKernel({
            inputs: { ...extraInputs, a: x, b: right },
            backend,
            attrs: plainAttrs,
          }) as TensorInfo,
        );
      if (!rowsFoldable) return run(left);
      // One shared right operand: [...batch, m, k] · [k, n] is one [batch·m, k] · [k, n] product.
      const [m, k] = left.shape.slice(-2);
      const n = right.shape[right.shape.length - 1];
      const product = run(scope.reshape(left, [1, batchSize(left) * m, k]));
      const batchShape = broadcast_util.assertAndGetBroadcastShape(
        left.shape.slice(0, -2),
        right.shape.slice(0, -2),
      );
      return scope.reshape(product, [...batchShape, m, n]);
    });
  };
}

/**
 * aᵀ·b for a `[n, m]`, b `[n, p]` (the weight gradient of a Dense layer) with the SIMD kernel of the
 * convolution filter gradient, seen as a 1×1 convolution over n pixels: no transpose, no packing.
 * Undefined when the kernel does not apply (batched operands, p not a multiple of 8, no SIMD).
 */
function transposedLeftProduct(backend: unknown, a: TensorInfo, b: TensorInfo): TensorInfo | undefined {
  const kernels = simdKernels(backend);
  const [n, m] = a.shape.slice(-2);
  const p = b.shape[b.shape.length - 1];
  if (!kernels || batchSize(a) !== 1 || batchSize(b) !== 1 || p % 8 !== 0 || a.dtype !== 'float32') {
    return undefined;
  }
  const batchShape = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = zeroedOutput(backend, [...batchShape, m, p]);
  const offset = kernels.offsetOf;
  kernels.conv2dFilterGradient(offset(a), offset(b), offset(out), 1, 1, n, m, 1, n, p, 1, 1, 1, 1, 1, 1);
  return out;
}

/**
 * a·bᵀ for a `[m, k]`, b `[n, k]` (the input gradient of a Dense layer) with the SIMD dot-product
 * kernel: rows of both operands are contiguous, so nothing is transposed or packed. Undefined when
 * it does not apply (batched operands, k not a multiple of 4, no SIMD).
 */
function transposedRightProduct(backend: unknown, a: TensorInfo, b: TensorInfo): TensorInfo | undefined {
  const kernels = simdKernels(backend);
  const [m, k] = a.shape.slice(-2);
  const n = b.shape[b.shape.length - 2];
  if (!kernels || batchSize(a) !== 1 || batchSize(b) !== 1 || k % 4 !== 0 || a.dtype !== 'float32') {
    return undefined;
  }
  const batchShape = broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const out = heapOutput(backend, [...batchShape, m, n]);
  kernels.matMulTransposedRight(kernels.offsetOf(a), kernels.offsetOf(b), kernels.offsetOf(out), m, k, n);
  return out;
}

function batchSize(x: TensorInfo): number {
  return x.shape.slice(0, -2).reduce((product, extent) => product * extent, 1);
}

function swapLastAxes(scope: KernelScope, x: TensorInfo): TensorInfo {
  const perm = x.shape.map((_, axis) => axis);
  const rank = perm.length;
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return scope.transpose(x, perm);
}
