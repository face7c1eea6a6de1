import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Toolchain } from '../../src/cli/toolchain.js';
import type { Program } from '../../src/ir/types.js';

/**
 * A toolchain that "compiles" any source containing `ERROR` to a diagnostic and everything else
 * to `program`, and writes real files, so the CLI's own logic is tested without the compiler.
 */
export function fakeToolchain(program: Program): Toolchain & { generated: string[] } {
  const generated: string[] = [];
  return {
    generated,
    async loadBamlSources(dir) {
      const names = (await readdir(dir)).filter((n) => n.endsWith('.baml')).sort();
      return Promise.all(
        names.map(async (n) => ({ path: n, text: await readFile(path.join(dir, n), 'utf8') })),
      );
    },
    compile(sources) {
      const bad = sources.find((s) => s.text.includes('ERROR'));
      if (bad)
        return {
          program: null,
          diagnostics: [{ severity: 'error', file: bad.path, message: 'bad thing' }],
        };
      return { program, diagnostics: [] };
    },
    formatDiagnostics(diagnostics) {
      return diagnostics
        .map((d) => `${(d as { file: string }).file}: error: ${(d as { message: string }).message}`)
        .join('\n');
    },
    generateClient(_program, _sources, generator) {
      generated.push(generator.name);
      return [
        {
          path: 'index.ts',
          content: `export const generator = ${JSON.stringify(generator.name)};\n`,
        },
        { path: 'types.ts', content: 'export {};\n' },
      ];
    },
    async writeClient(files, outDir) {
      await mkdir(outDir, { recursive: true });
      for (const f of files) await writeFile(path.join(outDir, f.path), f.content);
    },
  };
}
