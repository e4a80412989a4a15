import type { DataType, TensorInfo } from '@tensorflow/tfjs';

type HeapArray = Float32Array | Int32Array | Uint8Array;

/** The part of the wasm backend that lets a kernel read and write tensors in place on its heap. */
interface WasmHeapBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): HeapArray;
  incRef(dataId: TensorInfo['dataId']): void;
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
  for (const input of inputs) {
    if (input.dtype !== 'float32') throw new Error(`Expected float32 input, got ${input.dtype}.`);
  }
  return heapKernelOfType(backend, 'float32', outShape, inputs, (out, ...views) =>
    body(out as Float32Array, ...(views as Float32Array[])),
  );
}

/** Like `heapKernel` for any numeric dtype: views are typed by each tensor's dtype. */
export function heapKernelOfType(
  backend: unknown,
  dtype: DataType,
  outShape: number[],
  inputs: readonly TensorInfo[],
  body: (out: HeapArray, ...views: HeapArray[]) => void,
): TensorInfo {
  const heap = backend as WasmHeapBackend;
  const out = heap.makeOutput(outShape, dtype);
  const views = inputs.map((input) => heap.typedArrayFromHeap(input));
  body(heap.typedArrayFromHeap(out), ...views);
  return out;
}

/** A new tensor info sharing `x`'s data (reference counted), as the `cpu` backend's Identity does. */
export function shareData(backend: unknown, x: TensorInfo, shape: number[] = x.shape): TensorInfo {
  (backend as WasmHeapBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape, dtype: x.dtype };
}

/** A new float32 tensor on the wasm heap, filled with zeros (for kernels that accumulate into it). */
export function zeroedOutput(backend: unknown, shape: number[]): TensorInfo {
  const heap = backend as WasmHeapBackend;
  const out = heap.makeOutput(shape, 'float32');
  heap.typedArrayFromHeap(out).fill(0);
  return out;
}

/** A new, uninitialised float32 tensor on the wasm heap (for kernels that write every element). */
export function heapOutput(backend: unknown, shape: number[]): TensorInfo {
  return (backend as WasmHeapBackend).makeOutput(shape, 'float32');
}

/** A view of a tensor's data on the wasm heap (valid until the heap next grows). */
export function heapView(backend: unknown, info: TensorInfo): HeapArray {
  return (backend as WasmHeapBackend).typedArrayFromHeap(info);
}
