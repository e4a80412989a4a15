import { createHash, randomBytes } from 'node:crypto';
import { GlyphError } from '@glyph/core';

/** What a key may do: `write` covers every write and management route, `predict` and `metrics` theirs. */
export type ApiKeyScope = 'predict' | 'write' | 'metrics';

export const apiKeyScopes: readonly ApiKeyScope[] = ['predict', 'write', 'metrics'];

/** One accepted key, as stored: only its SHA-256 digest, never the key itself. */
export interface ApiKeyEntry {
  /** 32 bytes: SHA-256 of the key's UTF-8 text. */
  readonly digest: Buffer;
  /** For logs; the key's position in its source when the entry has none. */
  readonly name: string;
  readonly scopes: ReadonlySet<ApiKeyScope>;
}

const hashPattern = /^sha256:([0-9a-f]{64})$/i;

/** The line a keys file holds for `key`: `sha256:<hex>` (then, optionally, a name and scopes). */
export function hashApiKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** A fresh random key (256 bits, base64url): what to hand a client. */
export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Parses key entries, one per line (or `;`-separated, as `GLYPH_API_KEYS` holds them):
 * `sha256:<hex> [name] [scopes=predict,write,metrics]`. Blank lines and `#` comments are skipped.
 * An entry without scopes may do everything. Throws BAD_USAGE naming `source` and the line.
 */
export function parseApiKeyEntries(text: string, source: string): ApiKeyEntry[] {
  const entries: ApiKeyEntry[] = [];
  text.split(/[\n;]/).forEach((rawLine, index) => {
    const line = rawLine.replace(/#.*$/, '').trim();
    if (line === '') return;
    entries.push(parseEntry(line, `${source} entry ${index + 1}`));
  });
  return entries;
}

function parseEntry(line: string, where: string): ApiKeyEntry {
  const [hash, ...rest] = line.split(/\s+/);
  const match = hashPattern.exec(hash);
  if (!match) {
    throw new GlyphError(
      'BAD_USAGE',
      `${where} is not a hashed key: expected "sha256:<64 hex digits> [name] [scopes=…]", got "${hash.slice(0, 12)}…". Keys are stored hashed: make an entry with \`glyph keys add <file>\` (docs/serving.md, Authentication).`,
    );
  }
  let name = where;
  let scopes: ReadonlySet<ApiKeyScope> = new Set(apiKeyScopes);
  for (const token of rest) {
    if (token.startsWith('scopes=')) scopes = parseScopes(token.slice('scopes='.length), where);
    else name = token;
  }
  return { digest: Buffer.from(match[1], 'hex'), name, scopes };
}

function parseScopes(text: string, where: string): ReadonlySet<ApiKeyScope> {
  const scopes = text.split(',').filter(Boolean);
  const unknown = scopes.filter((scope) => !(apiKeyScopes as readonly string[]).includes(scope));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new GlyphError(
      'BAD_USAGE',
      `${where} has unknown scopes "${text}": use a comma-separated list of ${apiKeyScopes.join(', ')}.`,
    );
  }
  return new Set(scopes as ApiKeyScope[]);
}
