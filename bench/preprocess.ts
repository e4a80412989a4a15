// Speed of `preprocess` on a drawing canvas. `npm run bench` calls `benchPreprocess`; alone:
// npx tsx bench/preprocess.ts [--json]
import { parseArgs } from 'node:util';
import type { RawImage } from '@glyph/core';
import { circlePoints, drawStrokes, preprocess } from '@glyph/core/preprocess';
import type { PreprocessingSpec } from '@glyph/core/model';

export interface PreprocessBenchResult {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  /** Median of `rounds` timed rounds, each the mean over `iterations` calls (wall clock). */
  readonly msPerImage: number;
  /** The same from process CPU time, which a busy machine inflates less than the wall clock. */
  readonly cpuMsPerImage: number;
  readonly rounds: number;
  readonly iterations: number;
}

/** A 280×280 RGBA canvas with a digit-like drawing (an 8: two rings) on a transparent background. */
export function benchCanvas(size = 280): RawImage {
  const scale = size / 280;
  const ring = (cy: number, r: number) => ({
    points: circlePoints(140 * scale, cy * scale, r * scale * 0.8, r * scale),
    width: 16 * scale,
  });
  return drawStrokes([ring(90, 50), ring(190, 55)], { width: size, height: size, style: 'transparent' });
}

function timeIt(run: () => void, rounds: number, iterations: number): { wall: number; cpu: number } {
  for (let i = 0; i < iterations; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    const usage = process.cpuUsage();
    for (let i = 0; i < iterations; i++) run();
    const used = process.cpuUsage(usage);
    wall.push((performance.now() - start) / iterations);
    cpu.push((used.user + used.system) / 1000 / iterations);
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return { wall: median(wall), cpu: median(cpu) };
}

/** Times each preprocessing recipe on the bench canvas (median of rounds, so a busy machine skews it less). */
export function benchPreprocess(
  options: { rounds?: number; iterations?: number } = {},
): PreprocessBenchResult[] {
  const rounds = options.rounds ?? 15;
  const iterations = options.iterations ?? 100;
  const canvas = benchCanvas();
  const input = { width: 28, height: 28, channels: 1 } as const;
  const cases: [string, PreprocessingSpec, RawImage][] = [
    ['preprocess ink-mnist 280×280 RGBA', { kind: 'ink-mnist' }, canvas],
    ['preprocess ink-emnist 280×280 RGBA', { kind: 'ink-emnist' }, canvas],
    [
      'preprocess ink-mnist 280×280 blank',
      { kind: 'ink-mnist' },
      drawStrokes([], { width: 280, height: 280 }),
    ],
  ];
  return cases.map(([name, spec, image]) => {
    const time = timeIt(() => preprocess(image, spec, input), rounds, iterations);
    return {
      name,
      width: image.width,
      height: image.height,
      msPerImage: time.wall,
      cpuMsPerImage: time.cpu,
      rounds,
      iterations,
    };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
  const results = benchPreprocess();
  process.stdout.write(
    values.json
      ? `${JSON.stringify(results)}\n`
      : results
          .map(
            (r) =>
              `${r.name.padEnd(40)} ${r.msPerImage.toFixed(3)} ms wall  ${r.cpuMsPerImage.toFixed(3)} ms CPU`,
          )
          .join('\n') + '\n',
  );
}
