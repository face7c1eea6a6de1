import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BamlSource } from './baml-source.js';

/**
 * Reads every `*.baml` file under `dir`, recursively, sorted by path. Paths are `dir` joined
 * with the relative path, so they are relative to the cwd when `dir` is, or absolute when it is.
 *
 * @example
 * const sources = await loadBamlSources('baml_src');
 * // [{ path: 'baml_src/clients.baml', text: '…' }, { path: 'baml_src/main.baml', text: '…' }]
 */
export async function loadBamlSources(dir: string): Promise<BamlSource[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.baml'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  return Promise.all(paths.map(async (path) => ({ path, text: await readFile(path, 'utf8') })));
}
