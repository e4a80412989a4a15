// One HTTP request on node:http, with what fetch() cannot do: a chosen local (loopback) address, any
// Host header, and hanging up mid-request. Every answer's status is tallied for the run's 500 count.
import http from 'node:http';

export interface Answer {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  json<T = { error?: { code: string; message: string } }>(): T;
}

export interface RequestOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer | string;
  /** Source address, e.g. 127.0.0.5 (every 127/8 address is loopback on Linux). */
  readonly from?: string;
  readonly agent?: http.Agent;
  readonly timeoutMs?: number;
}

/** Answers by status over the whole run (0 = the connection failed). */
export const statusTally = new Map<number, number>();

export function tally(status: number): void {
  statusTally.set(status, (statusTally.get(status) ?? 0) + 1);
}

export function request(url: string, options: RequestOptions = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.from,
        agent: options.agent ?? false,
        timeout: options.timeoutMs ?? 60_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          tally(status);
          const body = Buffer.concat(chunks);
          resolve({ status, headers: response.headers, body, json: () => JSON.parse(body.toString('utf8')) });
        });
        response.on('error', reject);
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`${url}: no answer in time`)));
    outgoing.on('error', (error) => {
      tally(0);
      reject(error);
    });
    outgoing.end(options.body);
  });
}

/**
 * Sends the whole request, then hangs up `afterMs` later without reading an answer: a client that
 * gives up while the server works on its request.
 */
export function abandon(
  url: string,
  options: RequestOptions & { body: Buffer; afterMs: number },
): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = http.request(url, {
      method: options.method ?? 'POST',
      headers: { ...options.headers, 'content-length': String(options.body.length) },
      localAddress: options.from,
      agent: false,
    });
    outgoing.on('error', () => {});
    outgoing.on('response', (response) => response.resume());
    outgoing.write(options.body);
    setTimeout(() => {
      outgoing.destroy();
      resolve();
    }, options.afterMs);
  });
}
