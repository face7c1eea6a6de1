// The recorded BAML conformance cases, compiled, with the function's return type as the target.
// Loading and source completion are the shared loader's (tests/support/conformance-cases.ts).
import type { Program, Type } from '../../../src/ir/types.js';
import { compileConformanceCase, conformanceCases } from '../../support/conformance-cases.js';

export interface ConformanceCase {
  id: string;
  chunks: string[];
  program: Program;
  target: Type;
  expected: { parse?: unknown; parse_stream_empty?: unknown; parse_stream?: unknown[] };
}

let loaded: ConformanceCase[] | undefined;

/** Every recorded case with a compiled program (cached per test file). */
export function loadCases(): ConformanceCase[] {
  if (loaded) return loaded;
  loaded = conformanceCases().map((c) => {
    const program = compileConformanceCase(c);
    const fn = program.functions[c.function];
    if (!fn) throw new Error(`case ${c.id}: function ${c.function} not found`);
    return { id: c.id, chunks: c.chunks, program, target: fn.returnType, expected: c.expected };
  });
  return loaded;
}
