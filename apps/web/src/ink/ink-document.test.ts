import { describe, expect, it } from 'vitest';
import { InkDocument, type InkChange } from './ink-document';

const at = (x: number, y: number) => ({ x, y, pressure: 0.5 });

describe('InkDocument', () => {
  it('records strokes, reports every change and bumps the version each time', () => {
    const ink = new InkDocument();
    const changes: InkChange[] = [];
    ink.subscribe((change) => changes.push(change));
    ink.begin(at(1, 1), 10, false);
    ink.extend([at(2, 2), at(3, 3)]);
    ink.end();
    expect(ink.strokes).toHaveLength(1);
    expect(ink.strokes[0].points).toHaveLength(3);
    expect(ink.isDrawing).toBe(false);
    expect(changes).toEqual(['begin', 'extend', 'end']);
    expect(ink.version).toBe(3);
  });

  it('undoes the last stroke and clears, and does nothing (no event) when already empty', () => {
    const ink = new InkDocument();
    for (const x of [1, 2]) {
      ink.begin(at(x, x), 10, false);
      ink.end();
    }
    const before = ink.strokes;
    ink.undo();
    expect(ink.strokes).toHaveLength(1);
    expect(before).toHaveLength(2); // earlier snapshots stay intact
    ink.clear();
    expect(ink.isEmpty).toBe(true);
    const version = ink.version;
    ink.undo();
    ink.clear();
    expect(ink.version).toBe(version);
  });

  it('ignores points outside a stroke and ends an unfinished stroke when a new one begins', () => {
    const ink = new InkDocument();
    ink.extend([at(5, 5)]);
    expect(ink.isEmpty).toBe(true);
    ink.begin(at(0, 0), 8, true);
    ink.begin(at(9, 9), 8, true);
    expect(ink.strokes).toHaveLength(2);
    expect(ink.strokes[1].usesPressure).toBe(true);
  });

  it('stops notifying after unsubscribe', () => {
    const ink = new InkDocument();
    let calls = 0;
    const unsubscribe = ink.subscribe(() => (calls += 1));
    ink.begin(at(0, 0), 8, false);
    unsubscribe();
    ink.end();
    expect(calls).toBe(1);
  });
});
