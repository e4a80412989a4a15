import { describe, expect, it } from 'vitest';
import { bestText, pathMarginals, type Edge, type Lattice } from './lattice-paths';

const edge = (from: number, to: number, text: string): Edge => ({
  from,
  to,
  text,
  pieces: text === '' ? [] : [new Float64Array(1)],
});

// Three positions: the first read as 1, as 7 or dropped as a stray mark, the second as 2, as 12 (cut)
// or dropped, the second and third joined as 4, the third read as 3 (edges sorted by where they end).
const lattice: Lattice = {
  text: '123',
  nodes: 4,
  edges: [
    edge(0, 1, '1'),
    edge(0, 1, '7'),
    edge(0, 1, ''),
    edge(1, 2, '2'),
    edge(1, 2, '12'),
    edge(1, 2, ''),
    edge(1, 3, '4'),
    edge(2, 3, '3'),
  ],
};
const scores = [0.5, 0.2, -0.8, 1.0, -0.3, -1.2, 0.4, 0.9];

/** Every path from node 0 to the end, by brute force: its edges, text and score. */
function paths(): { edges: number[]; text: string; score: number }[] {
  const out: { edges: number[]; text: string; score: number }[] = [];
  const walk = (node: number, taken: number[]) => {
    if (node === lattice.nodes - 1) {
      out.push({
        edges: taken,
        text: taken.map((e) => lattice.edges[e].text).join(''),
        score: taken.reduce((t, e) => t + scores[e], 0),
      });
      return;
    }
    lattice.edges.forEach((e, i) => e.from === node && walk(e.to, [...taken, i]));
  };
  walk(0, []);
  return out;
}

const logSumExp = (xs: number[]) => Math.log(xs.reduce((t, x) => t + Math.exp(x), 0));

describe('lattice paths', () => {
  it('sums over every path and gives each edge its share of them', () => {
    const all = paths();
    const { log, marginals } = pathMarginals(lattice, scores);
    expect(log).toBeCloseTo(logSumExp(all.map((p) => p.score)), 12);
    lattice.edges.forEach((_, e) => {
      const through = all.filter((p) => p.edges.includes(e)).map((p) => p.score);
      expect(marginals[e]).toBeCloseTo(through.length === 0 ? 0 : Math.exp(logSumExp(through) - log), 12);
    });
  });

  it('counts only the paths that spell a given text', () => {
    const spelling = paths().filter((p) => p.text === '123');
    expect(spelling.map((p) => p.edges)).toEqual([
      [0, 3, 7], // 1 · 2 · 3
      [2, 4, 7], // stray · 12 · 3
    ]);
    const { log, marginals } = pathMarginals(lattice, scores, '123');
    expect(log).toBeCloseTo(logSumExp(spelling.map((p) => p.score)), 12);
    expect(marginals[1]).toBe(0); // 7 spells no prefix of 123
    expect(pathMarginals(lattice, scores, '999').log).toBe(-Infinity);
  });

  it('reads the best path, keeping the earlier edge on a tie', () => {
    const best = paths().reduce((a, b) => (b.score > a.score ? b : a));
    expect(bestText(lattice, scores)).toBe(best.text);
    // All equal: into node 1 the 1, into node 3 the join 4 (its edge comes first).
    expect(bestText(lattice, new Array<number>(8).fill(0))).toBe('14');
  });
});
