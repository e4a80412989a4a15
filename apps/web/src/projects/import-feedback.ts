// Feedback sent to the server (corrections from the Draw and Upload views) becomes project samples:
// the served model's corrections for a personal project, or any feedback with the project's labels.
import { withApiKey } from '../api/api-key';
import { listReview, type ReviewSample } from '../api/review-api';
import { decodeImageFile } from '../upload/decode-image-file';
import type { Project, Sample } from './project-types';
import { sampleFromImageData } from './use-project';

/** Samples imported from feedback carry its id, so importing twice adds nothing twice. */
export const feedbackSampleId = (projectId: string, feedback: ReviewSample) =>
  `${projectId}:feedback:${feedback.id ?? feedback.path}`;

async function listAll(model: string | undefined): Promise<ReviewSample[]> {
  const samples: ReviewSample[] = [];
  for (let offset = 0; ;) {
    const page = await listReview({ ...(model && { model }), offset, limit: 1000 });
    samples.push(...page.samples);
    offset += page.samples.length;
    if (page.samples.length === 0 || offset >= page.total) return samples;
  }
}

export interface FeedbackImport {
  readonly added: number;
  readonly alreadyThere: number;
  readonly otherLabels: number;
  readonly problems: readonly string[];
}

/**
 * Adds the server's feedback for `project` (its base model's for a personal project, else any model's)
 * whose labels the project has; each picture is decoded like an uploaded one, and all are stored at once.
 */
export async function importFeedback(
  project: Project,
  existing: readonly Sample[],
  add: (samples: readonly Sample[]) => Promise<void>,
): Promise<FeedbackImport> {
  const feedback = await listAll(project.kind === 'personal' ? (project.base ?? undefined) : undefined);
  const known = new Set(existing.map((sample) => sample.id));
  const labels = new Set(project.labels);
  const added: Sample[] = [];
  let alreadyThere = 0;
  let otherLabels = 0;
  const problems: string[] = [];
  for (const item of feedback) {
    const id = feedbackSampleId(project.id, item);
    if (!labels.has(item.label)) otherLabels += 1;
    else if (known.has(id)) alreadyThere += 1;
    else {
      try {
        const response = await fetch(item.url, withApiKey());
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const imageData = await decodeImageFile(await response.blob(), item.path);
        const sample = await sampleFromImageData(project.id, item.label, imageData, 'feedback');
        added.push({ ...sample, id });
      } catch (error) {
        problems.push(`${item.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  await add(added);
  return { added: added.length, alreadyThere, otherLabels, problems };
}
