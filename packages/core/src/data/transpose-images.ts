/**
 * Transposes every `size`×`size` single-channel image in place (x[r][c] ↔ x[c][r]). EMNIST files store
 * images transposed relative to MNIST; loaders call this once so the rest of Glyph sees them upright.
 */
export function transposeSquareImages(images: Uint8Array, size: number): void {
  const area = size * size;
  for (let offset = 0; offset + area <= images.length; offset += area) {
    for (let row = 0; row < size; row++) {
      for (let col = row + 1; col < size; col++) {
        const a = offset + row * size + col;
        const b = offset + col * size + row;
        const swap = images[a];
        images[a] = images[b];
        images[b] = swap;
      }
    }
  }
}
