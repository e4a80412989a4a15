import { describe, expect, it } from 'vitest';
import { groupFeedback, toListing, type FeedbackSample } from './feedback-groups';

const sample = (model: string, label: string, file: string): FeedbackSample => ({
  model,
  label,
  path: `${model}/${label}/${file}.png`,
  url: `/api/feedback/files/${model}/${label}/${file}.png`,
});

describe('groupFeedback', () => {
  it('groups per model and label with the full counts, also for labels beyond the listed samples', () => {
    const groups = groupFeedback({
      samples: [sample('digits', '7', '3'), sample('letters', 'A', '2'), sample('digits', '7', '1')],
      counts: [
        { model: 'digits', label: '1', count: 4 },
        { model: 'digits', label: '7', count: 9 },
        { model: 'letters', label: 'A', count: 1 },
      ],
      total: 14,
      truncated: true,
    });
    expect(groups.map((group) => [group.model, group.count])).toEqual([
      ['digits', 13],
      ['letters', 1],
    ]);
    expect(groups[0].labels.map((group) => [group.label, group.count, group.samples.length])).toEqual([
      ['1', 4, 0],
      ['7', 9, 2],
    ]);
    // Newest first, as listed.
    expect(groups[0].labels[1].samples.map((listed) => listed.path)).toEqual([
      'digits/7/3.png',
      'digits/7/1.png',
    ]);
  });

  it('counts the samples themselves when the server sends no counts (a bare array)', () => {
    const groups = groupFeedback(
      toListing([sample('m', 'b', '1'), sample('m', 'a', '2'), sample('m', 'b', '3')]),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].labels.map((group) => [group.label, group.count])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(groupFeedback({ samples: [] })).toEqual([]);
  });
});
