// parse → print → parse gives the same tree (ignoring offsets), for every fixture and every
// conformance source; and printing is idempotent.

import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../src/compiler/diagnostics/diagnostic.js';
import type { SourceFileAst } from '../../src/compiler/phases/1-parse/ast.js';
import { parseFile } from '../../src/compiler/phases/1-parse/parser.js';
import { printFile } from '../../src/compiler/phases/1-parse/printer.js';
import { conformanceCases } from '../support/conformance-cases.js';
import { readSample, sampleDirs } from './sample-files.js';

/** The tree without positions (and without the file path). */
function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'start' || key === 'end' || key === 'path') continue;
      out[key] = withoutSpans(inner);
    }
    return out;
  }
  return value;
}

function parse(text: string): { ast: SourceFileAst; errors: string[] } {
  const sink = new DiagnosticSink('input.baml');
  const ast = parseFile('input.baml', text, sink);
  return { ast, errors: sink.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}

function expectRoundTrip(text: string): void {
  const first = parse(text);
  expect(first.errors).toEqual([]);
  const printed = printFile(first.ast);
  const second = parse(printed);
  expect(second.errors).toEqual([]);
  expect(withoutSpans(second.ast)).toEqual(withoutSpans(first.ast));
  expect(printFile(second.ast)).toBe(printed);
}

describe('round trip: valid fixtures', () => {
  it.each(sampleDirs('valid'))('%s', async (_name, dir) => {
    for (const source of await readSample(dir)) expectRoundTrip(source.text);
  });
});

describe('round trip: conformance sources', () => {
  it.each(conformanceCases())('$id', ({ source }) => expectRoundTrip(source));
});

describe('printer', () => {
  it('prints a canonical layout', () => {
    const { ast } = parse(
      'class   A {\n  x    int   @alias( "y" )\n  @@dynamic\n}\nfunction F(a:int)->A{\n  client   "openai/gpt-4o"\n  prompt #"hi"#\n}\n',
    );
    expect(printFile(ast)).toBe(
      'class A {\n  x int @alias("y")\n  @@dynamic\n}\n\nfunction F(a: int) -> A {\n  client "openai/gpt-4o"\n  prompt #"hi"#\n}\n',
    );
  });
});
