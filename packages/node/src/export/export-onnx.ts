import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { mulberry32 } from '@glyph/core/data';
import { writeFileAtomic } from '../model-io/atomic-write';
import { loadModelFolder } from '../model-io/load-model-folder';
import { metadataName } from '../model-io/save-model-folder';
import packageJson from '../../package.json' with { type: 'json' };
import { convertLayersModel } from './convert-layers-model';
import { encodeOnnxModel } from './encode-onnx-model';
import { compareWithOnnxRuntime, type OnnxParity } from './onnx-parity';

export const onnxFileName = 'model.onnx';

export interface ExportOnnxOptions {
  /** A `.onnx` file path, or a folder to write `model.onnx` into; default `<model folder>/model.onnx`. */
  readonly out?: string;
  /** Also run this many seeded random inputs through TF.js and onnxruntime and report the difference. */
  readonly checkInputs?: number;
}

export interface OnnxExportResult {
  readonly onnxPath: string;
  readonly metadataPath: string;
  readonly bytes: number;
  readonly nodes: number;
  /** Keras input shape, batch first (null: any batch size). */
  readonly inputShape: readonly (number | null)[];
  readonly outputShape: readonly (number | null)[];
  readonly parity?: OnnxParity;
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}

async function onnxPathFor(folder: string, out: string | undefined): Promise<string> {
  if (out === undefined) return join(folder, onnxFileName);
  const path = resolve(out);
  return path.endsWith('.onnx') && !(await isDirectory(path)) ? path : join(path, onnxFileName);
}

/**
 * `glyph export --format onnx`: converts a model folder's network to ONNX (channels-last input
 * `[batch, height, width, channels]` named `input`, the model's output — its softmax probabilities —
 * named `output`), writes it with a copy of `metadata.json` beside it (also stored inside the file
 * as the `glyph.metadata` property), and optionally checks it against TF.js in onnxruntime.
 * Throws `MODEL_NOT_FOUND`/`MODEL_INVALID` for a folder that is not a model and
 * `EXPORT_UNSUPPORTED` for a layer it cannot convert; nothing is written then.
 */
export async function exportOnnx(
  directory: string,
  options: ExportOnnxOptions = {},
): Promise<OnnxExportResult> {
  const { model, metadata, directory: folder } = await loadModelFolder(directory);
  try {
    const graph = convertLayersModel(model);
    const bytes = encodeOnnxModel(graph, {
      graphName: metadata.id,
      producerVersion: packageJson.version,
      docString: `${metadata.name}: Glyph model "${metadata.id}" version ${metadata.version}, exported from TF.js.`,
      metadataProps: { 'glyph.metadata': JSON.stringify(metadata) },
    });
    const onnxPath = await onnxPathFor(folder, options.out);
    const metadataPath = join(dirname(onnxPath), metadataName);
    await mkdir(dirname(onnxPath), { recursive: true });
    await writeFileAtomic(onnxPath, bytes);
    if (metadataPath !== join(folder, metadataName)) {
      await writeFileAtomic(metadataPath, await readFile(join(folder, metadataName)));
    }
    const result: OnnxExportResult = {
      onnxPath,
      metadataPath,
      bytes: bytes.length,
      nodes: graph.nodes.length,
      inputShape: model.inputs[0].shape,
      outputShape: model.outputs[0].shape,
    };
    if (!options.checkInputs) return result;
    const itemShape = model.inputs[0].shape.slice(1) as number[];
    const inputs = seededUniformInputs(options.checkInputs * itemShape.reduce((a, b) => a * b, 1));
    return { ...result, parity: await compareWithOnnxRuntime(model, bytes, inputs, options.checkInputs) };
  } finally {
    model.dispose();
  }
}

/** Inputs in [0, 1), the range of every Glyph model's input, the same on every run. */
function seededUniformInputs(length: number): Float32Array {
  const random = mulberry32(0x6c797068);
  return Float32Array.from({ length }, () => random());
}
