import type { LabeledImages } from './labeled-images';

/** `counts[k]` = number of images of class k (length = number of class names). */
export function classCounts(set: Pick<LabeledImages, 'labels' | 'count' | 'classNames'>): number[] {
  const counts = new Array<number>(set.classNames.length).fill(0);
  for (let i = 0; i < set.count; i++) counts[set.labels[i]]++;
  return counts;
}
