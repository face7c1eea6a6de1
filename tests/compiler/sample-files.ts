// Reading the compiler's fixture folders (shared by the suite and the round-trip test).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BamlSource, loadBamlSources } from '../../src/compiler/index.js';

const SAMPLES = fileURLToPath(new URL('./samples/', import.meta.url));
const FILTER = process.env.FILTER ?? '';

/** The case folders of one suite, sorted, as `[name, absolute dir]` pairs. */
export function sampleDirs(suite: 'valid' | 'invalid'): [string, string][] {
  const root = join(SAMPLES, suite);
  return readdirSync(root)
    .filter((name) => !name.startsWith('.') && name.includes(FILTER))
    .sort()
    .map((name) => [name, join(root, name)]);
}

/** The sources of a case, with paths relative to its folder. */
export async function readSample(dir: string): Promise<BamlSource[]> {
  const single = join(dir, 'input.baml');
  if (existsSync(single)) return [{ path: 'input.baml', text: readFileSync(single, 'utf8') }];
  const loaded = await loadBamlSources(join(dir, 'baml_src'));
  return loaded.map((s) => ({ path: s.path.slice(dir.length + 1), text: s.text }));
}
