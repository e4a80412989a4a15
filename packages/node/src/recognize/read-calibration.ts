import { join } from 'node:path';
import {
  CALIBRATION_FILE,
  calibrationMatches,
  parseCalibration,
  type ModelCalibration,
} from '@glyph/core/calibration';
import type { ModelMetadata } from '@glyph/core/model';
import { readOptionalJson } from './read-optional-json';

export interface FolderCalibration {
  /** The calibration to use: present, valid and fitted for this model. */
  readonly calibration?: ModelCalibration;
  /** True when the folder holds a calibration fitted for another version of the model. */
  readonly stale: boolean;
}

/**
 * Reads a model folder's optional `calibration.json`. A missing file means raw confidences; a file
 * fitted for an earlier version of the model (its id or createdAt differ) is not used; an invalid
 * file is `MODEL_INVALID`.
 */
export async function readCalibration(folder: string, metadata: ModelMetadata): Promise<FolderCalibration> {
  const json = await readOptionalJson(
    join(folder, CALIBRATION_FILE),
    `Refit it with \`glyph calibrate --model ${folder}\`.`,
  );
  if (json === undefined) return { stale: false };
  const calibration = parseCalibration(json, folder);
  return calibrationMatches(calibration, metadata) ? { calibration, stale: false } : { stale: true };
}
