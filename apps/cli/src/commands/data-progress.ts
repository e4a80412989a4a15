/**
 * Progress for long data operations, written to stderr: a redrawn bar on a terminal, a few plain
 * lines (every 25%) otherwise so logs stay readable.
 */
export function progressReporter(
  write: (text: string) => void,
  isTty: boolean,
): {
  update(label: string, done: number, total: number | undefined, unit?: 'bytes' | 'items'): void;
  end(): void;
} {
  let lastQuarter = -1;
  let lastLabel = '';
  let drawn = false;
  return {
    update(label, done, total, unit = 'items') {
      if (label !== lastLabel) {
        lastLabel = label;
        lastQuarter = -1;
      }
      const fraction = total ? Math.min(1, done / total) : undefined;
      const amount = `${format(done, unit)}${total ? `/${format(total, unit)}` : ''}`;
      if (isTty) {
        const bar =
          fraction === undefined
            ? ''
            : `[${'#'.repeat(Math.round(fraction * 30)).padEnd(30, '-')}] ${Math.floor(fraction * 100)}% `;
        write(`\r\x1b[2K${label} ${bar}${amount}`);
        drawn = true;
        return;
      }
      const quarter = fraction === undefined ? 0 : Math.floor(fraction * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        write(`${label} ${fraction === undefined ? '' : `${Math.floor(fraction * 100)}% `}${amount}\n`);
      }
    },
    end() {
      if (isTty && drawn) write('\n');
      drawn = false;
    },
  };
}

function format(value: number, unit: 'bytes' | 'items'): string {
  return unit === 'bytes' ? `${(value / 1e6).toFixed(1)} MB` : String(value);
}
