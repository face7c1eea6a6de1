import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { Lexer } from './lexer.js';
import type { Token } from './tokens.js';

function lex(text: string): { tokens: Token[]; codes: string[] } {
  const sink = new DiagnosticSink('t.baml');
  const lexer = new Lexer(text, sink);
  const tokens: Token[] = [];
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) tokens.push(t);
  return { tokens, codes: sink.diagnostics.map((d) => d.code) };
}

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.kind}:${t.value}`);

describe('Lexer', () => {
  it('reads identifiers with inner dashes but never swallows an arrow', () => {
    expect(kinds('openai-generic a-b-')).toEqual([
      'ident:openai-generic',
      'ident:a-b',
      'unknown:-',
    ]);
    expect(kinds('int->T')).toEqual(['ident:int', '->:->', 'ident:T']);
  });

  it('reads numbers, including negative and exponent forms', () => {
    expect(kinds('1 -2 3.5 1e3 2.5E-2')).toEqual([
      'number:1',
      'number:-2',
      'number:3.5',
      'number:1e3',
      'number:2.5E-2',
    ]);
  });

  it('processes escapes in quoted strings', () => {
    expect(lex('"a\\"b\\n\\t\\\\c\\d"').tokens[0]?.value).toBe('a"b\n\t\\c\\d');
  });

  it('keeps block string content exactly, with the hash count', () => {
    const [token] = lex('##"\n  say "#hi"#\n"##').tokens;
    expect(token).toMatchObject({ kind: 'raw_string', value: '\n  say "#hi"#\n', hashes: 2 });
  });

  it('reads {{ expressions }} as one token with trimmed text', () => {
    expect(kinds('{{ this|length > 0 }}')).toEqual(['expression:this|length > 0']);
  });

  it('skips comments, keeps /// doc lines, and tracks line breaks', () => {
    const { tokens } = lex('a // c\n{// block\n//}\n/// doc one\n///doc two\n b //// not doc\nc');
    expect(tokens.map((t) => [t.value, t.newlineBefore, t.docs])).toEqual([
      ['a', true, undefined],
      ['b', true, ['doc one', 'doc two']],
      ['c', true, undefined],
    ]);
  });

  it('reports unterminated strings, block strings, expressions and comments', () => {
    expect(lex('"abc\n').codes).toEqual(['unterminated_string']);
    expect(lex('#"abc').codes).toEqual(['unterminated_raw_string']);
    expect(lex('{{ abc').codes).toEqual(['unterminated_expression']);
    expect(lex('{// abc').codes).toEqual(['unterminated_block_comment']);
  });

  it('rescans a token as a bare config value up to a reserved character', () => {
    const sink = new DiagnosticSink('t.baml');
    const lexer = new Lexer('model gpt-4o mini // comment\n', sink);
    lexer.next();
    const bare = lexer.rescanAsBare(lexer.next());
    expect(bare).toMatchObject({ kind: 'bare', value: 'gpt-4o mini' });
    expect(lexer.next().kind).toBe('eof');
  });

  it('keeps `//` inside an unquoted URL', () => {
    const sink = new DiagnosticSink('t.baml');
    const lexer = new Lexer('base_url https://api.example.com/v1 // the API\n', sink);
    lexer.next();
    expect(lexer.rescanAsBare(lexer.next()).value).toBe('https://api.example.com/v1');
    expect(lexer.next().kind).toBe('eof');
  });
});
