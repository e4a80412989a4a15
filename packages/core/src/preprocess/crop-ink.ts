import type { FloatPlane, GrayImage, PixelBox } from './planes';

/**
 * Copies `box` of the ink image into a [0,1] plane. Pixels labelled with a component outside
 * `keepLabels` (specks, neighbouring characters) become 0; unlabelled faint anti-aliasing stays.
 */
export function cropInk(
  ink: GrayImage,
  box: PixelBox,
  labels?: Int32Array,
  keepLabels?: Iterable<number>,
): FloatPlane {
  const out = new Float32Array(box.width * box.height);
  const { data, width } = ink;
  const keep = keepLabels === undefined ? undefined : labelFlags(keepLabels);
  for (let y = 0; y < box.height; y++) {
    const sourceRow = (box.y + y) * width + box.x;
    const targetRow = y * box.width;
    for (let x = 0; x < box.width; x++) {
      const source = sourceRow + x;
      const value = data[source];
      if (value === 0) continue;
      const label = labels === undefined ? 0 : labels[source];
      if (label !== 0 && keep !== undefined && keep[label] !== 1) continue;
      out[targetRow + x] = value / 255;
    }
  }
  return { data: out, width: box.width, height: box.height };
}

/** A lookup table `flags[label] === 1` for the kept labels (faster than a Set per pixel). */
function labelFlags(keepLabels: Iterable<number>): Uint8Array {
  let largest = 0;
  for (const label of keepLabels) if (label > largest) largest = label;
  const flags = new Uint8Array(largest + 1);
  for (const label of keepLabels) flags[label] = 1;
  return flags;
}
