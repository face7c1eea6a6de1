import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { GeneratorDef } from '../../ir/types.js';
import { buildOpenApiDocument } from '../../server/openapi.js';
import type { CliIo } from '../cli-io.js';
import { type LoadedProgram, loadProgram } from '../load-program.js';
import type { Toolchain } from '../toolchain.js';

/** Options of `tsbaml generate`. */
export interface GenerateOptions {
  /** The `baml_src` folder, relative to `io.cwd`. */
  from: string;
}

/**
 * `tsbaml generate`: compiles `from` and runs every `generator` block. `typescript` generators
 * write a client into `<output_dir>/baml_client` (output_dir is relative to `baml_src`, as in
 * BAML); `rest/openapi` ones write `<output_dir>/baml_client/openapi.yaml`. Returns the exit
 * code; compile errors throw a `CliError` (exit 1) after the diagnostics are printed.
 */
export async function runGenerate(
  options: GenerateOptions,
  toolchain: Toolchain,
  io: CliIo,
): Promise<number> {
  return writeGenerators(await loadProgram(options.from, toolchain, io), toolchain, io);
}

/** Runs every generator block of an already compiled program (shared with `tsbaml dev`). */
export async function writeGenerators(
  loaded: LoadedProgram,
  toolchain: Toolchain,
  io: CliIo,
): Promise<number> {
  const started = Date.now();
  const { program, sources, dir } = loaded;
  if (program.generators.length === 0) {
    io.err(
      `No generator block in ${relative(io, dir)}, so nothing was written. Add one, for example:\n\n` +
        `generator target {\n  output_type "typescript"\n  output_dir "../"\n  version "0.226.2"\n}\n`,
    );
    return 1;
  }
  // The generated client embeds the sources by their path inside baml_src/, as BAML's does.
  const embedded = sources.map((source) => ({
    path: path.relative(dir, path.resolve(io.cwd, source.path)).split(path.sep).join('/'),
    text: source.text,
  }));
  // TypeScript clients first: writeClient replaces its folder, which would drop an openapi.yaml
  // written into the same baml_client/ before it.
  const ordered = [...program.generators].sort((a, b) => rank(a) - rank(b));
  let written = 0;
  for (const generator of ordered) {
    const outDir = path.resolve(dir, generator.outputDir, 'baml_client');
    const kind = generatorKind(generator);
    if (kind === 'typescript') {
      const files = toolchain.generateClient(program, embedded, generator);
      await toolchain.writeClient(files, outDir);
      io.out(
        `Wrote ${files.length} files to ${relative(io, outDir)} (generator ${generator.name})\n`,
      );
      written++;
    } else if (kind === 'openapi') {
      const document = buildOpenApiDocument(program);
      // JSON is valid YAML 1.2, so the document is written as JSON under BAML's file name.
      await writeFileAtomic(
        path.join(outDir, 'openapi.yaml'),
        `${JSON.stringify(document, null, 2)}\n`,
      );
      io.out(
        `Wrote ${relative(io, path.join(outDir, 'openapi.yaml'))} (generator ${generator.name})\n`,
      );
      written++;
    } else {
      io.err(
        `Skipped generator ${generator.name}: output_type "${generator.outputType}" is not supported by tsbaml (use "typescript" or "rest/openapi").\n`,
      );
    }
  }
  if (written > 0) io.out(`Generated in ${Date.now() - started} ms\n`);
  return written > 0 ? 0 : 1;
}

function rank(generator: GeneratorDef): number {
  return generatorKind(generator) === 'typescript' ? 0 : 1;
}

/** Writes through a temporary file and a rename, so readers never see half a file. */
async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Date.now().toString(36)}`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, file);
}

function generatorKind(generator: GeneratorDef): 'typescript' | 'openapi' | 'other' {
  if (generator.outputType === 'typescript') return 'typescript';
  if (generator.outputType === 'rest/openapi') return 'openapi';
  return 'other';
}

function relative(io: CliIo, target: string): string {
  const rel = path.relative(io.cwd, target);
  return rel === '' ? '.' : rel.startsWith('..') ? target : rel;
}
