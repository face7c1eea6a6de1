import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Program } from '../ir/types.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import type { BamlSource, Toolchain } from './toolchain.js';

/** A compiled `baml_src/`: the program, its sources, and the absolute folder they came from. */
export interface LoadedProgram {
  program: Program;
  sources: BamlSource[];
  dir: string;
}

/**
 * Reads and compiles `from` (relative to the working directory). Diagnostics are printed to
 * stderr; when there are errors this throws a `CliError` summarising them, so every command
 * that needs a program fails the same way.
 */
export async function loadProgram(
  from: string,
  toolchain: Toolchain,
  io: CliIo,
): Promise<LoadedProgram> {
  const dir = path.resolve(io.cwd, from);
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CliError(
      `No BAML source folder at ${dir}. Pass the folder holding your .baml files with --from, or run "tsbaml init" to create baml_src/ with an example.`,
    );
  }
  // Diagnostics name files the way they were found: relative to the working directory when the
  // folder is inside it (baml_src/main.baml:3:5), absolute otherwise.
  const relative = path.relative(io.cwd, dir);
  const readable =
    io.cwd === process.cwd() &&
    relative !== '' &&
    !relative.startsWith('..') &&
    !path.isAbsolute(relative);
  const sources = await toolchain.loadBamlSources(readable ? relative : dir);
  if (sources.length === 0) {
    throw new CliError(
      `${dir} contains no .baml files. Add some, or run "tsbaml init" for an example.`,
    );
  }
  const { program, diagnostics } = toolchain.compile(sources);
  if (diagnostics.length > 0)
    io.err(ensureNewline(toolchain.formatDiagnostics(diagnostics, sources)));
  if (program === null) {
    const errors = countErrors(diagnostics);
    throw new CliError(
      `${errors} error${errors === 1 ? '' : 's'} in ${path.relative(io.cwd, dir) || '.'}; fix ${errors === 1 ? 'it' : 'them'} and run the command again.`,
    );
  }
  return { program, sources, dir };
}

function countErrors(diagnostics: readonly unknown[]): number {
  const errors = diagnostics.filter(
    (d) => (d as { severity?: unknown })?.severity === 'error',
  ).length;
  return errors > 0 ? errors : Math.max(diagnostics.length, 1);
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
