// The teaching worker: trains or fine-tunes a model with packages/core on the WASM backend (with
// Glyph's training kernels) off the page's thread, so drawing and predicting stay fast meanwhile.
// Cancelling terminates the worker; the page starts a fresh one for the next job.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { initEngine } from '@glyph/core/engine';
import { isGlyphError, type RawImage } from '@glyph/core';
import { modelArtifacts, parseModelMetadata, type ModelMetadata } from '@glyph/core/model';
import type { LabeledImages } from '@glyph/core/data';
import {
  parseRehearsalSet,
  personalize,
  REHEARSAL_BIN_FILE,
  REHEARSAL_JSON_FILE,
  teachClassifier,
  type TeachProgress,
  type TeachSample,
} from '@glyph/core/teach';
import { disableWasmThreads, wasmPaths } from '../engine/wasm-paths';
import type {
  BaseModelSource,
  GraySample,
  JobProgress,
  JobResult,
  TeachReply,
  TeachRequest,
} from './teach-messages';

const post = (reply: TeachReply, transfer: Transferable[] = []) => self.postMessage(reply, { transfer });

let engine: Promise<unknown> | null = null;
function startEngine(): Promise<unknown> {
  disableWasmThreads();
  engine ??= initEngine({ backend: 'wasm', wasmPaths });
  return engine;
}

function toSamples(samples: readonly GraySample[]): TeachSample[] {
  return samples.map(({ label, width, height, gray }) => {
    const image: RawImage = { data: gray, width, height, channels: 1 };
    return { label, image };
  });
}

async function loadBase(
  source: BaseModelSource,
): Promise<{ model: tf.LayersModel; metadata: ModelMetadata }> {
  const response = await fetch(`${source.folderUrl}/metadata.json`);
  if (!response.ok) {
    throw new Error(
      `The starting model's metadata could not be loaded (HTTP ${response.status}) from ${source.folderUrl}.`,
    );
  }
  const metadata = parseModelMetadata(await response.json(), source.folderUrl);
  const model = await tf.loadLayersModel(`${source.folderUrl}/model.json`);
  return { model, metadata };
}

/**
 * The starting model's rehearsal set (a few of its training images per label), so personalization
 * does not forget what the model already reads. Without one (404, or offline with a model cached
 * before sets were shipped) it personalizes without; a malformed set fails with the parser's message.
 */
async function loadRehearsal(
  source: BaseModelSource,
  metadata: ModelMetadata,
): Promise<LabeledImages | undefined> {
  const fetchFile = (name: string) => fetch(`${source.folderUrl}/${name}`).catch(() => undefined);
  const jsonResponse = await fetchFile(REHEARSAL_JSON_FILE);
  if (!jsonResponse || jsonResponse.status === 404) return undefined;
  const binResponse = jsonResponse.ok ? await fetchFile(REHEARSAL_BIN_FILE) : jsonResponse;
  if (!binResponse?.ok) {
    throw new Error(
      `The starting model's rehearsal set could not be loaded (${binResponse ? `HTTP ${binResponse.status}` : 'network error'}) from ${source.folderUrl}.`,
    );
  }
  const text = await jsonResponse.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // Not JSON: the parser reports the file as not a valid rehearsal set.
  }
  return parseRehearsalSet(json, new Uint8Array(await binResponse.arrayBuffer()), metadata, source.folderUrl);
}

/** The trained network as transferable artifacts: topology, weight specs, all weights in one buffer. */
async function packModel(
  model: tf.LayersModel,
): Promise<Pick<JobResult, 'modelTopology' | 'weightSpecs' | 'weightData'>> {
  const artifacts = await modelArtifacts(model);
  if (!artifacts.weightData || !artifacts.modelTopology || artifacts.modelTopology instanceof ArrayBuffer) {
    throw new Error('The trained model could not be serialized.');
  }
  return {
    modelTopology: artifacts.modelTopology,
    weightSpecs: artifacts.weightSpecs ?? [],
    weightData: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  };
}

function progressOf(progress: TeachProgress): JobProgress {
  return { ...progress };
}

async function run(request: TeachRequest): Promise<JobResult> {
  const startedAt = performance.now();
  const onProgress = (progress: TeachProgress) =>
    post({ type: 'progress', jobId: request.jobId, progress: progressOf(progress) });
  post({
    type: 'progress',
    jobId: request.jobId,
    progress: { stage: 'loading', fraction: 0, epoch: 0, epochs: 0 },
  });
  await startEngine();
  const base = request.base ? await loadBase(request.base) : undefined;
  try {
    if (request.type === 'teach') {
      const result = await teachClassifier(toSamples(request.samples), {
        id: request.id,
        name: request.name,
        labels: request.labels,
        ...(base && { base }),
        ...(request.epochs !== undefined && { epochs: request.epochs }),
        onProgress,
      });
      try {
        return {
          ...(await packModel(result.model)),
          metadata: result.metadata,
          report: result.report,
          history: result.history,
          seconds: (performance.now() - startedAt) / 1000,
        };
      } finally {
        result.model.dispose();
      }
    }
    if (!base || !request.base) throw new Error('Personalizing needs a starting model.');
    const rehearsal = await loadRehearsal(request.base, base.metadata);
    const result = await personalize(base, toSamples(request.samples), {
      onProgress,
      ...(rehearsal && { rehearsal }),
    });
    try {
      return {
        ...(await packModel(result.model)),
        metadata: result.metadata,
        history: [],
        comparison: { before: result.before, after: result.after },
        seconds: (performance.now() - startedAt) / 1000,
      };
    } finally {
      result.model.dispose();
    }
  } finally {
    base?.model.dispose();
  }
}

self.onmessage = (event: MessageEvent<TeachRequest>) => {
  const request = event.data;
  run(request).then(
    (result) => post({ type: 'done', jobId: request.jobId, result }, [result.weightData]),
    (error: unknown) =>
      post({
        type: 'failed',
        jobId: request.jobId,
        message: error instanceof Error ? error.message : String(error),
        ...(isGlyphError(error) && { code: error.code }),
      }),
  );
};
