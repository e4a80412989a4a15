import { GlyphError } from '@glyph/core';
import type { FastifyRequest } from 'fastify';
import { decodeDataUrl } from './data-url';

/**
 * The image bytes of a predict request, whatever the Content-Type says: multipart field `image`,
 * a JSON object `{"image": "<data URL>"}`, a bare data URL, or the raw image bytes. Which image
 * format the bytes are is decided later, by the decoder, from their magic bytes.
 */
export async function readImageBytes(request: FastifyRequest): Promise<Uint8Array> {
  if (request.isMultipart()) return readMultipartImage(request);
  const body = request.body;
  if (body === undefined || body === null || (Buffer.isBuffer(body) && body.length === 0)) {
    throw new GlyphError(
      'BAD_USAGE',
      'The request has no body. Send the image bytes, multipart field "image", or JSON {"image": "<data URL>"}.',
    );
  }
  if (Buffer.isBuffer(body)) return imageFromBuffer(body);
  return imageFromJson(body);
}

/** Text forms (JSON, data URL) are recognised by their first bytes, which no image format shares. */
export function imageFromBuffer(body: Buffer): Uint8Array {
  const start = firstNonSpace(body);
  if (body[start] === 0x7b /* { */) return imageFromJson(parseJson(body));
  if (
    body
      .subarray(start, start + 5)
      .toString('latin1')
      .toLowerCase() === 'data:'
  ) {
    return decodeDataUrl(body.toString('latin1'));
  }
  return body;
}

function imageFromJson(json: unknown): Uint8Array {
  const image = typeof json === 'object' && json !== null ? (json as { image?: unknown }).image : undefined;
  if (typeof image !== 'string') {
    throw new GlyphError(
      'BAD_USAGE',
      'The JSON body must be an object with a string field "image" holding a data URL.',
    );
  }
  return decodeDataUrl(image);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new GlyphError(
      'BAD_USAGE',
      `The body starts like JSON but is not valid JSON (${(error as Error).message}).`,
    );
  }
}

/** busboy's default `limits.fieldSize`, which the server keeps: data URLs above it go as files. */
export const multipartFieldLimitBytes = 1024 * 1024;

async function readMultipartImage(request: FastifyRequest): Promise<Uint8Array> {
  let image: Uint8Array | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'field' && part.valueTruncated) {
      // The parser cuts text fields at its field size limit; a cut data URL would read as garbage.
      throw new GlyphError(
        'PAYLOAD_TOO_LARGE',
        `The multipart text field "${part.fieldname}" is larger than ${multipartFieldLimitBytes} bytes. Send the image as a file part (filename set) in the field "image".`,
      );
    }
    if (part.fieldname === 'image' && image === undefined) {
      image = part.type === 'file' ? await part.toBuffer() : decodeDataUrl(String(part.value));
    } else if (part.type === 'file') {
      part.file.resume(); // drain parts we do not use so the request completes
    }
  }
  if (image === undefined) {
    throw new GlyphError(
      'BAD_USAGE',
      'The multipart body has no field "image"; send the image file in a field named "image".',
    );
  }
  return image;
}

function firstNonSpace(body: Buffer): number {
  let index = 0;
  while (
    index < body.length &&
    index < 64 &&
    (body[index] === 0x20 || (body[index] >= 0x09 && body[index] <= 0x0d))
  ) {
    index += 1;
  }
  return index;
}
