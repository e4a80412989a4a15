/**
 * One optimizer step at a time: the seam between the training loop (epochs, callbacks, progress) and
 * the engine that runs the step — in this thread, or data-parallel across worker threads.
 */
export interface BatchTrainer {
  /**
   * One optimizer step. `x`: `[batchSize, height, width, channels]` float32 in [0,1], flattened;
   * `labels`: class index per sample. Returns the batch's mean loss and accuracy (before the step).
   */
  trainBatch(x: Float32Array, labels: Int32Array, batchSize: number): Promise<BatchResult>;
  setLearningRate(learningRate: number): void;
  /** Model weights in `model.getWeights()` order (for checkpoints and syncing). */
  getWeights(): Promise<Float32Array[]>;
  setWeights(weights: readonly Float32Array[]): Promise<void>;
  dispose(): Promise<void>;
}

export interface BatchResult {
  readonly loss: number;
  readonly accuracy: number;
}
