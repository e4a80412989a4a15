import { listDatasets, resolveDataDir } from '@glyph/node/datasets';
import type { CliIo } from '../cli-io';

export async function runDataList(raw: { dataDir?: string; json?: boolean }, io: CliIo): Promise<void> {
  const dataDir = resolveDataDir(raw.dataDir);
  const statuses = await listDatasets(dataDir);
  if (raw.json) {
    io.out(`${JSON.stringify({ dataDir, datasets: statuses }, null, 2)}\n`);
    return;
  }
  const rows = [
    ['dataset', 'train', 'test', 'path'],
    ...statuses.map((status) => [status.name, status.splits.train, status.splits.test, status.path]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  io.out(`Data directory: ${dataDir}\n\n`);
  for (const row of rows)
    io.out(
      `${row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd()}\n`,
    );
  io.out(
    '\n"assembled": built locally from other files (see "glyph data show emnist-letters" or emnist-digits).\n' +
      'Missing data: "glyph data download <dataset>". Your own images: folder:<path> with one sub-folder per class.\n',
  );
}
