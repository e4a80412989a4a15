// Test fixture shared by the renderer tests: a small, fully known report and the images behind it.
import type { LabeledImages } from '@glyph/core/data';
import { buildEvaluationReport, describePartition, type EvaluationReport } from '@glyph/core/metrics';

/** `count` 28×28 gray images, image i a bar of ink at row i % 28. */
export function fixtureImages(count: number, classNames: readonly string[]): LabeledImages {
  const images = new Uint8Array(count * 28 * 28);
  for (let i = 0; i < count; i++) images.fill(255, i * 784 + (i % 28) * 28, i * 784 + (i % 28) * 28 + 28);
  return {
    name: 'fixture:test',
    images,
    labels: Int32Array.from({ length: count }, (_, i) => i % classNames.length),
    count,
    width: 28,
    height: 28,
    channels: 1,
    classNames,
  };
}

/** A report over `fixtureImages(n, labels)` where every 4th sample is mistaken for the next class. */
export function fixtureReport(
  labels: readonly string[] = ['0', '1', '2'],
  options: { n?: number; holdoutFraction?: number } = {},
): EvaluationReport {
  const n = options.n ?? 12;
  const trueClasses = Array.from({ length: n }, (_, i) => i % labels.length);
  const predictedClasses = trueClasses.map((t, i) => (i % 4 === 3 ? (t + 1) % labels.length : t));
  const wrong = (i: number) => i % 4 === 3;
  return buildEvaluationReport({
    model: {
      id: 'fixture',
      name: 'Fixture net',
      labels,
      input: { width: 28, height: 28, channels: 1 },
      source: 'models/fixture',
    },
    dataset: {
      spec: 'fixture:test',
      name: 'fixture:test',
      sha256: 'ab'.repeat(32),
      partition: describePartition({
        dataset: 'fixture',
        split: 'test',
        holdoutFraction: options.holdoutFraction,
      }),
      notes: ['2 duplicate images removed.'],
    },
    outcomes: {
      trueClasses,
      predictedClasses,
      confidences: trueClasses.map((_, i) => (wrong(i) ? 0.7 : 0.95)),
      trueProbabilities: trueClasses.map((_, i) => (wrong(i) ? 0.2 + i / 1000 : 0.95)),
    },
    timing: { backend: 'cpu', evaluateMs: 40, imagesPerSecond: 300 },
    topLossCount: 5,
    createdAt: '2024-01-02T03:04:05.000Z',
  });
}
