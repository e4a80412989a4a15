/**
 * The filter of the phase convolution in `conv2dBackpropInput`, built on the host because it is small
 * (kh·kw·in·out values) and the stock wasm `Reverse` walks elements one index vector at a time.
 *
 * From a forward filter `[kh, kw, in, out]` and strides (sh, sw) it returns `[J, JW, out, sh·sw·in]`
 * with J = ⌈kh/sh⌉, JW = ⌈kw/sw⌉ and
 * `G[jh, jw, o, (rh·sw + rw)·in + i] = w[rh + (J−1−jh)·sh, rw + (JW−1−jw)·sw, i, o]` (0 where the tap
 * falls outside the filter): flipped, in/out swapped, and split by output phase (rh, rw).
 * With strides 1 it is the classic "rotate by 180° and swap channels" filter.
 */
export function phaseFilter(
  weights: Float32Array,
  [filterHeight, filterWidth, inChannels, outChannels]: readonly [number, number, number, number],
  strideH: number,
  strideW: number,
): { values: Float32Array; shape: [number, number, number, number] } {
  const tapsH = Math.ceil(filterHeight / strideH);
  const tapsW = Math.ceil(filterWidth / strideW);
  const phaseChannels = strideH * strideW * inChannels;
  const values = new Float32Array(tapsH * tapsW * outChannels * phaseChannels);
  let target = 0;
  for (let jh = 0; jh < tapsH; jh++) {
    for (let jw = 0; jw < tapsW; jw++) {
      for (let o = 0; o < outChannels; o++) {
        for (let rh = 0; rh < strideH; rh++) {
          const kh = rh + (tapsH - 1 - jh) * strideH;
          for (let rw = 0; rw < strideW; rw++) {
            const kw = rw + (tapsW - 1 - jw) * strideW;
            if (kh >= filterHeight || kw >= filterWidth) {
              target += inChannels;
              continue;
            }
            let source = (kh * filterWidth + kw) * inChannels * outChannels + o;
            for (let i = 0; i < inChannels; i++, source += outChannels) values[target++] = weights[source];
          }
        }
      }
    }
  }
  return { values, shape: [tapsH, tapsW, outChannels, phaseChannels] };
}
