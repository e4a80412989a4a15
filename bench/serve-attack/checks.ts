// The attacks of issue 17 other than the decode flood, each against a real server on loopback, each
// returning rows of the attack table: what was sent, what the server must answer, what it answered.
import { randomBytes } from 'node:crypto';
import { readdir, stat, writeFile, mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { amplifyingPng } from '@glyph/testkit/amplifying-png';
import {
  malformedMultipart,
  oversizedTextField,
  protocolErrorRequests,
  sendRaw,
} from '@glyph/testkit/hostile-requests';
import { percentile, processTreeCpuSeconds, round1, type RunningServer } from '../serve-harness';
import { abandon, request, type Answer } from './http';

export interface Row {
  readonly defect: string;
  readonly attack: string;
  readonly expected: string;
  readonly observed: string;
  readonly pass: boolean;
}

/** What every check is given: the server under attack and the key it accepts. */
export interface Target {
  readonly server: RunningServer;
  readonly key: string;
  readonly modelId: string;
  /** A label of the model, for feedback posts. */
  readonly label: string;
  readonly canvas: Buffer;
}

const dataUrl = (png: Buffer, type = 'image/png') => `data:${type};base64,${png.toString('base64')}`;
const withKey = (key: string) => ({ authorization: `Bearer ${key}` });
const codeOf = (answer: Answer) => {
  try {
    return answer.json().error?.code ?? '';
  } catch {
    return '(not JSON)';
  }
};
const shown = (answer: Answer) => `${answer.status} ${codeOf(answer)}`.trim();
const summarize = (values: readonly string[]) => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${count}× ${value}`).join(', ');
};

/** A row whose every answer must be `wanted`, e.g. `400 BAD_USAGE`. */
function allAnswer(defect: string, attack: string, answers: readonly Answer[], wanted: string): Row {
  const seen = answers.map(shown);
  return {
    defect,
    attack,
    expected: answers.length > 1 ? `${answers.length}× ${wanted}` : wanted,
    observed: summarize(seen),
    pass: seen.every((answer) => answer === wanted),
  };
}

export function feedbackBody(target: Target, image: string, label: string = target.label): string {
  return JSON.stringify({ model: target.modelId, label, image });
}

export function postFeedback(target: Target, body: string, from?: string): Promise<Answer> {
  return request(`${target.server.url}/api/feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...withKey(target.key) },
    body,
    from,
  });
}

/** Sample files (`.png`, not temporaries) and their bytes under `dir`. */
export async function storedFiles(
  dir: string,
): Promise<{ files: string[]; temporaries: string[]; bytes: number }> {
  const files: string[] = [];
  const temporaries: string[] = [];
  let bytes = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (/\.tmp(-\d+-[0-9a-f]+)?$/.test(entry.name)) temporaries.push(file);
    else if (entry.name.endsWith('.png')) files.push(file);
    bytes += (await stat(file)).size;
  }
  return { files, temporaries, bytes };
}

/** 2: malformed multipart bodies to the predict route. */
export async function malformedMultipartCheck(target: Target): Promise<Row[]> {
  const answers: Answer[] = [];
  for (const { contentType, payload } of Object.values(malformedMultipart(target.canvas))) {
    answers.push(
      await request(`${target.server.url}/api/models/${target.modelId}/predict`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: payload,
      }),
    );
  }
  const attack = `${answers.length} malformed multipart bodies (no/empty/long/unused boundary, unterminated, headerless part)`;
  return [allAnswer('2', attack, answers, '400 BAD_USAGE')];
}

/**
 * 3: the disk-filling image (noise WebP at quality 1) posted as feedback: growth of the folder per
 * stored sample against twice the image bytes sent and the stored-image cap.
 */
export async function feedbackDiskCheck(target: Target, side: number, capBytes: number): Promise<Row[]> {
  const raw = { width: side, height: side, channels: 3 as const };
  const webp = await sharp(randomBytes(side * side * 3), { raw })
    .webp({ quality: 1 })
    .toBuffer();
  const body = feedbackBody(target, dataUrl(webp, 'image/webp'));
  const before = await storedFiles(target.server.feedbackDir);
  // From three addresses: one client may have only two large images in flight.
  const answers = await Promise.all(
    [0, 1, 2].map((index) => postFeedback(target, body, `127.0.3.${1 + index}`)),
  );
  const after = await storedFiles(target.server.feedbackDir);
  const stored = answers.filter((answer) => answer.status === 201).length;
  const perSample = stored ? (after.bytes - before.bytes) / stored : 0;
  const limit = Math.min(2 * webp.length, capBytes);
  return [
    {
      defect: '3',
      attack: `3 × feedback of a ${side}² noise WebP at quality 1 (${(webp.length / 1e6).toFixed(2)} MB)`,
      expected: `stored (or refused with a code); disk growth per stored sample ≤ min(2 × image, cap ${(capBytes / 1e6).toFixed(2)} MB)`,
      observed: `${summarize(answers.map(shown))}; ${(perSample / 1e6).toFixed(3)} MB per sample (${round1(perSample / webp.length)}× the image)`,
      pass: stored > 0 && perSample <= limit && answers.every((answer) => codeOf(answer) !== '(not JSON)'),
    },
  ];
}

/**
 * 4: feedback posts whose clients hang up while the server decodes them: nothing stored, and the
 * pixel budget they held is back (canvases are served and stored right after).
 */
export async function abandonedPostsCheck(target: Target): Promise<Row[]> {
  const before = await storedFiles(target.server.feedbackDir);
  const body = Buffer.from(feedbackBody(target, dataUrl(amplifyingPng(4096))));
  const posts = 8;
  await Promise.all(
    Array.from({ length: posts }, (_, index) =>
      abandon(`${target.server.url}/api/feedback`, {
        headers: { 'content-type': 'application/json', ...withKey(target.key) },
        body,
        from: `127.0.4.${1 + index}`,
        afterMs: 150,
      }),
    ),
  );
  // Long enough for every abandoned decode to have finished had it gone on.
  await new Promise((resolve) => setTimeout(resolve, 4000));
  const after = await storedFiles(target.server.feedbackDir);
  const predict = await request(`${target.server.url}/api/models/${target.modelId}/predict`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: target.canvas,
  });
  const feedback = await postFeedback(target, feedbackBody(target, dataUrl(target.canvas)));
  const added = after.files.length - before.files.length;
  return [
    {
      defect: '4',
      attack: `${posts} feedback posts of a 4096² amplifying PNG, client gone after 150 ms`,
      expected: '0 stored; then a canvas predict 200 and feedback 201',
      observed: `${added} stored; then ${shown(predict)}, ${shown(feedback)}`,
      pass: added === 0 && predict.status === 200 && feedback.status === 201,
    },
  ];
}

/** 5: SIGHUP while predictions are half sent: every one completes with 200, the server stays up. */
export async function sighupCheck(target: Target): Promise<Row[]> {
  const inFlight = 8;
  const url = `${target.server.url}/api/models/${target.modelId}/predict`;
  const results = await Promise.all(
    Array.from(
      { length: inFlight },
      (_, index) =>
        new Promise<string>((resolve) => {
          const outgoing = http.request(url, {
            method: 'POST',
            headers: { 'content-type': 'image/png', 'content-length': String(target.canvas.length) },
            localAddress: `127.0.5.${1 + index}`,
            agent: false,
          });
          outgoing.on('response', (response) => {
            response.resume();
            response.on('end', () => resolve(String(response.statusCode)));
          });
          outgoing.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
          outgoing.write(target.canvas.subarray(0, 1000));
          if (index === 0) setTimeout(() => target.server.child.kill('SIGHUP'), 200);
          setTimeout(() => outgoing.end(target.canvas.subarray(1000)), 700);
        }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const health = await request(`${target.server.url}/healthz`);
  return [
    {
      defect: '5',
      attack: `SIGHUP while ${inFlight} predictions are half sent`,
      expected: `${inFlight}× 200, none reset; /healthz 200 after`,
      observed: `${summarize(results)}; /healthz ${health.status}`,
      pass: results.every((status) => status === '200') && health.status === 200,
    },
  ];
}

/** 6 and 11: DNS rebinding (a foreign Host) and cross-site bodies from a web page. */
export async function hostAndOriginCheck(target: Target): Promise<Row[]> {
  const predictUrl = `${target.server.url}/api/models/${target.modelId}/predict`;
  const rebound = await request(`${target.server.url}/api/feedback`, {
    headers: { host: 'attacker.example', ...withKey(target.key) },
  });
  const crossSite = await Promise.all([
    request(predictUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://attacker.example' },
      body: dataUrl(target.canvas),
    }),
    request(`${target.server.url}/predict/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site' },
      body: dataUrl(target.canvas),
    }),
    request(`${target.server.url}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'null' },
      body: feedbackBody(target, dataUrl(target.canvas)),
    }),
  ]);
  return [
    allAnswer(
      '6',
      'GET /api/feedback with a valid key and Host: attacker.example (DNS rebinding)',
      [rebound],
      '421 HOST_NOT_ALLOWED',
    ),
    allAnswer(
      '11',
      'cross-site text/plain and form posts (Origin of another site, Sec-Fetch-Site, Origin: null)',
      crossSite,
      '403 ORIGIN_NOT_ALLOWED',
    ),
  ];
}

/** 8: a multipart text field over the 1 MiB field limit. */
export async function textFieldCheck(target: Target): Promise<Row[]> {
  const { contentType, payload } = oversizedTextField();
  const answer = await request(`${target.server.url}/api/models/${target.modelId}/predict`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: payload,
  });
  return [allAnswer('8', 'multipart text field of 1.2 MB (a data URL)', [answer], '413 PAYLOAD_TOO_LARGE')];
}

/** 9: requests the HTTP parser refuses: answered as `{error: {code, message}}` and nothing else. */
export async function protocolErrorsCheck(target: Target): Promise<Row[]> {
  const url = new URL(target.server.url);
  const observed: string[] = [];
  let pass = true;
  for (const { request: raw, status, code } of Object.values(protocolErrorRequests)) {
    const answer = await sendRaw(Number(url.port), raw(url.host));
    let body: { error?: { code?: string; message?: string } } = {};
    try {
      body = JSON.parse(answer.body);
    } catch {
      // shown as not JSON below
    }
    const shape = Object.keys(body).join() === 'error' && typeof body.error?.message === 'string';
    observed.push(`${answer.status} ${shape ? body.error?.code : '(other shape)'}`);
    pass &&= answer.status === status && body.error?.code === code && shape;
  }
  return [
    {
      defect: '9',
      attack:
        'oversized headers, Content-Length + Transfer-Encoding, bad chunk size, non-HTTP line, bad %-encoding',
      expected: '431/400 as {error: {code, message}}',
      observed: summarize(observed),
      pass,
    },
  ];
}

/** 11: labels and models of the wrong JSON type; the security headers. */
export async function strictJsonAndHeadersCheck(target: Target): Promise<Row[]> {
  const image = dataUrl(target.canvas);
  const wrong = [{ label: 7 }, { label: [target.label] }, { label: true }, { model: [target.modelId] }];
  const answers = await Promise.all(
    wrong.map((fields) =>
      postFeedback(target, JSON.stringify({ model: target.modelId, label: target.label, image, ...fields })),
    ),
  );
  const headers = (await request(`${target.server.url}/api/models`)).headers;
  const csp = String(headers['content-security-policy'] ?? '');
  const wanted = {
    "CSP frame-ancestors 'none'": csp.includes("frame-ancestors 'none'"),
    "CSP default-src 'self'": csp.includes("default-src 'self'"),
    nosniff: headers['x-content-type-options'] === 'nosniff',
    'X-Frame-Options DENY': headers['x-frame-options'] === 'DENY',
  };
  const missing = Object.entries(wanted)
    .filter(([, present]) => !present)
    .map(([name]) => name);
  return [
    allAnswer('11', 'feedback with label 7, ["…"], true, model ["…"]', answers, '400 BAD_USAGE'),
    {
      defect: '11',
      attack: 'GET /api/models: security headers',
      expected: "CSP (default-src 'self', frame-ancestors 'none'), nosniff, X-Frame-Options DENY",
      observed: missing.length ? `missing: ${missing.join(', ')}` : 'all present',
      pass: missing.length === 0,
    },
  ];
}

/** Auth: without a key writes and listing are refused, predictions allowed; with the key all work. */
export async function authCheck(target: Target): Promise<Row[]> {
  const base = target.server.url;
  const json = { 'content-type': 'application/json' };
  const predict = () =>
    request(`${base}/api/models/${target.modelId}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'image/png' },
      body: target.canvas,
    });
  const body = feedbackBody(target, dataUrl(target.canvas));
  const withoutKey = await Promise.all([
    request(`${base}/api/feedback`, { method: 'POST', headers: json, body }),
    request(`${base}/api/feedback`),
    request(`${base}/api/feedback`, { headers: withKey('not-a-key') }),
    predict(),
  ]);
  const withTheKey = await Promise.all([
    postFeedback(target, body),
    request(`${base}/api/feedback`, { headers: withKey(target.key) }),
    predict(),
  ]);
  return [
    {
      defect: 'auth',
      attack: 'no key: POST and GET /api/feedback, a wrong key, predict',
      expected: '401, 401, 401, 200',
      observed: withoutKey.map((answer) => answer.status).join(', '),
      pass: withoutKey.map((answer) => answer.status).join() === '401,401,401,200',
    },
    {
      defect: 'auth',
      attack: 'with the key: POST and GET /api/feedback, predict',
      expected: '201, 200, 200',
      observed: withTheKey.map((answer) => answer.status).join(', '),
      pass: withTheKey.map((answer) => answer.status).join() === '201,200,200',
    },
  ];
}

/** `count` samples of the model under its label folders, named as the store names them. */
export async function fillFeedback(root: string, modelId: string, labels: readonly string[], count: number) {
  const png = await sharp({ create: { width: 28, height: 28, channels: 3, background: '#ffffff' } })
    .png()
    .toBuffer();
  for (const label of labels) await mkdir(path.join(root, modelId, label), { recursive: true });
  const start = Date.UTC(2025, 0, 1);
  for (let from = 0; from < count; from += 1000) {
    await Promise.all(
      Array.from({ length: Math.min(1000, count - from) }, (_, offset) => {
        const index = from + offset;
        const time = new Date(start + index * 1000).toISOString().replace(/[-:.]/g, '');
        const name = `${time}-${index.toString(16).padStart(8, '0')}.png`;
        return writeFile(path.join(root, modelId, labels[index % labels.length], name), png);
      }),
    );
  }
}

/**
 * 10: listing cost with few and with many samples (written into the folder by hand, as the index
 * must notice), and /healthz while 16 clients list at once.
 */
export async function listingCheck(
  target: Target,
  labels: readonly string[],
  samples: number,
): Promise<Row[]> {
  const url = `${target.server.url}/api/feedback?limit=500`;
  const pid = target.server.child.pid ?? 0;
  // Wall time and server CPU per listing: CPU time does not depend on what else the machine runs.
  const timeListings = async (count: number, from: string) => {
    const times: number[] = [];
    const cpuBefore = await processTreeCpuSeconds(pid);
    for (let run = 0; run < count; run += 1) {
      const start = performance.now();
      const answer = await request(url, { headers: withKey(target.key), from });
      if (answer.status !== 200) throw new Error(`listing answered ${shown(answer)}`);
      times.push(performance.now() - start);
    }
    const cpuMs = (((await processTreeCpuSeconds(pid)) - cpuBefore) * 1000) / count;
    return { p50: percentile(times, 50), cpuMs };
  };
  await fillFeedback(target.server.feedbackDir, target.modelId, labels, 1000);
  await timeListings(1, '127.0.6.1');
  const few = await timeListings(50, '127.0.6.1');
  await fillFeedback(target.server.feedbackDir, target.modelId, labels, samples);
  await timeListings(1, '127.0.6.2');
  const many = await timeListings(50, '127.0.6.2');
  const until = performance.now() + 3000;
  const health: number[] = [];
  const lister = async (index: number) => {
    while (performance.now() < until)
      await request(url, { headers: withKey(target.key), from: `127.0.6.${10 + index}` });
  };
  const prober = async () => {
    while (performance.now() < until) {
      const start = performance.now();
      await request(`${target.server.url}/healthz`);
      health.push(performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all([...Array.from({ length: 16 }, (_, index) => lister(index)), prober()]);
  return [
    {
      defect: '10',
      attack: `GET /api/feedback?limit=500 with 1,000 then ${samples.toLocaleString('en')} samples; 16 listers at once`,
      expected: 'server CPU per listing with many ≤ 1.5 × with few + 1 ms',
      observed: `CPU ${round1(few.cpuMs)} → ${round1(many.cpuMs)} ms, p50 ${round1(few.p50)} → ${round1(many.p50)} ms per listing; /healthz p99 during 16 listers ${round1(percentile(health, 99))} ms`,
      pass: many.cpuMs <= 1.5 * few.cpuMs + 1,
    },
  ];
}
