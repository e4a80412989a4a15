import type { LabeledImages } from '@glyph/core';
import { classCounts, concatImages, dedupeImages, selectImages } from '@glyph/core/data';

/**
 * emnist-letters:test when the official letters test file is absent: the partial letters test file
 * (classes a..s only here) plus every letter of emnist-byclass:test, upper and lower case merged into
 * one case-insensitive class, then deduplicated by image content because both come from the same
 * NIST writers and share many images.
 */
export async function loadLettersFallback(sources: {
  name: string;
  readPartial: () => Promise<LabeledImages>;
  readByclass: () => Promise<LabeledImages>;
}): Promise<{ set: LabeledImages; notes: string[] }> {
  const partial = await sources.readPartial();
  const byclass = await sources.readByclass();
  const byclassLetters = lettersOf(byclass, partial.classNames);
  const merged = concatImages([partial, byclassLetters], sources.name);
  const { set, duplicatesDropped, conflictingLabels } = dedupeImages(merged);
  const presentInPartial = classCounts(partial)
    .map((count, index) => (count > 0 ? partial.classNames[index] : ''))
    .filter(Boolean);
  const partialRange = `${presentInPartial[0]}..${presentInPartial[presentInPartial.length - 1]}`;
  return {
    set,
    notes: [
      `${sources.name} is assembled locally because the official letters test file is absent: ` +
        `the partial letters test file (${partial.count} images, classes ${partialRange} only) plus the ` +
        `${byclassLetters.count} letter images of emnist-byclass:test (classes 10..61, upper and lower case ` +
        `merged by letter). Identical images were deduplicated by content hash: ${duplicatesDropped} ` +
        `duplicates dropped` +
        (conflictingLabels > 0 ? ` (${conflictingLabels} of them carried a different letter)` : '') +
        `, ${set.count} images remain.`,
    ],
  };
}

/** The letter images of a byclass-style set, relabelled to the case-insensitive `letterNames`. */
function lettersOf(byclass: LabeledImages, letterNames: readonly string[]): LabeledImages {
  const letterOfClass = byclass.classNames.map((className) =>
    /^[a-z]$/i.test(className) ? letterNames.indexOf(className.toLowerCase()) : -1,
  );
  const indices: number[] = [];
  for (let i = 0; i < byclass.count; i++) if (letterOfClass[byclass.labels[i]] >= 0) indices.push(i);
  const selected = selectImages(byclass, indices, `${byclass.name} letters`);
  const labels = selected.labels.map((label) => letterOfClass[label]);
  return { ...selected, labels, classNames: letterNames };
}
