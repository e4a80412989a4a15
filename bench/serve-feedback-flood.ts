// One client flooding POST /api/feedback with the disk-filling image of issue 17 (a 4096² noise WebP
// at quality 1) on a real server on loopback, with the default limits: how many posts are stored,
// how many refused (429, 507), and how fast the feedback folder grows.
//   npx tsx bench/serve-feedback-flood.ts [--seconds 20] [--connections 4] [--quota 1gb]
//                                         [--rate-limit write=120] [--server-args=--no-auth]
import { randomBytes } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { benchModels, startServer } from './serve-harness';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    connections: { type: 'string', default: '4' },
    quota: { type: 'string', default: '1gb' },
    'rate-limit': { type: 'string', default: 'predict=1200,write=120,read=1200' },
    'server-args': { type: 'string', default: '' },
  },
});
const seconds = Number(values.seconds);

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

const side = 4096;
const raw = { width: side, height: side, channels: 3 as const };
const webp = await sharp(randomBytes(side * side * 3), { raw })
  .webp({ quality: 1 })
  .toBuffer();
const body = JSON.stringify({
  model: 'digits',
  label: '7',
  image: `data:image/webp;base64,${webp.toString('base64')}`,
});
const models = await benchModels(undefined);
const server = await startServer(models.dir, [
  '--rate-limit',
  values['rate-limit'],
  '--feedback-quota',
  values.quota,
  '--body-limit',
  '8mb',
  ...values['server-args'].split(' ').filter(Boolean),
]);
const feedbackDir = String(server.child.spawnargs[server.child.spawnargs.indexOf('--feedback-dir') + 1]);
try {
  const statuses = new Map<number, number>();
  const until = performance.now() + seconds * 1000;
  const client = async () => {
    while (performance.now() < until) {
      const response = await fetch(`${server.url}/api/feedback`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: Number(values.connections) }, client));
  const bytes = await folderBytes(feedbackDir);
  const stored = statuses.get(201) ?? 0;
  process.stdout.write(
    [
      `image sent: ${(webp.length / 1e6).toFixed(2)} MB WebP (${(body.length / 1e6).toFixed(2)} MB JSON body)`,
      `answers in ${seconds} s: ${[...statuses].map(([status, count]) => `${status}×${count}`).join(', ')}`,
      `feedback folder: ${(bytes / 1e6).toFixed(2)} MB, ${(bytes / 1e6 / seconds).toFixed(3)} MB/s, ` +
        `${stored ? (bytes / stored / 1e6).toFixed(3) : '–'} MB per stored sample`,
    ].join('\n') + '\n',
  );
} finally {
  await server.stop();
}
