import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generatePythonClient, isPythonOutputType } from '../../generator/python/index.js';
import type { GeneratorDef } from '../../ir/types.js';
import { buildOpenApiDocument } from '../../server/openapi.js';
import type { CliIo } from '../cli-io.js';
import { withImportStyle } from '../import-style.js';
import { type LoadedProgram, loadProgram } from '../load-program.js';
import type { GeneratedFile, Toolchain } from '../toolchain.js';

/** Options of `tsbaml generate`. */
export interface GenerateOptions {
  /** The `baml_src` folder, relative to `io.cwd`. */
  from: string;
}

/**
 * `tsbaml generate`: compiles `from` and runs every `generator` block. `typescript` generators
 * write a client into `<output_dir>/baml_client` (output_dir is relative to `baml_src`, as in
 * BAML); `rest/openapi` ones write `<output_dir>/baml_client/openapi.yaml`, also when a client
 * goes to the same folder. Returns the exit code; compile errors throw a `CliError` (exit 1) after
 * the diagnostics are printed.
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
  // Generators sharing an output folder are written together: a TypeScript client replaces its
  // whole folder (writeClient swaps it in atomically), so an openapi.yaml for the same folder
  // goes into that same swap instead of being written beside it and then swept away.
  const folders = new Map<string, { client?: GeneratedFile[]; openapi?: string }>();
  const folderOf = (generator: GeneratorDef) => {
    const outDir = path.resolve(dir, generator.outputDir, 'baml_client');
    let folder = folders.get(outDir);
    if (!folder) {
      folder = {};
      folders.set(outDir, folder);
    }
    return { outDir, folder };
  };
  const reports: string[] = [];
  for (const generator of program.generators) {
    const kind = generatorKind(generator);
    if (kind === 'typescript' || kind === 'python') {
      const { outDir, folder } = folderOf(generator);
      const files =
        kind === 'python'
          ? generatePythonClient(program, embedded, generator)
          : toolchain.generateClient(program, embedded, withImportStyle(generator, outDir));
      // Two TypeScript generators in one folder: the later one's files replace the earlier's.
      folder.client = [
        ...(folder.client ?? []).filter((f) => !files.some((g) => g.path === f.path)),
        ...files,
      ];
      reports.push(
        `Wrote ${files.length} files to ${relative(io, outDir)} (generator ${generator.name})\n`,
      );
    } else if (kind === 'openapi') {
      const { outDir, folder } = folderOf(generator);
      // JSON is valid YAML 1.2, so the document is written as JSON under BAML's file name.
      folder.openapi = `${JSON.stringify(buildOpenApiDocument(program), null, 2)}\n`;
      reports.push(
        `Wrote ${relative(io, path.join(outDir, OPENAPI_FILE))} (generator ${generator.name})\n`,
      );
    } else {
      io.err(
        `Skipped generator ${generator.name}: output_type "${generator.outputType}" is not supported by tsbaml (use "typescript", "python/pydantic" or "rest/openapi").\n`,
      );
    }
  }
  for (const [outDir, { client, openapi }] of folders) {
    if (client) {
      const files = client.filter((f) => openapi === undefined || f.path !== OPENAPI_FILE);
      if (openapi !== undefined) files.push({ path: OPENAPI_FILE, content: openapi });
      await toolchain.writeClient(files, outDir);
    } else if (openapi !== undefined) {
      // Only a document: leave whatever else the folder holds.
      await writeFileAtomic(path.join(outDir, OPENAPI_FILE), openapi);
    }
  }
  for (const report of reports) io.out(report);
  if (reports.length > 0) io.out(`Generated in ${Date.now() - started} ms\n`);
  return reports.length > 0 ? 0 : 1;
}

const OPENAPI_FILE = 'openapi.yaml';

/** Writes through a temporary file and a rename, so readers never see half a file. */
async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.tmp-${process.pid}-${Date.now().toString(36)}`;
  await writeFile(temp, content, 'utf8');
  await rename(temp, file);
}

function generatorKind(generator: GeneratorDef): 'typescript' | 'python' | 'openapi' | 'other' {
  if (generator.outputType === 'typescript' || generator.outputType === 'typescript/react')
    return 'typescript';
  if (isPythonOutputType(generator.outputType)) return 'python';
  if (generator.outputType === 'rest/openapi') return 'openapi';
  return 'other';
}

function relative(io: CliIo, target: string): string {
  const rel = path.relative(io.cwd, target);
  return rel === '' ? '.' : rel.startsWith('..') ? target : rel;
}
