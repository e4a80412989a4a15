export { convertLayersModel } from './convert-layers-model';
export { encodeOnnxModel, onnxOpsetVersion, type OnnxModelInfo } from './encode-onnx-model';
export { exportOnnx, onnxFileName, type ExportOnnxOptions, type OnnxExportResult } from './export-onnx';
export { supportedLayerClasses } from './layer-converters';
export { compareWithOnnxRuntime, type OnnxParity } from './onnx-parity';
