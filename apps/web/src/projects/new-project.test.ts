import { describe, expect, it } from 'vitest';
import { modelMetadataSchema } from '@glyph/core/model';
import { labelProblem, parseLabels, projectId } from './new-project';

describe('new project', () => {
  it('splits labels on spaces, or on commas when there are any, dropping repeats', () => {
    expect(parseLabels(' ✓ ✗  △ ○ ✓')).toEqual(['✓', '✗', '△', '○']);
    expect(parseLabels('up arrow, down arrow,, left')).toEqual(['up arrow', 'down arrow', 'left']);
  });

  it('refuses fewer than two labels and overlong ones, with a reason', () => {
    expect(labelProblem(['✓'])).toMatch(/at least two labels/);
    expect(labelProblem(['a', 'x'.repeat(30)])).toMatch(/too long/);
    expect(labelProblem(['✓', '✗'])).toBeNull();
  });

  it('makes ids the model metadata accepts, even from names without any ASCII letter', () => {
    for (const name of ['My Symbols!', '✓✗△○', '  Ünïcode  ']) {
      const id = projectId(name, () => 0.5);
      expect(modelMetadataSchema.shape.id.safeParse(id).success, id).toBe(true);
    }
    expect(projectId('My Symbols!', () => 0)).toBe('my-symbols-0000');
  });
});
