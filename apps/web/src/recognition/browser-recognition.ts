// Runs the model in this tab with TF.js, through the same packages/core Recognizer (and so the same
// preprocessing) the server uses. Loaded lazily: TF.js never sits on the first-paint path.
import type { RawImage } from '@glyph/core';
import { loadRecognizerFromUrl, type Recognizer } from '@glyph/core/recognize';
import { imageDataToRawImage } from '../adapters/image-data';
import { modelFolderUrl } from '../api/api-client';
import type { BackendChoice } from '../engine/backend-choice';
import { startBackend } from '../engine/tf-backend';
import type {
  ModelInputImage,
  RecognitionInput,
  RecognitionResult,
  RecognitionService,
  RecognizeRequest,
} from './recognition-types';
import { viewableModelInput } from './viewable-input';

const backendTitles: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** A white square with one dark bar: enough ink to run the network once and compile its kernels. */
function warmUpImage(): RawImage {
  const size = 64;
  const data = new Uint8Array(size * size).fill(255);
  for (let y = 12; y < 52; y += 1) data.fill(0, y * size + 28, y * size + 36);
  return { data, width: size, height: size, channels: 1 };
}

/** "What the model sees" for one model input (`undefined` when the recognizer returned none). */
function previewOf(recognizer: Recognizer, input: Float32Array | undefined): ModelInputImage | undefined {
  if (!input) return undefined;
  const { input: shape, preprocessing } = recognizer.metadata;
  const pixels = viewableModelInput(input, shape.channels, preprocessing);
  return { kind: 'pixels', width: shape.width, height: shape.height, channels: shape.channels, pixels };
}

async function recognizeOnce(
  recognizer: Recognizer,
  image: RawImage,
  request: RecognizeRequest,
): Promise<RecognitionResult> {
  if (request.mode === 'sequence') {
    const options = { top: request.top, debug: true, charset: request.charset ?? 'all' };
    const sequence = await recognizer.recognizeSequence(image, options);
    const characters = sequence.characters.map((character) => ({
      box: character.box,
      predictions: character.predictions,
      modelInput: previewOf(recognizer, character.input),
    }));
    return { empty: sequence.empty, predictions: [], text: sequence.text, characters };
  }
  const recognition = await recognizer.recognize(image, { top: request.top, debug: true });
  const modelInput = previewOf(recognizer, recognition.input);
  return {
    empty: recognition.empty,
    predictions: recognition.predictions,
    ...(recognition.rejected && { rejected: recognition.rejected }),
    modelInput,
  };
}

export async function createBrowserRecognition(
  modelId: string,
  backendChoice: BackendChoice,
): Promise<RecognitionService> {
  const backend = await startBackend(backendChoice);
  const recognizer = await loadRecognizerFromUrl(modelFolderUrl(modelId));
  await recognizer.recognize(warmUpImage(), { top: 1 });
  return {
    site: 'browser',
    modelId,
    description: `In this browser · ${backendTitles[backend] ?? backend}`,
    recognize: (input: RecognitionInput, request: RecognizeRequest) =>
      recognizeOnce(recognizer, imageDataToRawImage(input.imageData), request),
    dispose: () => recognizer.dispose(),
  };
}
