/** The attributes tfjs passes to 2-D convolution kernels and their gradients. */
export interface ConvAttrs {
  readonly strides: number | [number, number];
  readonly dilations: number | [number, number];
  readonly pad: 'valid' | 'same' | number | ExplicitPadding;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  readonly dataFormat?: 'NHWC' | 'NCHW';
}

/** Our gradient kernels are written for NHWC, the only layout the wasm convolutions support. */
export function assertChannelsLast(kernelName: string, dataFormat: string | undefined): void {
  if (dataFormat !== undefined && dataFormat !== 'NHWC') {
    throw new Error(
      `${kernelName} on wasm supports dataFormat 'NHWC' only, got '${dataFormat}'. ` +
        `Use channelsLast layers (the default).`,
    );
  }
}

/** `[[0, 0], [top, bottom], [left, right], [0, 0]]` for NHWC. */
export type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];
