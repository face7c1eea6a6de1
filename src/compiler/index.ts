// The compiler front end: .baml sources in, IR `Program` plus diagnostics out.
// Pipeline: parse every file (phase 1) → analyze them together into one program (phase 2)
// → annotate every type with its streaming flags.
// Code generation lives elsewhere (src/generator) and consumes the IR.

import { annotateStreamFlags } from '../ir/stream-flags.js';
import type { Program } from '../ir/types.js';
import { type Diagnostic, DiagnosticSink } from './diagnostics/diagnostic.js';
import { parseFile } from './phases/1-parse/parser.js';
import { analyze } from './phases/2-analyze/analyze.js';

export type { Diagnostic } from './diagnostics/diagnostic.js';
export { formatDiagnostics } from './diagnostics/format-diagnostics.js';
export { loadBamlSources } from './source/load-sources.js';

import type { BamlSource } from './source/baml-source.js';

export type { BamlSource } from './source/baml-source.js';

/** The program (null iff there is at least one error) and every diagnostic found. */
export interface CompileResult {
  program: Program | null;
  diagnostics: Diagnostic[];
}

/**
 * Compiles a set of .baml files that form one program (a `baml_src/` tree).
 *
 * @example
 * const { program, diagnostics } = compile([{ path: 'main.baml', text: 'class A {\n  x int\n}\n' }]);
 */
export function compile(sources: BamlSource[]): CompileResult {
  const sink = new DiagnosticSink('');
  let program: Program | null = null;
  try {
    const files = sources.map((source) => {
      sink.file = source.path;
      return parseFile(source.path, source.text, sink);
    });
    // Like BAML, a program with syntax errors is not analyzed: its other errors would only be
    // consequences of what could not be read.
    // The streaming flags of spec §4.2 go on every type occurrence: the runtime's partial rules.
    const texts = new Map(sources.map((source) => [source.path, source.text]));
    if (!sink.hasErrors()) program = annotateStreamFlags(analyze(files, sink, texts));
  } catch (error) {
    // A bug in the compiler must still come back as a diagnostic, never as a crash.
    const message = error instanceof Error ? error.message : String(error);
    sink.report('internal_error', { start: 0, end: 0 }, { message });
  }
  return {
    program: sink.hasErrors() ? null : program,
    diagnostics: sortDiagnostics(sink.diagnostics, sources),
  };
}

/** Orders diagnostics errors first (as BAML prints them), then by file and by position. */
function sortDiagnostics(diagnostics: Diagnostic[], sources: BamlSource[]): Diagnostic[] {
  const order = new Map(sources.map((source, i) => [source.path, i]));
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) =>
      rank(a) - rank(b) || (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.start - b.start,
  );
}
