// How a generated client imports its sibling files. BAML writes `./types` (module_format cjs)
// or `./types.js` (esm); Node, bundlers and Bun resolve both. Deno resolves neither without
// `--sloppy-imports`: a Deno user imports TypeScript by its real name, `./types.ts`. So a client
// generated into a Deno project (the nearest folder above it with a deno.json/deno.jsonc or a
// package.json has a deno.json/deno.jsonc) imports its siblings with `.ts`.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { GeneratorDef } from '../ir/types.js';

/** The generator block as honoured for a client written to `outDir`. */
export function withImportStyle(generator: GeneratorDef, outDir: string): GeneratorDef {
  return isDenoProject(outDir) ? { ...generator, importExtension: '.ts' } : generator;
}

/** Whether the project that holds `dir` is a Deno project. */
export function isDenoProject(dir: string): boolean {
  for (let at = path.resolve(dir); ; ) {
    const has = (name: string) => existsSync(path.join(at, name));
    if (has('deno.json') || has('deno.jsonc')) return true;
    if (has('package.json')) return false;
    const up = path.dirname(at);
    if (up === at) return false;
    at = up;
  }
}
