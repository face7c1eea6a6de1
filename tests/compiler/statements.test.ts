// Expression functions in the compiler, beyond the fixture folders: deep input stays bounded,
// errors come before warnings, and which bodies are statements rather than client/prompt.
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compiler/index.js';

const codes = (text: string) =>
  compile([{ path: 'a.baml', text }]).diagnostics.map((d) => `${d.severity}:${d.code}`);

describe('expression functions: bounded depth', () => {
  it.each([
    ['long operator chains', `x${' + x'.repeat(100_000)}`],
    ['long index chains', `x${'[0]'.repeat(100_000)}`],
    ['deep parentheses', `${'('.repeat(20_000)}x${')'.repeat(20_000)}`],
    ['deep unary operators', `${'-'.repeat(100_000)}x`],
    ['deep blocks', `${'{ '.repeat(20_000)}x${' }'.repeat(20_000)}`],
  ])('%s are refused without overflowing the stack', (_name, body) => {
    const text = `function F(x: int) -> int {\n  ${body}\n}\n`;
    expect(codes(text)).toContain('error:too_deeply_nested');
  });

  it('accepts a long but reasonable chain', () => {
    const text = `function F(x: int) -> int {\n  x${' + x'.repeat(500)}\n}\n`;
    expect(codes(text)).toEqual(['warning:workflow_experimental']);
  });
});

describe('expression functions: which bodies are statements', () => {
  it('keeps client/prompt bodies as LLM functions', () => {
    const text =
      'function F(x: int) -> string {\n  client "openai/gpt-4o"\n  prompt #"{{ x }}"#\n}\n';
    expect(codes(text)).toEqual([]);
  });

  it('reads a body of statements as an expression function, with a warning only', () => {
    const { program, diagnostics } = compile([
      { path: 'a.baml', text: 'function F(x: int) -> int {\n  let y = x;\n  y\n}\n' },
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(['workflow_experimental']);
    expect(program?.functions.F?.expression).toBe(true);
    expect(program?.functions.F?.body).toEqual({
      statements: [{ k: 'let', name: 'y', value: { k: 'var', name: 'x' } }],
      tail: { k: 'var', name: 'y' },
    });
  });

  it('prints errors before warnings, as BAML does', () => {
    const text = 'function F(x: int) -> int {\n  let y = missing;\n  y\n}\n';
    expect(codes(text)).toEqual(['error:unknown_variable', 'warning:workflow_experimental']);
  });

  it('does not analyse a program with a syntax error (BAML stops after parsing)', () => {
    const text = 'function F(x: int) -> int {\n  let y = missing\n  y\n}\n';
    expect(codes(text)).toEqual(['error:missing_semicolon']);
  });
});
