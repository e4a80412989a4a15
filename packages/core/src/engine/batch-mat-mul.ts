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

/**
 * Matrix products on wasm. The stock kernels use XNNPACK only when neither operand is transposed and
 * both have batch size 1; anything else (in particular the transposed products of every Dense
 * layer's gradients) runs a naive loop about 14× slower. Here transposes become explicit `Transpose`
 * kernels and a batched left operand against a shared right operand is folded into rows, so the
 * product itself always takes the XNNPACK path when it can.
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

function batchSize(x: TensorInfo): number {
  return x.shape.slice(0, -2).reduce((product, extent) => product * extent, 1);
}

function swapLastAxes(scope: KernelScope, x: TensorInfo): TensorInfo {
  const perm = x.shape.map((_, axis) => axis);
  const rank = perm.length;
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return scope.transpose(x, perm);
}
