import { predict } from '../api/api-client';
import type { PredictAnswer } from '../api/api-types';
import type { Engine, EngineResult, RecognitionInput, RecognizeRequest } from './engine-types';

function toEngineResult(answer: PredictAnswer, request: RecognizeRequest): EngineResult {
  if (request.mode === 'sequence') {
    return {
      empty: answer.empty,
      predictions: [],
      text: answer.text ?? '',
      characters: answer.characters ?? [],
    };
  }
  return {
    empty: answer.empty,
    predictions: answer.predictions,
    ...(answer.rejected && { rejected: answer.rejected }),
    modelInput: answer.input ? { kind: 'url', url: answer.input } : undefined,
  };
}

/** Sends the image bytes to `POST /api/models/{id}/predict`. */
export function createServerEngine(modelId: string): Engine {
  return {
    kind: 'server',
    modelId,
    description: 'On the server',
    async recognize(input: RecognitionInput, request: RecognizeRequest): Promise<EngineResult> {
      const image = await input.toBlob();
      const sequence = request.mode === 'sequence';
      const answer = await predict(modelId, image, {
        top: request.top,
        sequence,
        debug: !sequence,
        charset: request.charset ?? 'all',
      });
      return toEngineResult(answer, request);
    },
    dispose() {},
  };
}
