import { describe, expect, it } from 'vitest';
import { mapConcurrent } from './map-concurrent';

describe('mapConcurrent', () => {
  it('keeps input order, never exceeds the limit and reports progress', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const progress: string[] = [];
    const results = await mapConcurrent(
      [5, 1, 4, 2, 3],
      2,
      async (value) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        for (let i = 0; i < value; i++) await Promise.resolve();
        inFlight--;
        return value * 10;
      },
      (done, total) => progress.push(`${done}/${total}`),
    );
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(maxInFlight).toBe(2);
    expect(progress).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
  });
});
