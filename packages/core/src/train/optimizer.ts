import * as tf from '@tensorflow/tfjs';

export type OptimizerKind = 'adam' | 'sgd';

export interface OptimizerConfig {
  readonly kind: OptimizerKind;
  readonly learningRate: number;
  /** SGD momentum (0 = plain SGD); ignored by Adam. */
  readonly momentum?: number;
}

export function createOptimizer(config: OptimizerConfig): tf.Optimizer {
  if (config.kind === 'adam') return tf.train.adam(config.learningRate);
  const momentum = config.momentum ?? 0;
  return momentum > 0 ? tf.train.momentum(config.learningRate, momentum) : tf.train.sgd(config.learningRate);
}

/**
 * Changes the step size of a live optimizer. tfjs has no common setter: SGD and momentum keep a
 * cached scalar updated by `setLearningRate`, Adam reads a plain (protected) field on every step.
 */
export function setOptimizerLearningRate(optimizer: tf.Optimizer, learningRate: number): void {
  const target = optimizer as unknown as {
    learningRate: number;
    setLearningRate?: (value: number) => void;
  };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate);
  else target.learningRate = learningRate;
}

/** One optimizer slot (Adam moment, momentum accumulator) as plain numbers. */
export interface OptimizerSlot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly values: Float32Array;
}

/** Everything a resumed run needs to continue the same optimizer trajectory. */
export interface OptimizerState {
  /** Steps taken so far; also drives per-step dropout seeds. */
  readonly iterations: number;
  readonly slots: readonly OptimizerSlot[];
}

export async function getOptimizerState(optimizer: tf.Optimizer): Promise<OptimizerState> {
  const [iterationsEntry, ...slots] = await optimizer.getWeights();
  const iterations = (await iterationsEntry.tensor.data())[0];
  const copies = await Promise.all(
    slots.map(async ({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      values: Float32Array.from(await tensor.data()),
    })),
  );
  iterationsEntry.tensor.dispose();
  return { iterations, slots: copies };
}

/** Restores `state` into a freshly created optimizer of the same kind (its slots must be unset). */
export async function setOptimizerState(optimizer: tf.Optimizer, state: OptimizerState): Promise<void> {
  const tensors: Parameters<tf.Optimizer['setWeights']>[0] = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
    ...state.slots.map((slot) => ({ name: slot.name, tensor: tf.tensor(slot.values, [...slot.shape]) })),
  ];
  try {
    await optimizer.setWeights(tensors);
  } finally {
    // setWeights copies each tensor into a new variable.
    tf.dispose(tensors.map((entry) => entry.tensor));
  }
}
