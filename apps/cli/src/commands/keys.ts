import { createHash, randomBytes } from 'node:crypto';
import { appendFile, chmod, readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { GlyphError } from '@glyph/core';
import type { CliIo } from '../cli-io';

/** The scopes `glyph serve` knows (apps/server/src/auth/api-key-entries.ts). */
const scopes = ['predict', 'write', 'metrics'];

/**
 * `glyph keys add <file>` makes a random key, appends only its hash to a `--api-keys` file (a running
 * server picks it up within a second) and prints the key once; `glyph keys hash` turns a key into
 * the line to store, for `$GLYPH_API_KEYS` or a file kept elsewhere.
 */
export function registerKeysCommand(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('Make API keys for `glyph serve --api-keys <file>`.');
  keys
    .command('add <file>')
    .description('Append a new random key (hashed) to a keys file and print the key once.')
    .option('--name <name>', 'a name for logs (no spaces)')
    .option('--scopes <list>', `comma-separated: ${scopes.join(', ')} (default: all)`)
    .action(async (file: string, options: { name?: string; scopes?: string }) => {
      const key = randomBytes(32).toString('base64url');
      const line = keyEntry(key, options);
      const existing = await readFile(file, 'utf8').catch(() => '');
      await appendFile(file, `${existing === '' || existing.endsWith('\n') ? '' : '\n'}${line}\n`, {
        mode: 0o600,
      });
      await chmod(file, 0o600);
      io.err(`Added to ${file}: ${line}\nThe key (shown only now; the file keeps its hash):\n`);
      io.out(`${key}\n`);
    });
  keys
    .command('hash [key]')
    .description('Print the keys-file line for a key (read from stdin when not given).')
    .option('--name <name>', 'a name for logs (no spaces)')
    .option('--scopes <list>', `comma-separated: ${scopes.join(', ')} (default: all)`)
    .action(async (key: string | undefined, options: { name?: string; scopes?: string }) => {
      const text = (key ?? (await readStdin())).trim();
      if (text === '') throw new GlyphError('BAD_USAGE', 'No key given: pass it as an argument or on stdin.');
      io.out(`${keyEntry(text, options)}\n`);
    });
}

/** `sha256:<hex> [name] [scopes=…]`, the line `glyph serve --api-keys` reads. */
export function keyEntry(key: string, options: { name?: string; scopes?: string }): string {
  const parts = [`sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`];
  if (options.name !== undefined) {
    if (!/^[^\s#;=]+$/.test(options.name)) {
      throw new GlyphError('BAD_USAGE', `--name "${options.name}" must be one word (no spaces, #, ; or =).`);
    }
    parts.push(options.name);
  }
  if (options.scopes !== undefined) {
    const given = options.scopes.split(',').filter(Boolean);
    const unknown = given.filter((scope) => !scopes.includes(scope));
    if (given.length === 0 || unknown.length > 0) {
      throw new GlyphError('BAD_USAGE', `--scopes "${options.scopes}": use a list of ${scopes.join(', ')}.`);
    }
    parts.push(`scopes=${given.join(',')}`);
  }
  return parts.join(' ');
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
