// kill -9 in the middle of a feedback burst, then a restart on the same folder with a disk quota just
// above what is stored: every acknowledged sample must be there and decodable, no temporary left
// (the start-up sweep, defect 7), and the quota must refuse clearly without losing anything.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { startServer } from '../serve-harness';
import type { Row, Target } from './checks';
import { feedbackBody, postFeedback, storedFiles } from './checks';

export interface CrashOptions {
  readonly modelsDir: string;
  /** The server's environment (its API keys). */
  readonly env: Readonly<Record<string, string>>;
  /** Kill once this many posts were acknowledged (201), with more in flight. */
  readonly acknowledgedBeforeKill: number;
}

export async function crashCheck(target: Omit<Target, 'server'>, options: CrashOptions): Promise<Row[]> {
  const start = (feedbackDir?: string, extraArgs: string[] = []) =>
    startServer(options.modelsDir, extraArgs, { rateLimit: true, env: options.env, feedbackDir });
  const first = await start();
  const body = feedbackBody(
    { ...target, server: first },
    `data:image/png;base64,${target.canvas.toString('base64')}`,
  );
  const acknowledged: string[] = [];
  let running = true;
  const client = async (index: number) => {
    while (running) {
      const answer = await postFeedback({ ...target, server: first }, body, `127.0.7.${1 + index}`).catch(
        () => undefined,
      );
      if (answer?.status === 201) acknowledged.push(answer.json<{ path: string }>().path);
      else if (!answer) return; // the server is gone
    }
  };
  const clients = Array.from({ length: 8 }, (_, index) => client(index));
  const burstStart = performance.now();
  // On a busy machine a fixed delay may pass before the first answer: wait for the acknowledgements.
  while (acknowledged.length < options.acknowledgedBeforeKill && performance.now() - burstStart < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const burstMs = Math.round(performance.now() - burstStart);
  first.child.kill('SIGKILL');
  running = false;
  await Promise.all(clients);
  const feedbackDir = first.feedbackDir;
  const leftByKill = (await storedFiles(feedbackDir)).temporaries.length;
  // Plant what a crash mid-write leaves, in case this kill landed between writes.
  const labelDir = path.join(feedbackDir, target.modelId, target.label);
  await mkdir(labelDir, { recursive: true });
  await writeFile(path.join(labelDir, '.20250101T000000000Z-deadbeef.png.tmp'), 'half a file');
  await writeFile(path.join(labelDir, '.operations.json.tmp-4242-0a1b'), '{"half":');

  const used = (await storedFiles(path.join(feedbackDir, target.modelId))).bytes;
  const quota = used + 48 * 1024;
  const second = await start(feedbackDir, ['--feedback-quota', String(quota)]);
  try {
    const after = await storedFiles(feedbackDir);
    const missing: string[] = [];
    for (const relative of acknowledged) {
      const decoded = await sharp(path.join(feedbackDir, relative))
        .raw()
        .toBuffer({ resolveWithObject: true })
        .catch(() => undefined);
      if (!decoded || decoded.info.width === 0) missing.push(relative);
    }
    // Fill the quota: canvases from fresh addresses until the server says the disk budget is spent.
    const server = { ...target, server: second };
    const answers: number[] = [];
    let refusal = '';
    for (let index = 0; index < 60 && !refusal; index += 1) {
      const answer = await postFeedback(server, body, `127.0.8.${1 + (index % 50)}`);
      answers.push(answer.status);
      if (answer.status !== 201) refusal = `${answer.status} ${answer.json().error?.code ?? ''}`;
    }
    const storedAfterQuota = await storedFiles(feedbackDir);
    const accepted = answers.filter((status) => status === 201).length;
    const lost = after.files.length + accepted - storedAfterQuota.files.length;
    return [
      {
        defect: 'crash',
        attack: `kill -9 after ${burstMs} ms of 8 clients posting feedback (at ${options.acknowledgedBeforeKill} acknowledged, more in flight); restart`,
        expected: 'every 201 file present and decodable',
        observed: `${acknowledged.length} acknowledged, ${missing.length} missing or undecodable`,
        pass: acknowledged.length > 0 && missing.length === 0,
      },
      {
        defect: '7',
        attack: `restart after the kill (${leftByKill} temporaries left by it, 2 more planted)`,
        expected: 'no .tmp file after start',
        observed: `${after.temporaries.length} left`,
        pass: after.temporaries.length === 0,
      },
      {
        defect: '3',
        attack: `feedback with --feedback-quota 48 KiB above what is stored`,
        expected: '507 FEEDBACK_QUOTA_EXCEEDED, nothing stored lost',
        observed: `${accepted}× 201, then ${refusal || 'no refusal'}; ${lost} files lost`,
        pass: refusal === '507 FEEDBACK_QUOTA_EXCEEDED' && lost === 0,
      },
    ];
  } finally {
    await second.stop();
  }
}
