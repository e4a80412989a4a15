import type { Component } from './label-components';
import type { PixelBox } from './planes';

/** A component smaller than this share of the largest one is a speck (dust, JPEG noise, a stray tap). */
export const SPECK_AREA_FRACTION = 0.02;

/**
 * Keeps the components that are part of the writing. A speck is smaller than a fixed share of the
 * largest stroke and smaller than an absolute floor that grows with the image, so the dot of an i
 * survives on a small canvas and sensor noise dies on a large photo.
 */
export function keepStrokes(components: readonly Component[], pixelCount: number): Component[] {
  let largest = 0;
  for (const component of components) if (component.area > largest) largest = component.area;
  const minArea = Math.max(2, Math.floor(pixelCount / 20000), Math.ceil(largest * SPECK_AREA_FRACTION));
  return components.filter((component) => component.area >= minArea);
}

/** The smallest box holding all the given components, or undefined when there are none. */
export function boundingBoxOf(components: readonly Component[]): PixelBox | undefined {
  if (components.length === 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  for (const c of components) {
    if (c.minX < minX) minX = c.minX;
    if (c.minY < minY) minY = c.minY;
    if (c.maxX > maxX) maxX = c.maxX;
    if (c.maxY > maxY) maxY = c.maxY;
  }
  return { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

/**
 * True when the ink is too small to be a character: its longer side is under 2% of the image's
 * longer side (or under 3 pixels). Such marks get "no ink", never a guess.
 */
export function isNegligibleInk(box: PixelBox, imageWidth: number, imageHeight: number): boolean {
  const inkSide = Math.max(box.width, box.height);
  return inkSide < Math.max(3, Math.max(imageWidth, imageHeight) * 0.02);
}
