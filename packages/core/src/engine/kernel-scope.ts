import { getKernel, type KernelBackend, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';

/**
 * Runs registered kernels of one backend directly (not through the engine, so nothing is recorded on
 * the gradient tape and no tensors are tracked) and disposes every intermediate result at the end.
 * This is how a composite kernel is written inside a backend: it owns the data of its intermediates.
 */
export class KernelScope {
  private readonly intermediates: TensorInfo[] = [];

  constructor(
    readonly backend: KernelBackend,
    readonly backendName: string,
  ) {}

  /** Runs `kernelName` on this backend; the result is disposed with the scope unless `keep` is called. */
  run(kernelName: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap = {}): TensorInfo {
    const config = getKernel(kernelName, this.backendName);
    if (config === undefined) {
      throw new Error(`Kernel '${kernelName}' is not registered for backend '${this.backendName}'.`);
    }
    return this.track(config.kernelFunc({ inputs, attrs, backend: this.backend }) as TensorInfo);
  }

  /** Adds a result produced outside `run` (for example by a captured stock kernel) to the scope. */
  track(info: TensorInfo): TensorInfo {
    this.intermediates.push(info);
    return info;
  }

  reshape(x: TensorInfo, shape: readonly number[]): TensorInfo {
    return this.run('Reshape', { x }, { shape: [...shape] });
  }

  transpose(x: TensorInfo, perm: readonly number[]): TensorInfo {
    return this.run('Transpose', { x }, { perm: [...perm] });
  }

  /** `begin`/`size` per axis; returns `x` itself when the slice is the whole tensor. */
  slice(x: TensorInfo, begin: readonly number[], size: readonly number[]): TensorInfo {
    const whole = x.shape.every((extent, axis) => begin[axis] === 0 && size[axis] === extent);
    return whole ? x : this.run('Slice', { x }, { begin: [...begin], size: [...size] });
  }

  /** Zero padding `[before, after]` per axis; returns `x` itself when nothing is padded. */
  pad(x: TensorInfo, paddings: ReadonlyArray<readonly [number, number]>): TensorInfo {
    const none = paddings.every(([before, after]) => before === 0 && after === 0);
    return none ? x : this.run('PadV2', { x }, { paddings: paddings.map((p) => [...p]), constantValue: 0 });
  }

  /** Stops tracking `info` (it becomes the caller's result) and returns it. */
  keep(info: TensorInfo): TensorInfo {
    const index = this.intermediates.indexOf(info);
    if (index >= 0) this.intermediates.splice(index, 1);
    return info;
  }

  dispose(): void {
    for (const info of this.intermediates) this.backend.disposeData(info.dataId);
    this.intermediates.length = 0;
  }
}

/** Runs `body` in a fresh scope and disposes its intermediates, also when `body` throws. */
export function withKernelScope(
  backend: unknown,
  backendName: string,
  body: (scope: KernelScope) => TensorInfo,
): TensorInfo {
  const scope = new KernelScope(backend as KernelBackend, backendName);
  try {
    return scope.keep(body(scope));
  } finally {
    scope.dispose();
  }
}
