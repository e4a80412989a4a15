// The shipped deployment files (deploy/) are checked by the tools that will run them.
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseServerConfig } from '../src/config/server-config';
import { haproxyConfig } from '@glyph/testkit/haproxy';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const deployDir = path.join(repoRoot, 'deploy');

describe('deploy/', () => {
  it('haproxy.cfg passes haproxy -c', () => {
    const check = spawnSync('haproxy', ['-c', '-f', haproxyConfig], {
      env: { ...process.env, GLYPH_PROXY_STATS: path.join(tmpdir(), 'glyph-check.sock') },
      encoding: 'utf8',
    });
    expect(check.error, 'haproxy missing: run bash scripts/setup.sh').toBeUndefined();
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it('the systemd unit passes systemd-analyze verify without a warning', async () => {
    // verify reads an instance of a template unit from a file named like one.
    const dir = await mkdtemp(path.join(tmpdir(), 'glyph-unit-'));
    await copyFile(path.join(deployDir, 'glyph@.service'), path.join(dir, 'glyph@.service'));
    const verify = spawnSync('systemd-analyze', ['verify', path.join(dir, 'glyph@3001.service')], {
      encoding: 'utf8',
    });
    expect(verify.error).toBeUndefined();
    expect(verify.stderr + verify.stdout).toBe('');
    expect(verify.status).toBe(0);
  });

  it('the Dockerfile copies every workspace manifest and its command is a valid glyph serve', async () => {
    const dockerfile = await readFile(path.join(deployDir, 'Dockerfile'), 'utf8');
    const { workspaces } = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      workspaces: string[];
    };
    for (const workspace of workspaces) {
      expect(dockerfile).toContain(`COPY ${workspace}/package.json ${workspace}/`);
    }
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]) as string[];
    expect(command.slice(0, 3)).toEqual(['node', 'apps/cli/bin/glyph.js', 'serve']);
    const env = Object.fromEntries(
      [...dockerfile.matchAll(/^ENV (.*)$/gm)].flatMap((match) =>
        match[1].split(/\s+/).map((pair) => pair.split('=') as [string, string]),
      ),
    );
    const config = parseServerConfig(command.slice(3), env, '/opt/glyph');
    expect(config.host).toBe('0.0.0.0');
    expect(config.modelsDir).toBe('/var/lib/glyph/models');
    expect(config.feedbackDir).toBe('/var/lib/glyph/feedback');
  });
});
