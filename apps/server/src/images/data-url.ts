import { GlyphError } from '@glyph/core';

/**
 * The bytes of a base64 data URL (`data:image/png;base64,iVBOR…`). The declared media type is
 * ignored: the decoder trusts magic bytes only.
 */
export function decodeDataUrl(text: string): Uint8Array {
  const match = /^\s*data:([^,]*),/.exec(text);
  if (!match) {
    throw new GlyphError(
      'BAD_USAGE',
      'The image must be a data URL such as "data:image/png;base64,iVBOR…" (as canvas.toDataURL() returns).',
    );
  }
  if (!/;base64$/i.test(match[1].trim())) {
    throw new GlyphError('BAD_USAGE', 'The image data URL must be base64-encoded (";base64,").');
  }
  return decodeBase64(text.slice(match[0].length));
}

/**
 * Finds a data URL's payload anywhere in a body, as the original canvas apps posted it: the bare
 * data URL as text, possibly form-encoded (`imgBase64=data%3Aimage…`) by the sending library.
 */
export function findDataUrlPayload(text: string): Uint8Array | undefined {
  const marker = /base64(,|%2C)/i.exec(text);
  if (!marker) return undefined;
  let payload = text.slice(marker.index + marker[0].length);
  const end = payload.indexOf('&');
  if (end >= 0) payload = payload.slice(0, end);
  if (/%[0-9a-f]{2}/i.test(payload)) payload = safeDecodeUriComponent(payload);
  // Form encoding turns '+' into ' '; base64 has no spaces, so they can only be pluses.
  return decodeBase64(payload.replace(/ /g, '+'));
}

function decodeBase64(payload: string): Uint8Array {
  const compact = payload.replace(/[\r\n\t]/g, '').trim();
  if (compact.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) {
    throw new GlyphError('BAD_USAGE', 'The data URL payload is empty or not valid base64.');
  }
  return Buffer.from(compact, 'base64');
}

function safeDecodeUriComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new GlyphError('BAD_USAGE', 'The body holds a malformed percent-encoded data URL.');
  }
}
