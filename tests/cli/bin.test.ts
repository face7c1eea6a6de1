import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The real executable, run from source through tsx's loader (as the conformance runner runs it).
const bin = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/tsx/dist/esm/index.mjs', import.meta.url));
const run = (args: string[], cwd: string) =>
  spawnSync(process.execPath, ['--import', tsx, bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('tsbaml executable', () => {
  it('init → check → generate works on a fresh folder', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tsbaml-bin-'));
    expect(run(['init'], dir).status).toBe(0);
    const check = run(['check'], dir);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    const generate = run(['generate'], dir);
    expect(generate.status).toBe(0);
    expect(generate.stdout).toContain('Wrote');
    expect(readFileSync(path.join(dir, 'baml_client', 'index.ts'), 'utf8')).toContain('b');
  }, 30_000);

  it('fails with one paragraph and exit 1, never a stack trace', () => {
    const result = run(['generate', '--from', 'missing'], tmpdir());
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^error: No BAML source folder at .*\n$/);
    expect(result.stderr).not.toMatch(/\bat .*:\d+:\d+/);
  }, 30_000);
});
