import onnxProto from 'onnx-proto';
import type { OnnxGraph } from './onnx-graph';

const { onnx } = onnxProto;

/**
 * Opset 13 has every operator the converters emit (Clip and Pad take their bounds as inputs,
 * Softmax works on one axis) and runs on every onnxruntime of the last years; IR 7 is its pair.
 */
export const onnxOpsetVersion = 13;
const irVersion = 7;

export interface OnnxModelInfo {
  readonly graphName: string;
  readonly producerVersion: string;
  readonly docString?: string;
  /** String key/value pairs stored in the model (e.g. Glyph's metadata.json), readable by any runtime. */
  readonly metadataProps?: Readonly<Record<string, string>>;
}

/** Serialises a finished graph as an ONNX ModelProto (the bytes of a `.onnx` file). */
export function encodeOnnxModel(graph: OnnxGraph, info: OnnxModelInfo): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion,
    opsetImport: [{ domain: '', version: onnxOpsetVersion }],
    producerName: 'glyph',
    producerVersion: info.producerVersion,
    docString: info.docString ?? '',
    graph: {
      name: info.graphName,
      node: graph.nodes,
      initializer: graph.initializers,
      input: graph.inputs,
      output: graph.outputs,
    },
    metadataProps: Object.entries(info.metadataProps ?? {}).map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(model).finish();
}
