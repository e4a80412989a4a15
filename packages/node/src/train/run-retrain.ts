import { planRetrain, type RetrainRequest } from './retrain-plan';
import { runTraining, type RunTrainingOptions, type TrainingOutcome } from './run-training';
import { scoreOnFolder } from './score-on-folder';

export interface RetrainOutcome extends TrainingOutcome {
  /** The corrections read right by the starting model and by the retrained one. */
  readonly corrections: {
    readonly before: { correct: number; count: number };
    readonly after: { correct: number; count: number };
  };
}

/**
 * `glyph retrain` as a library call: plans the run from the model's metadata (`planRetrain`), trains
 * it with `runTraining` exactly as `glyph train --init` would, then scores both models on the
 * corrections so the person sees whether they were learned.
 *
 * @public
 */
export async function runRetrain(
  request: RetrainRequest,
  options: Omit<RunTrainingOptions, 'config' | 'explicit' | 'resume'>,
): Promise<RetrainOutcome> {
  const plan = await planRetrain(request);
  plan.notes.forEach((note) => options.log(note));
  options.log(`Retraining as: glyph train --dataset ${plan.config.dataset} --init ${plan.config.init} …`);
  const outcome = await runTraining({ ...options, config: plan.config });
  const before = await scoreOnFolder(request.modelDirectory, request.feedbackDirectory);
  const after = await scoreOnFolder(outcome.outDirectory, request.feedbackDirectory);
  return { ...outcome, corrections: { before, after } };
}
