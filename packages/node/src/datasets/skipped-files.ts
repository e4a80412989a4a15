import { relative } from 'node:path';

/** A file (or folder entry) of a folder dataset that was not read, and why. It stays where it is. */
export interface SkippedFile {
  /** Absolute path. */
  readonly path: string;
  readonly reason: string;
}

/** What a load reports: the total, and the first files with their reasons (`path: reason`). */
export interface SkippedReport {
  readonly count: number;
  readonly examples: string[];
}

/** How many skipped files a note lists by name; `glyph data show --json` carries the same list. */
export const listedSkips = 20;

export function skippedReport(root: string, skipped: readonly SkippedFile[]): SkippedReport {
  return {
    count: skipped.length,
    examples: skipped.slice(0, listedSkips).map((file) => `${relative(root, file.path)}: ${file.reason}`),
  };
}

/**
 * One note naming every skipped file (up to `listedSkips`) with its reason, so a run's log says
 * which files did not train and why — and that they were left in place for the user to fix.
 */
export function skippedNote(root: string, report: SkippedReport): string {
  const more = report.count - report.examples.length;
  return [
    `Skipped ${report.count} ${report.count === 1 ? 'entry' : 'entries'} of ${root} that ${report.count === 1 ? 'is' : 'are'} not a readable image (left in place, nothing moved or deleted):`,
    ...report.examples.map((example) => `    ${example}`),
    ...(more > 0 ? [`    … and ${more} more`] : []),
  ].join('\n');
}
