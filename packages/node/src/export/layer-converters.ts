import {
  convertCropping2d,
  convertDepthwiseConv2d,
  convertConv2d,
  convertSeparableConv2d,
  convertZeroPadding2d,
} from './conv-layers';
import {
  convertActivation,
  convertBatchNormalization,
  convertDense,
  convertElu,
  convertFlatten,
  convertIdentity,
  convertLeakyReLU,
  convertPermute,
  convertReLU,
  convertRescaling,
  convertReshape,
  convertSoftmax,
  convertThresholdedReLU,
} from './core-layers';
import type { LayerConverter } from './layer-call';
import {
  convertAdd,
  convertAverage,
  convertConcatenate,
  convertMaximum,
  convertMinimum,
  convertMultiply,
} from './merge-layers';
import {
  convertAveragePooling2d,
  convertGlobalAveragePooling2d,
  convertGlobalMaxPooling2d,
  convertMaxPooling2d,
} from './pool-layers';

/**
 * Converters by Keras layer class name (`layer.getClassName()`), so any architecture built from
 * these layers exports, whatever it is called. Nested models (a backbone inside a transfer model)
 * are walked by the graph walk, not converted here.
 */
const converters: Readonly<Record<string, LayerConverter>> = {
  Conv2D: convertConv2d,
  DepthwiseConv2D: convertDepthwiseConv2d,
  SeparableConv2D: convertSeparableConv2d,
  ZeroPadding2D: convertZeroPadding2d,
  Cropping2D: convertCropping2d,
  MaxPooling2D: convertMaxPooling2d,
  AveragePooling2D: convertAveragePooling2d,
  GlobalMaxPooling2D: convertGlobalMaxPooling2d,
  GlobalAveragePooling2D: convertGlobalAveragePooling2d,
  BatchNormalization: convertBatchNormalization,
  Dense: convertDense,
  Flatten: convertFlatten,
  Reshape: convertReshape,
  Permute: convertPermute,
  Activation: convertActivation,
  ReLU: convertReLU,
  LeakyReLU: convertLeakyReLU,
  ELU: convertElu,
  ThresholdedReLU: convertThresholdedReLU,
  Softmax: convertSoftmax,
  Rescaling: convertRescaling,
  Add: convertAdd,
  Multiply: convertMultiply,
  Average: convertAverage,
  Maximum: convertMaximum,
  Minimum: convertMinimum,
  Concatenate: convertConcatenate,
  Dropout: convertIdentity,
  SpatialDropout1D: convertIdentity,
  AlphaDropout: convertIdentity,
  GaussianDropout: convertIdentity,
  GaussianNoise: convertIdentity,
};

/** The layer classes the exporter converts, sorted, for error messages and docs. */
export function supportedLayerClasses(): string[] {
  return Object.keys(converters).sort();
}

export function converterFor(className: string): LayerConverter | undefined {
  return Object.hasOwn(converters, className) ? converters[className] : undefined;
}
