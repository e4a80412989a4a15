import type { Component } from '../preprocess/label-components';

/** Share of the narrower piece's width that must overlap for pieces of one character. */
const SMALL_PIECE_OVERLAP = 0.5;
const LARGE_PIECE_OVERLAP = 0.8;
/** A piece shorter than this share of its neighbour is an accent, dot or detached bar. */
const SMALL_PIECE_HEIGHT = 0.6;

/**
 * Groups components that belong to one character: the dot of an i or j, the detached bar of a 5, a
 * stroke drawn in two goes. Small pieces join a neighbour they half overlap horizontally; pieces of
 * similar height join only when one lies almost entirely above or below the other, so neighbouring
 * characters that touch or overlap slightly stay apart.
 */
export function groupOverlapping(components: readonly Component[]): Component[][] {
  const parent = components.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]];
    return index;
  };
  for (let a = 0; a < components.length; a++) {
    for (let b = a + 1; b < components.length; b++) {
      if (belongTogether(components[a], components[b])) parent[root(b)] = root(a);
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

function belongTogether(a: Component, b: Component): boolean {
  const overlap = Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX) + 1;
  if (overlap <= 0) return false;
  const narrower = Math.min(a.maxX - a.minX + 1, b.maxX - b.minX + 1);
  const heightA = a.maxY - a.minY + 1;
  const heightB = b.maxY - b.minY + 1;
  const isSmallPiece = Math.min(heightA, heightB) < SMALL_PIECE_HEIGHT * Math.max(heightA, heightB);
  return overlap >= narrower * (isSmallPiece ? SMALL_PIECE_OVERLAP : LARGE_PIECE_OVERLAP);
}
