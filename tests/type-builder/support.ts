// Programs for the type-builder tests, compiled from BAML source by the real compiler.
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import type { Program } from '../../src/ir/types.js';

export function compileProgram(text: string): Program {
  const sources = [{ path: 'main.baml', text }];
  const { program, diagnostics } = compile(sources);
  if (!program) throw new Error(formatDiagnostics(diagnostics, sources));
  return program;
}
