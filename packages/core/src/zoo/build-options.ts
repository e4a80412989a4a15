import * as tf from '@tensorflow/tfjs';

type Initializer = ReturnType<typeof tf.initializers.heNormal>;

/** What every zoo builder takes. `inputShape` is `[height, width, channels]`. */
export interface BuildOptions {
  readonly inputShape: readonly [number, number, number];
  readonly numClasses: number;
  /** Seeds every initializer (and dropout mask base) so two builds are identical; random when absent. */
  readonly seed?: number;
}

/**
 * Hands out one distinct seed per layer, derived from the build seed, so initializers never share a
 * random stream (two layers seeded alike would start with correlated weights).
 */
export class LayerSeeds {
  private next: number;

  constructor(private readonly seed: number | undefined) {
    this.next = seed ?? 0;
  }

  /** A seed for the next layer, or undefined (tfjs then draws from its unseeded generator). */
  take(): number | undefined {
    if (this.seed === undefined) return undefined;
    // Golden-ratio stride keeps consecutive seeds far apart in the generator's state space.
    this.next = (this.next + 0x9e3779b9) >>> 0;
    return this.next;
  }

  heNormal(): Initializer {
    return tf.initializers.heNormal({ seed: this.take() });
  }

  glorotUniform(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.take() });
  }
}
