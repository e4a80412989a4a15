// Runs a project's model in this tab: the same packages/core Recognizer as every other model, loaded
// from the artifacts stored in IndexedDB instead of a URL.
import * as tf from '@tensorflow/tfjs';
import { loadRecognizer } from '@glyph/core/recognize';
import { imageDataToRawImage } from '../adapters/image-data';
import type { BackendChoice } from '../engine/backend-choice';
import { startBackend } from '../engine/tf-backend';
import type { RecognitionService } from '../recognition/recognition-types';
import type { StoredModel } from './project-types';

export async function createProjectRecognition(
  stored: StoredModel,
  backend: BackendChoice,
): Promise<RecognitionService> {
  await startBackend(backend);
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: stored.modelTopology,
    weightSpecs: [...stored.weightSpecs] as tf.io.WeightsManifestEntry[],
    weightData: stored.weightData,
  };
  const recognizer = await loadRecognizer(tf.io.fromMemory(artifacts), stored.metadata, stored.metadata.name);
  return {
    site: 'browser',
    modelId: stored.metadata.id,
    description: `${stored.metadata.name} · in this browser`,
    recognize: async (input, request) => {
      const recognition = await recognizer.recognize(imageDataToRawImage(input.imageData), {
        top: request.top,
      });
      return {
        empty: recognition.empty,
        predictions: recognition.predictions,
        ...(recognition.rejected && { rejected: recognition.rejected }),
      };
    },
    dispose: () => recognizer.dispose(),
  };
}
