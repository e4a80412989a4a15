import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('README quick start', () => {
  const quickStart = read('README.md').split('## Quick start')[1]?.split('\n## ')[0] ?? '';
  const commands = [...quickStart.matchAll(/^(bash scripts\/\S+)/gm)].map((match) => match[1]);

  it('has exactly two set-up commands: one runs the app, one runs the tests', () => {
    expect(commands).toEqual(['bash scripts/start.sh', 'bash scripts/test.sh']);
  });

  it('is what CI runs', () => {
    const ciCommands = read('.ci/run')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#') && !/^(set|cd|export) /.test(line));
    expect(ciCommands).toEqual(['bash scripts/test.sh']);
  });
});
