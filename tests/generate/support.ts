// Shared helpers for the generator tests: compile a .baml source and generate its client, and
// type-check generated code.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import { type GeneratedFile, generateClient } from '../../src/generator/index.js';
import type { GeneratorDef } from '../../src/ir/types.js';

/** The generator block used when a source declares none. */
export const DEFAULT_GENERATOR: GeneratorDef = {
  name: 'default',
  outputType: 'typescript',
  outputDir: '../',
  version: '0.226.2',
  defaultClientMode: 'async',
  options: {},
};

/** Compiles one source and generates the client of its first TypeScript (or React) generator. */
export function generateFrom(text: string, path = 'main.baml'): GeneratedFile[] {
  const sources = [{ path, text }];
  const { program, diagnostics } = compile(sources);
  if (!program) throw new Error(formatDiagnostics(diagnostics, sources));
  const generator =
    program.generators.find((g) => g.outputType.startsWith('typescript')) ?? DEFAULT_GENERATOR;
  return generateClient(program, sources, generator);
}

/** What generated code must compile under: strict, plus the flags many user projects turn on. */
const STRICT_OPTIONS = {
  target: 'ES2022',
  module: 'ESNext',
  moduleResolution: 'bundler',
  strict: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  noEmit: true,
  skipLibCheck: true,
};

/**
 * Writes `dir`/tsconfig.json (the strict options plus `options`) and runs the project's tsc on
 * it; resolves with every error it prints, the runtime's sources included: '' when clean.
 */
export async function tscErrors(
  root: string,
  dir: string,
  options: Record<string, unknown>,
  include: string[],
): Promise<string> {
  const compilerOptions = { ...STRICT_OPTIONS, ...options };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include }));
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // Asynchronous, so the test worker stays responsive while tsc runs (a blocked worker misses
  // vitest's RPC deadline on a loaded machine).
  const output = await new Promise<string>((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', join(dir, 'tsconfig.json')],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (_error, stdout, stderr) => resolve(stdout + stderr),
    );
  });
  return output.trim();
}
