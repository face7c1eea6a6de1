import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCheck } from '../../src/cli/commands/check.js';

function captureConsole(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...args) => void out.push(args.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...args) => void err.push(args.join(' ')));
  return { out, err };
}

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbaml-check-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

afterEach(() => vi.restoreAllMocks());

describe('runCheck', () => {
  it('reports success with the file count and exit code 0', async () => {
    const dir = project({
      'a.baml': 'class A {\n  x int\n}\n',
      'nested/b.baml': 'enum B {\n  ONE\n}\n',
    });
    const { out, err } = captureConsole();
    expect(await runCheck({ from: dir })).toBe(0);
    expect(out).toEqual(['2 files checked, no errors']);
    expect(err).toEqual([]);
  });

  it('prints located diagnostics and returns 1 on errors', async () => {
    const dir = project({ 'main.baml': 'class A {\n  x Persn\n}\n' });
    const { err } = captureConsole();
    expect(await runCheck({ from: dir })).toBe(1);
    const text = err.join('\n');
    expect(text).toContain(
      `${join(dir, 'main.baml')}:2:5: error[unknown_type]: Unknown type \`Persn\``,
    );
    expect(text).toContain('^^^^^');
    expect(text).toContain('1 file checked, 1 error');
  });

  it('fails cleanly without a stack trace when the folder is missing or empty', async () => {
    const { err } = captureConsole();
    expect(await runCheck({ from: join(tmpdir(), 'tsbaml-does-not-exist') })).toBe(1);
    expect(await runCheck({ from: project({ 'readme.txt': 'hi' }) })).toBe(1);
    expect(err[0]).toMatch(/^error: cannot read .*: no such directory$/);
    expect(err[1]).toMatch(/^error: no \.baml files found under /);
  });
});
