import { predict } from '../api/api-client';
import type { PredictAnswer } from '../api/api-types';
import type {
  RecognitionInput,
  RecognitionResult,
  RecognitionService,
  RecognizeRequest,
} from './recognition-types';

function toRecognitionResult(answer: PredictAnswer, request: RecognizeRequest): RecognitionResult {
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
export function createServerRecognition(modelId: string): RecognitionService {
  return {
    site: 'server',
    modelId,
    description: 'On the server',
    async recognize(input: RecognitionInput, request: RecognizeRequest): Promise<RecognitionResult> {
      const image = await input.toBlob();
      const sequence = request.mode === 'sequence';
      const answer = await predict(modelId, image, {
        top: request.top,
        sequence,
        debug: !sequence,
        charset: request.charset ?? 'all',
      });
      return toRecognitionResult(answer, request);
    },
    dispose() {},
  };
}
