import type { DataType, TensorInfo } from '@tensorflow/tfjs';

/** The part of the wasm backend that lets a kernel read and write tensors in place on its heap. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/**
 * Float32 views of inputs and a fresh output on the wasm heap, for kernels written in plain
 * TypeScript: a tight loop over typed arrays beats a stock kernel that walks index vectors.
 * The output is allocated first because growing the heap would detach earlier views.
 */
export function heapKernel(
  backend: unknown,
  outShape: number[],
  inputs: readonly TensorInfo[],
  body: (out: Float32Array, ...views: Float32Array[]) => void,
): TensorInfo {
  const heap = backend as WasmHeapBackend;
  for (const input of inputs) {
    if (input.dtype !== 'float32') throw new Error(`Expected float32 input, got ${input.dtype}.`);
  }
  const out = heap.makeOutput(outShape, 'float32');
  const views = inputs.map((input) => heap.typedArrayFromHeap(input) as Float32Array);
  body(heap.typedArrayFromHeap(out) as Float32Array, ...views);
  return out;
}
