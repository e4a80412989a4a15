import net from 'node:net';

/** A multipart file part named `image`, without its closing boundary. */
export function filePart(boundary: string, body: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    body,
  ]);
}

export interface RawBody {
  readonly contentType: string;
  readonly payload: Buffer;
}

/** Multipart bodies the parser must refuse (400 BAD_USAGE), each carrying `png`. */
export function malformedMultipart(png: Buffer): Record<string, RawBody> {
  return {
    'no boundary': { contentType: 'multipart/form-data', payload: filePart('XYZ', png) },
    'an empty boundary': { contentType: 'multipart/form-data; boundary=', payload: filePart('XYZ', png) },
    'a boundary longer than the parser takes': {
      contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`,
      payload: filePart('b'.repeat(300), png),
    },
    'a boundary the body does not use': {
      contentType: 'multipart/form-data; boundary=XYZ',
      payload: Buffer.concat([filePart('ABC', png), Buffer.from('\r\n--ABC--\r\n')]),
    },
    'an unterminated body': {
      contentType: 'multipart/form-data; boundary=XYZ',
      payload: filePart('XYZ', png),
    },
    'a part without headers': {
      contentType: 'multipart/form-data; boundary=XYZ',
      payload: Buffer.from('--XYZ\r\n\r\n\r\n--XYZ--\r\n'),
    },
  };
}

/** A multipart body whose text field `image` holds a data URL over the 1 MiB field limit (413). */
export function oversizedTextField(): RawBody {
  const big = `data:image/png;base64,${'A'.repeat(1_200_000)}`;
  return {
    contentType: 'multipart/form-data; boundary=XYZ',
    payload: Buffer.from(
      `--XYZ\r\nContent-Disposition: form-data; name="image"\r\n\r\n${big}\r\n--XYZ--\r\n`,
    ),
  };
}

/**
 * Requests Node's HTTP parser refuses before any route runs (or, for the path, before routing), with
 * the answer they must get; `request` is given the `Host` to send (`127.0.0.1:<port>`).
 */
export const protocolErrorRequests: Record<
  string,
  { request: (host: string) => string; status: number; code: string }
> = {
  'headers larger than the limit': {
    request: (host) => `GET /healthz HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    status: 431,
    code: 'HEADERS_TOO_LARGE',
  },
  'Content-Length together with Transfer-Encoding': {
    request: (host) =>
      `POST /api/models/digits/predict HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`,
    status: 400,
    code: 'BAD_USAGE',
  },
  'a chunk size that is not hexadecimal': {
    request: (host) =>
      `POST /api/models/digits/predict HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\nhello\r\n0\r\n\r\n`,
    status: 400,
    code: 'BAD_USAGE',
  },
  'a request line that is not HTTP': { request: () => 'HELLO THERE\r\n\r\n', status: 400, code: 'BAD_USAGE' },
  'a malformed percent-encoding in the path': {
    request: (host) =>
      `GET /api/models/%E0%A4%A/report HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
    status: 400,
    code: 'BAD_USAGE',
  },
};

export interface RawAnswer {
  status: number;
  headers: string;
  body: string;
}

/** Writes `request` as is on a fresh connection to 127.0.0.1 and reads until the server closes it. */
export function sendRaw(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n', 2);
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.write(request);
  });
}
