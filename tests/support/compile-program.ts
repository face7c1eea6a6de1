// Programs for tests, compiled from BAML source by the real compiler.
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import type { Program, Type } from '../../src/ir/types.js';

/** The program `text` compiles to; throws with the formatted diagnostics when it does not. */
export function compileProgram(text: string, path = 'main.baml'): Program {
  const sources = [{ path, text }];
  const { program, diagnostics } = compile(sources);
  if (!program) throw new Error(formatDiagnostics(diagnostics, sources));
  return program;
}

/** The declared return type of function `name` in `program`. */
export function returnTypeOf(program: Program, name: string): Type {
  const fn = program.functions[name];
  if (!fn) throw new Error(`no function ${name}`);
  return fn.returnType;
}

/** What `fn` returns, or `{ $error: <class name> }` for what it throws. */
export function outcome(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    return { $error: (e as Error).constructor.name };
  }
}
