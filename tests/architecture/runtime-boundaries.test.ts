// The runtime is what a generated client loads in Node, Bun, Deno, browsers and edge workers.
// It must stay on Web APIs and must never pull in the compiler, the CLI or the server.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const runtimeDir = join(root, 'src/runtime');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every module specifier in `import … from '…'`, `export … from '…'` and `import('…')`. */
function importsOf(text: string): string[] {
  const found: string[] = [];
  const statements =
    /^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(statements)) {
    found.push((m[1] ?? m[2] ?? m[3])!);
  }
  return found;
}

const ALLOWED_PACKAGES = new Set(['@huggingface/jinja', 'eventsource-parser', 'aws4fetch']);

describe('runtime boundaries', () => {
  const files = sourceFiles(runtimeDir);

  it('finds the runtime sources', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s uses only Web APIs and runtime code',
    (_, file) => {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = relative(root, join(file, '..', spec));
          expect(target, `${spec} leaves the runtime`).toMatch(/^src\/(runtime|ir)\//);
        } else {
          expect(spec.startsWith('node:'), `${spec} is a Node-only module`).toBe(false);
          const name = spec.startsWith('@')
            ? spec.split('/').slice(0, 2).join('/')
            : spec.split('/')[0]!;
          expect(ALLOWED_PACKAGES.has(name), `${spec} is not an allowed runtime dependency`).toBe(
            true,
          );
        }
      }
    },
  );
});

// "tsbaml/type-builder" is the one entry point that may load the compiler: its front end, to
// read `addBaml` text. It builds on the runtime's TypeBuilder and never reaches the CLI, the
// server, the generator or the compiler's entry (which would bring the whole pipeline).
describe('type-builder entry boundaries', () => {
  const dir = join(root, 'src/type-builder');
  const files = sourceFiles(dir);

  it('finds the type-builder sources', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s uses only the runtime, the IR and the compiler front end',
    (_, file) => {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        expect(spec.startsWith('.'), `${spec} is a package import`).toBe(true);
        const target = relative(root, join(file, '..', spec));
        expect(target, `${spec} leaves the allowed layers`).toMatch(
          /^src\/(type-builder|ir|runtime|compiler\/(phases|diagnostics|source|utils))\//,
        );
      }
    },
  );
});
