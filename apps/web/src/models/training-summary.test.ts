import { describe, expect, it } from 'vitest';
import { formatDuration, trainingFacts } from './training-summary';

describe('trainingFacts', () => {
  it('picks the facts present, formatted, in reading order', () => {
    const facts = trainingFacts({
      dataset: { name: 'mnist', split: 'train', trainCount: 54000 },
      training: { architecture: 'seed-mnist', params: 113898, epochs: 2, seconds: 504.5, backend: 'wasm' },
      preprocessing: { kind: 'ink-mnist' },
      createdAt: '2025-02-03T04:05:06Z',
    });
    expect(facts).toEqual([
      ['Architecture', 'seed-mnist'],
      ['Parameters', (113898).toLocaleString()],
      ['Dataset', 'mnist · train'],
      ['Training images', (54000).toLocaleString()],
      ['Epochs', '2'],
      ['Training time', '8 min 25 s'],
      ['Backend', 'wasm'],
      ['Preprocessing', 'ink-mnist'],
      ['Created', '2025-02-03'],
    ]);
  });

  it('copes with sparse metadata', () => {
    expect(trainingFacts({})).toEqual([]);
  });

  it('formats durations', () => {
    expect(formatDuration(4.25)).toBe('4.3 s');
    expect(formatDuration(75)).toBe('1 min 15 s');
    expect(formatDuration(7260)).toBe('2 h 1 min');
  });
});
