import { kerasPads } from './keras-padding';
import { pairOf, type LayerConverter } from './layer-call';
import { intAttribute, intsAttribute } from './onnx-graph';
import { unsupported } from './unsupported';

function pool(opType: 'MaxPool' | 'AveragePool'): LayerConverter {
  return (call) => {
    const { graph, layer, config, inputs, className } = call;
    if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') {
      throw unsupported(layer.name, className, `data format "${String(config.dataFormat)}"`);
    }
    const poolSize = pairOf(config.poolSize, [2, 2]);
    const strides = pairOf(config.strides, poolSize);
    const pads = kerasPads(
      config.padding,
      {
        inputSize: [inputs[0].shape[1], inputs[0].shape[2]],
        kernelSize: poolSize,
        strides,
        dilation: [1, 1],
      },
      { name: layer.name, className },
    );
    const attributes = [
      intsAttribute('kernel_shape', poolSize),
      intsAttribute('strides', strides),
      intsAttribute('pads', pads),
    ];
    // Keras averages over the real pixels of a window that overlaps the padding.
    if (opType === 'AveragePool') attributes.push(intAttribute('count_include_pad', 0));
    const name = graph.node(opType, [graph.toNchw(inputs[0]).name], layer.name, attributes);
    return { name, shape: call.outputShape, layout: 'nchw' };
  };
}

function globalPool(opType: 'GlobalMaxPool' | 'GlobalAveragePool'): LayerConverter {
  return (call) => {
    const { graph, layer, config, inputs, className } = call;
    if (config.dataFormat !== undefined && config.dataFormat !== 'channelsLast') {
      throw unsupported(layer.name, className, `data format "${String(config.dataFormat)}"`);
    }
    const pooled = graph.node(opType, [graph.toNchw(inputs[0]).name], `${layer.name}_pool`);
    if (call.outputShape.length === 4) return { name: pooled, shape: call.outputShape, layout: 'nchw' };
    // [N, C, 1, 1] → [N, C], the Keras output.
    const name = graph.node('Flatten', [pooled], layer.name, [intAttribute('axis', 1)]);
    return { name, shape: call.outputShape, layout: 'nhwc' };
  };
}

export const convertMaxPooling2d = pool('MaxPool');
export const convertAveragePooling2d = pool('AveragePool');
export const convertGlobalMaxPooling2d = globalPool('GlobalMaxPool');
export const convertGlobalAveragePooling2d = globalPool('GlobalAveragePool');
