import { resolveDataDir } from '@glyph/node/datasets';
import { downloadDataset } from '@glyph/node/download';
import type { CliIo } from '../cli-io';
import { progressReporter } from './data-progress';

export async function runDataDownload(name: string, raw: { dataDir?: string }, io: CliIo): Promise<void> {
  const dataDir = resolveDataDir(raw.dataDir);
  const progress = progressReporter((text) => io.err(text), Boolean(process.stderr.isTTY));
  let current = '';
  const result = await downloadDataset(name, {
    dataDir,
    onProgress: ({ fileName, receivedBytes, totalBytes }) => {
      if (fileName !== current) progress.end();
      current = fileName;
      progress.update(fileName, receivedBytes, totalBytes, 'bytes');
    },
  }).finally(() => progress.end());
  for (const file of result.files) {
    const how =
      file.status === 'already-present'
        ? 'already present (checksum verified)'
        : file.resumedFromBytes > 0
          ? `downloaded and verified (resumed after ${file.resumedFromBytes} bytes)`
          : 'downloaded and verified';
    io.out(`${file.path}: ${how}\n`);
  }
  if (result.manualStep) io.out(`Next step: ${result.manualStep}\n`);
}
