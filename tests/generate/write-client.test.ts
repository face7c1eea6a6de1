// writeClient replaces the output folder atomically: a failed write leaves the old client.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeClient } from '../../src/generator/index.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsbaml-write-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeClient', () => {
  it('writes the files and replaces a previous client completely', async () => {
    const out = join(tempDir(), 'baml_client');
    await writeClient(
      [
        { path: 'index.ts', content: 'one' },
        { path: 'old.ts', content: 'x' },
      ],
      out,
    );
    await writeClient([{ path: 'index.ts', content: 'two' }], out);
    expect(readdirSync(out)).toEqual(['index.ts']);
    expect(readFileSync(join(out, 'index.ts'), 'utf8')).toBe('two');
    expect(readdirSync(join(out, '..'))).toEqual(['baml_client']); // no temp folders left behind
  });

  it('leaves the old client intact when writing fails', async () => {
    const out = join(tempDir(), 'baml_client');
    await writeClient([{ path: 'index.ts', content: 'old' }], out);
    // Two files whose paths collide (a file and a folder of the same name) make the write fail.
    const bad = [
      { path: 'a.ts', content: 'new' },
      { path: 'a.ts/b.ts', content: 'new' },
    ];
    await expect(writeClient(bad, out)).rejects.toThrow();
    expect(readFileSync(join(out, 'index.ts'), 'utf8')).toBe('old');
    expect(readdirSync(join(out, '..'))).toEqual(['baml_client']);
  });

  it('refuses paths that escape the output folder', async () => {
    const parent = tempDir();
    const out = join(parent, 'baml_client');
    await expect(writeClient([{ path: '../evil.ts', content: 'x' }], out)).rejects.toThrow(
      /escapes/,
    );
    expect(existsSync(join(parent, 'evil.ts'))).toBe(false);
  });

  it('creates missing parent folders', async () => {
    const out = join(tempDir(), 'deep', 'er', 'baml_client');
    writeFileSync(join(out, '..', '..', '..', 'marker'), '');
    await writeClient([{ path: 'index.ts', content: 'x' }], out);
    expect(readFileSync(join(out, 'index.ts'), 'utf8')).toBe('x');
  });
});
