// Bad input never crashes the compiler: random token soup, truncated and mangled fixtures, and
// pathological nesting all come back as diagnostics with spans inside the file.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, formatDiagnostics } from '../../src/compiler/index.js';
import { conformanceCases } from '../support/conformance-cases.js';

const PIECES = [
  'class',
  'enum',
  'type',
  'function',
  'client<llm>',
  'test',
  'generator',
  'retry_policy',
  'template_string',
  'A',
  'x',
  'int',
  'string?',
  'map<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '[]',
  '{',
  '}',
  '|',
  ',',
  ':',
  '->',
  '=',
  '@alias("a")',
  '@@dynamic',
  '@check(',
  '{{ this }}',
  '#"',
  '"#',
  '"',
  '///',
  '//',
  '{//',
  '//}',
  'env.X',
  '\n',
  ' ',
  '  ',
  '@',
  '@@',
  '.',
  '-1',
  '3.5',
  '$',
  'é',
];

function expectWellFormed(text: string): void {
  const sources = [{ path: 'fuzz.baml', text }];
  const result = compile(sources);
  for (const d of result.diagnostics) {
    expect(d.start).toBeGreaterThanOrEqual(0);
    expect(d.end).toBeGreaterThanOrEqual(d.start);
    expect(d.end).toBeLessThanOrEqual(text.length);
  }
  expect(result.program === null).toBe(result.diagnostics.some((d) => d.severity === 'error'));
  expect(typeof formatDiagnostics(result.diagnostics, sources)).toBe('string');
}

describe('the compiler never throws on bad input', () => {
  it('token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }), (pieces) => {
        expectWellFormed(pieces.join(''));
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), expectWellFormed), { numRuns: 500 });
  });

  const sample = conformanceCases().slice(0, 40);
  it('truncated and mangled conformance sources', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...sample),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('', '}', '{', '"', '#"', '@', '\n', '(', 'x'),
        ({ source }, a, b, insert) => {
          const cut = a % (source.length + 1);
          const resume = Math.min(source.length, cut + (b % 20));
          expectWellFormed(source.slice(0, cut) + insert + source.slice(resume));
        },
      ),
      { numRuns: 300 },
    );
  });

  it.each([
    ['nested parentheses', `class A {\n  x ${'('.repeat(20_000)}int${')'.repeat(20_000)}\n}\n`],
    ['nested lists', `class A {\n  x int${'[]'.repeat(20_000)}\n}\n`],
    ['nested maps', `class A {\n  x ${'map<string, '.repeat(5_000)}int${'>'.repeat(5_000)}\n}\n`],
    ['nested config', `test T {\n  args {\n    a ${'['.repeat(20_000)}\n  }\n}\n`],
    ['unclosed everything', 'class A {\n  x map<(int @check(a, {{ x'],
  ])('pathological input: %s', (_name, text) => {
    const result = compile([{ path: 'deep.baml', text }]);
    expect(result.program).toBeNull();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it('reports too deep nesting with its own code', () => {
    const text = `class A {\n  x ${'('.repeat(500)}int${')'.repeat(500)}\n}\n`;
    const codes = compile([{ path: 'deep.baml', text }]).diagnostics.map((d) => d.code);
    expect(codes).toContain('too_deeply_nested');
  });
});
