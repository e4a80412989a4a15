/**
 * Zhang–Suen thinning: reduces a binary image (1 = ink) to one-pixel-wide centre lines, keeping
 * every stroke connected and every end point. Returns a new image; `binary` is not changed.
 */
export function thinStrokes(binary: Uint8Array, width: number, height: number): Uint8Array {
  const image = binary.slice();
  const remove: number[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const pass of [0, 1] as const) {
      remove.length = 0;
      for (let y = 1; y < height - 1; y++) {
        for (let x = 1; x < width - 1; x++) {
          const i = y * width + x;
          if (image[i] === 1 && removable(image, i, width, pass)) remove.push(i);
        }
      }
      for (const i of remove) image[i] = 0;
      if (remove.length > 0) changed = true;
    }
  }
  return image;
}

function removable(image: Uint8Array, i: number, width: number, pass: 0 | 1): boolean {
  // Neighbours clockwise from north: p2..p9.
  const p2 = image[i - width];
  const p3 = image[i - width + 1];
  const p4 = image[i + 1];
  const p5 = image[i + width + 1];
  const p6 = image[i + width];
  const p7 = image[i + width - 1];
  const p8 = image[i - 1];
  const p9 = image[i - width - 1];
  const neighbours = p2 + p3 + p4 + p5 + p6 + p7 + p8 + p9;
  if (neighbours < 2 || neighbours > 6) return false;
  const ring = [p2, p3, p4, p5, p6, p7, p8, p9, p2];
  let transitions = 0;
  for (let k = 0; k < 8; k++) if (ring[k] === 0 && ring[k + 1] === 1) transitions++;
  if (transitions !== 1) return false;
  return pass === 0 ? p2 * p4 * p6 === 0 && p4 * p6 * p8 === 0 : p2 * p4 * p8 === 0 && p2 * p6 * p8 === 0;
}
