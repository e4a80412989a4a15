import { describe, expect, it } from 'vitest';
import { affineWarp, inverseAffine } from './affine-warp';

const shape = { width: 5, height: 5, channels: 1 };
const identity = { rotation: 0, shear: 0, zoomX: 1, zoomY: 1, translateX: 0, translateY: 0 };

function dot(x: number, y: number): Uint8Array {
  const image = new Uint8Array(25);
  image[y * 5 + x] = 255;
  return image;
}

const brightest = (image: Float32Array): [number, number] => {
  const index = image.indexOf(Math.max(...image));
  return [index % 5, Math.floor(index / 5)];
};

describe('affine warp', () => {
  it('reproduces the image (scaled to [0,1]) under the identity', () => {
    const source = Uint8Array.from({ length: 25 }, (_, i) => i * 10);
    const target = new Float32Array(25);
    affineWarp(source, target, shape, inverseAffine(identity, shape), 0);
    expect(target).toEqual(Float32Array.from(source, (value) => value / 255));
  });

  it('translates by whole pixels and fills uncovered pixels', () => {
    const target = new Float32Array(25);
    affineWarp(
      dot(1, 1),
      target,
      shape,
      inverseAffine({ ...identity, translateX: 2, translateY: 1 }, shape),
      0,
    );
    expect(brightest(target)).toEqual([3, 2]);
    const filled = new Float32Array(25);
    affineWarp(new Uint8Array(25), filled, shape, inverseAffine({ ...identity, translateX: 2 }, shape), 255);
    expect(filled[0]).toBe(1); // left columns come from outside the source
    expect(filled[4]).toBe(0);
  });

  it('rotates a quarter turn about the centre (y points down)', () => {
    const target = new Float32Array(25);
    affineWarp(dot(4, 2), target, shape, inverseAffine({ ...identity, rotation: Math.PI / 2 }, shape), 0);
    expect(brightest(target)).toEqual([2, 4]);
  });

  it('mirrors with a negative zoom and clamps to the edge when asked', () => {
    const target = new Float32Array(25);
    affineWarp(dot(0, 2), target, shape, inverseAffine({ ...identity, zoomX: -1 }, shape), 'edge');
    expect(brightest(target)).toEqual([4, 2]);
  });
});
