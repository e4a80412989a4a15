import { GlyphError } from '@glyph/core';

/** Class names and the file-label → class-index table of an EMNIST `*-mapping.txt`. */
export interface LabelMapping {
  readonly classNames: readonly string[];
  /** `classOfLabel[label]` is the class index, or -1 for labels the mapping does not define. */
  readonly classOfLabel: Int32Array;
}

/**
 * Parses the official mapping: lines `label ascii` (e.g. `36 97` → "a"), or for letters
 * `label upper lower` (`1 65 97`), which makes one case-insensitive class named by the lower-case
 * letter. Classes are ordered by label, so letters' labels 1..26 become indices 0..25.
 */
export function parseEmnistMapping(text: string, file: string): LabelMapping {
  const rows: { label: number; name: string }[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, lineIndex) => {
    if (line.trim() === '') return;
    const fields = line.trim().split(/\s+/).map(Number);
    if ((fields.length !== 2 && fields.length !== 3) || fields.some((n) => !Number.isInteger(n) || n < 0)) {
      throw new GlyphError(
        'DATASET_CORRUPT',
        `${file} line ${lineIndex + 1}: expected "label ascii" or "label upper lower", found "${line}".`,
      );
    }
    const [label, upper, lower] = fields;
    const name = fields.length === 3 ? String.fromCharCode(lower) : String.fromCharCode(upper);
    rows.push({ label, name: fields.length === 3 ? name.toLowerCase() : name });
  });
  if (rows.length === 0) throw new GlyphError('DATASET_CORRUPT', `${file} holds no mapping lines.`);
  rows.sort((a, b) => a.label - b.label);
  const classOfLabel = new Int32Array(rows[rows.length - 1].label + 1).fill(-1);
  rows.forEach((row, index) => (classOfLabel[row.label] = index));
  return { classNames: rows.map((row) => row.name), classOfLabel };
}

/** MNIST has no mapping file: labels 0..9 are the digits. */
export const digitMapping: LabelMapping = {
  classNames: Array.from({ length: 10 }, (_, digit) => String(digit)),
  classOfLabel: Int32Array.from({ length: 10 }, (_, digit) => digit),
};

/** File labels (uint8) → class indices, rejecting labels the mapping does not know. */
export function mapLabels(labels: Uint8Array, mapping: LabelMapping, file: string): Int32Array {
  const classes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i];
    const index = label < mapping.classOfLabel.length ? mapping.classOfLabel[label] : -1;
    if (index < 0) {
      throw new GlyphError(
        'DATASET_CORRUPT',
        `${file}: label ${label} of item ${i} is not one of the ${mapping.classNames.length} classes of its mapping.`,
      );
    }
    classes[i] = index;
  }
  return classes;
}
