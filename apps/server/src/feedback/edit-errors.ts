import { GlyphError } from '@glyph/core';
import type { FeedbackOperation } from './feedback-operation';

/**
 * The errors of relabel, delete, undo and sample lookups, shared by both feedback backends so their
 * answers are the same word for word.
 */

export function notASamplePath(relativePath: string): GlyphError {
  return new GlyphError(
    'BAD_USAGE',
    `${JSON.stringify(relativePath)} is not a sample path. Expected <model>/<label folder>/<file>.png as listed by GET /api/feedback/review (no "..", no leading "/").`,
  );
}

export function sampleNotFound(relativePath: string): GlyphError {
  return new GlyphError(
    'SAMPLE_NOT_FOUND',
    `No feedback sample at ${JSON.stringify(relativePath)}; it may have been relabelled or deleted since. GET /api/feedback/review lists the samples.`,
  );
}

export function alreadyLabelled(relativePath: string, label: string): GlyphError {
  return new GlyphError(
    'BAD_USAGE',
    `The sample ${JSON.stringify(relativePath)} is already labelled ${JSON.stringify(label)}.`,
  );
}

/** Undo of an operation that is not `applied`. */
export function cannotUndo(operation: FeedbackOperation): GlyphError {
  return new GlyphError(
    'SAMPLE_CONFLICT',
    operation.state === 'undone'
      ? `Operation ${operation.id} is already undone: the sample is back at ${operation.from.path}.`
      : `Operation ${operation.id} cannot be undone: the sample is no longer at ${operation.to.path} (a later operation moved it; undo that one first).`,
  );
}

export function noSuchOperation(operationId: string): GlyphError {
  return new GlyphError(
    'SAMPLE_NOT_FOUND',
    `No feedback operation ${JSON.stringify(operationId)}. GET /api/feedback/operations lists them.`,
  );
}

export function nothingToUndo(sampleId: string | undefined): GlyphError {
  return new GlyphError(
    'SAMPLE_NOT_FOUND',
    `Sample ${JSON.stringify(sampleId)} has no relabel or delete left to undo.`,
  );
}
