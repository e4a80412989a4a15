export type Alignment = 'left' | 'right';

/**
 * Lays rows of cells out as aligned plain-text columns (two spaces apart, no box characters) so the
 * table survives pipes, logs and `grep`. `align[i]` applies to column i (default left).
 */
export function formatColumns(
  rows: readonly (readonly string[])[],
  align: readonly Alignment[] = [],
): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i] - [...cell].length);
          return align[i] === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** `0.99612` → `99.61%`. */
export function percent(fraction: number, digits = 2): string {
  return `${(fraction * 100).toFixed(digits)}%`;
}

/**
 * Precision, recall and F1 of one class as text. The report stores 0 where a ratio has no
 * denominator (JSON has no NaN); for people, show those as "–": precision of a class never
 * predicted, recall of a class with no samples, and F1 of a class with neither.
 */
export function classRatioCells(c: {
  precision: number;
  recall: number;
  f1: number;
  support: number;
  predicted: number;
}): [string, string, string] {
  const undefinedMark = '–';
  return [
    c.predicted === 0 ? undefinedMark : percent(c.precision),
    c.support === 0 ? undefinedMark : percent(c.recall),
    c.predicted === 0 && c.support === 0 ? undefinedMark : percent(c.f1),
  ];
}
