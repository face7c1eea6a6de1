// Shared helpers for the generator tests: compile a .baml source and generate its client.
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

/** Compiles one source and generates the client of its first TypeScript generator. */
export function generateFrom(text: string, path = 'main.baml'): GeneratedFile[] {
  const sources = [{ path, text }];
  const { program, diagnostics } = compile(sources);
  if (!program) throw new Error(formatDiagnostics(diagnostics, sources));
  const generator =
    program.generators.find((g) => g.outputType === 'typescript') ?? DEFAULT_GENERATOR;
  return generateClient(program, sources, generator);
}
