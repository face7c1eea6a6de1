// Fixture tests for the generator: each samples/<case>/input.baml is compiled and generated,
// and every file is compared with samples/<case>/_expected/<file>. UPDATE_SNAPSHOTS=1 rewrites
// the expected files; on a mismatch the generated file is written as _actual/<file>.
// (The snapshots keep their `.ts` names; tsconfig.json and biome.json leave `_expected` folders
// out, because their `./types` imports only resolve inside a real baml_client folder.)
// inlinedbaml.ts is not compared: it embeds the compiler's IR, which is tested elsewhere.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateFrom } from './support.js';

const samples = fileURLToPath(new URL('./samples/', import.meta.url));

/** The files under `dir`, by path relative to it (`react/hooks.tsx`). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)));
}

function writeUnder(dir: string, path: string, content: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), content);
}
const update = process.env.UPDATE_SNAPSHOTS === '1';
const filter = process.env.FILTER ?? '';

describe.each(readdirSync(samples).filter((c) => c.includes(filter)))('%s', (name) => {
  const dir = join(samples, name);
  it('generates the expected files', () => {
    const files = generateFrom(readFileSync(join(dir, 'input.baml'), 'utf8'), 'input.baml').filter(
      (f) => f.path !== 'inlinedbaml.ts',
    );
    const expectedDir = join(dir, '_expected');
    const actualDir = join(dir, '_actual');
    rmSync(actualDir, { recursive: true, force: true });
    if (update) {
      rmSync(expectedDir, { recursive: true, force: true });
      mkdirSync(expectedDir, { recursive: true });
      for (const f of files) writeUnder(expectedDir, f.path, f.content);
      return;
    }
    expect(existsSync(expectedDir), `${name} has no _expected (run with UPDATE_SNAPSHOTS=1)`).toBe(
      true,
    );
    expect(files.map((f) => f.path).sort()).toEqual(filesUnder(expectedDir).sort());
    for (const f of files) {
      const expected = readFileSync(join(expectedDir, f.path), 'utf8');
      if (expected !== f.content) writeUnder(actualDir, f.path, f.content);
      expect(f.content, `${name}/${f.path}`).toBe(expected);
    }
  });
});
