import type { Component } from '../preprocess/label-components';

/** A piece shorter than this share of the piece it overlaps is a dot, accent or detached bar. */
const TINY_PIECE_HEIGHT = 0.4;
/** Share of the tiny piece's width that must lie over the other piece. */
const TINY_PIECE_OVERLAP = 0.5;

/**
 * Groups components that surely belong to one character: the dot of an i or j, the detached bar of
 * a 5 — pieces much shorter than a neighbour they half overlap horizontally. Whether two pieces of
 * similar size are one broken character or two neighbours is left to the recognizer (see joins in
 * `segmentLine`).
 */
export function groupOverlapping(components: readonly Component[]): Component[][] {
  const parent = components.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  for (let a = 0; a < components.length; a++) {
    for (let b = a + 1; b < components.length; b++) {
      if (isAttachedPiece(components[a], components[b])) parent[root(b)] = root(a);
    }
  }
  const groups = new Map<number, Component[]>();
  components.forEach((component, index) => {
    const key = root(index);
    const group = groups.get(key);
    if (group) group.push(component);
    else groups.set(key, [component]);
  });
  return [...groups.values()];
}

function isAttachedPiece(a: Component, b: Component): boolean {
  const heightA = a.maxY - a.minY + 1;
  const heightB = b.maxY - b.minY + 1;
  const [small, large] = heightA <= heightB ? [a, b] : [b, a];
  if (Math.min(heightA, heightB) >= TINY_PIECE_HEIGHT * Math.max(heightA, heightB)) return false;
  const overlap = Math.min(small.maxX, large.maxX) - Math.max(small.minX, large.minX) + 1;
  return overlap >= TINY_PIECE_OVERLAP * (small.maxX - small.minX + 1);
}
