import type { Component } from './label-components';
import type { PixelBox } from './planes';

/** A component smaller than this share of the largest one may be a speck (dust, JPEG noise, a stray tap)... */
export const SPECK_AREA_FRACTION = 0.02;

/**
 * ...but a small component over or under a stroke belongs to the writing: the dot of an i or j sits
 * above its stem, up to about half a stem away. Distances are shares of the stroke's longer side;
 * the sideways allowance covers slanted writing.
 */
export const DOT_REACH_FRACTION = 0.5;
export const DOT_SIDEWAYS_FRACTION = 0.125;

/**
 * Keeps the components that are part of the writing. Below an absolute floor that grows with the
 * image, a component is noise wherever it lies (sensor noise dies on a large photo). Above it, a
 * component is a speck only when it is tiny (under 2% of the largest stroke) and not over or under a
 * stroke: the dot of an i or j drawn with a thin pen is under 2% of a long stem, but it sits above
 * it, while dust lies anywhere on the page.
 */
export function keepStrokes(components: readonly Component[], pixelCount: number): Component[] {
  let largest = 0;
  for (const component of components) if (component.area > largest) largest = component.area;
  const noiseFloor = Math.max(2, Math.floor(pixelCount / 20000));
  const strokeArea = Math.max(noiseFloor, largest * SPECK_AREA_FRACTION);
  const strokes = components.filter((component) => component.area >= strokeArea);
  return components.filter(
    (component) =>
      component.area >= strokeArea ||
      (component.area >= noiseFloor && strokes.some((stroke) => isDotOf(component, stroke))),
  );
}

/** True when `piece` lies over or under `stroke`, close enough to be its dot (boxes compared). */
function isDotOf(piece: Component, stroke: Component): boolean {
  const side = Math.max(stroke.maxX - stroke.minX + 1, stroke.maxY - stroke.minY + 1);
  const gapX = Math.max(0, stroke.minX - piece.maxX - 1, piece.minX - stroke.maxX - 1);
  const gapY = Math.max(0, stroke.minY - piece.maxY - 1, piece.minY - stroke.maxY - 1);
  return gapX <= DOT_SIDEWAYS_FRACTION * side && gapY <= DOT_REACH_FRACTION * side;
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
