// The parser's state: the one-token look-ahead over the lexer, the helpers every reader uses
// (expect, fail, nesting limits, block layout) and error recovery.
//
// Errors: a syntax error is reported to the sink and then thrown as `ParseAbort`; `block`
// catches it per member and skips to the next line, and the top-level loop (parser.ts) skips
// to the next declaration keyword at the start of a line, so one run reports every broken block.

import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { Name } from './ast.js';
import { Lexer } from './lexer.js';
import { describeToken, type Token, type TokenKind } from './tokens.js';

/** Thrown after a syntax error has been reported, to unwind to the nearest recovery point. */
export class ParseAbort extends Error {}

/** How deeply types and config values may nest. Far beyond real programs. */
export const MAX_DEPTH = 100;

/** The words that start a top-level declaration. */
export const DECLARATION_KEYWORDS = new Set([
  'class',
  'enum',
  'type',
  'function',
  'template_string',
  'client',
  'retry_policy',
  'generator',
  'test',
  'let',
]);

/** `///` doc lines of a token, as an object to spread into a node. */
export function docsOf(token: Token): { docs?: string[] } {
  return token.docs ? { docs: token.docs } : {};
}

/**
 * Token cursor plus shared reading helpers. Readers in `read/` take it as their first argument.
 *
 * @example
 * const p = new ParserState('class A {}', sink);
 * p.expect('ident', '`class`');
 */
export class ParserState {
  readonly lexer: Lexer;
  token: Token;
  #previousEnd = 0;
  /** Nesting of brackets in types and config values, bounded so input cannot blow the stack. */
  #depth = 0;

  constructor(
    readonly text: string,
    readonly sink: DiagnosticSink,
  ) {
    this.lexer = new Lexer(text, sink);
    this.token = this.lexer.next();
  }

  /** Where the last consumed token ended: the end of the node being read. */
  get previousEnd(): number {
    return this.#previousEnd;
  }

  /** How deeply brackets are nested at this point. */
  get depth(): number {
    return this.#depth;
  }

  /**
   * Re-reads the current token as an unquoted config value (see `Lexer.rescanAsBare`) and
   * consumes it.
   */
  takeBareValue(): Token {
    const bare = this.lexer.rescanAsBare(this.token);
    this.token = bare;
    return this.advance();
  }

  /** Consumes the current token and returns it. */
  advance(): Token {
    const current = this.token;
    this.#previousEnd = current.end;
    this.token = this.lexer.next();
    return current;
  }

  /** Whether the current token has `kind` (and `value`, when given). */
  is(kind: TokenKind, value?: string): boolean {
    return this.token.kind === kind && (value === undefined || this.token.value === value);
  }

  /** Reports "expected X, found Y" at `token` (or an invalid character) and aborts. */
  fail(expected: string, token: Token = this.token): never {
    if (token.kind === 'unknown') {
      this.sink.report('invalid_character', token, { found: `\`${token.value}\`` });
    } else {
      this.sink.report('unexpected_token', token, { expected, found: describeToken(token) });
    }
    throw new ParseAbort();
  }

  /** Consumes a token of `kind`, or fails with "expected `expected`". */
  expect(kind: TokenKind, expected: string): Token {
    if (this.token.kind !== kind) this.fail(expected);
    return this.advance();
  }

  /** Consumes an identifier and returns it as a `Name`. */
  expectName(what: string): Name {
    const token = this.expect('ident', what);
    return { value: token.value, start: token.start, end: token.end };
  }

  /** Fails unless the current token continues the current line (reported at the line end). */
  expectSameLine(expected: string): void {
    if (!this.token.newlineBefore && this.token.kind !== 'eof') return;
    const at = { start: this.#previousEnd, end: this.#previousEnd };
    this.sink.report('unexpected_token', at, { expected, found: 'the end of the line' });
    throw new ParseAbort();
  }

  /** Runs `read` one nesting level deeper, failing past `MAX_DEPTH`. */
  nested<T>(read: () => T): T {
    if (this.#depth >= MAX_DEPTH) {
      this.sink.report('too_deeply_nested', this.token, { limit: MAX_DEPTH });
      throw new ParseAbort();
    }
    this.#depth++;
    try {
      return read();
    } finally {
      this.#depth--;
    }
  }

  /**
   * Skips what is left of the current line inside a block (stepping over brackets opened on
   * it), stopping at the first token of the next line or at the block's `}`.
   */
  skipRestOfLine(): void {
    let depth = 0;
    while (!this.is('eof')) {
      const t = this.token;
      if (depth === 0 && (t.newlineBefore || t.kind === '}')) return;
      if (t.kind === '{' || t.kind === '[' || t.kind === '(') depth++;
      if ((t.kind === '}' || t.kind === ']' || t.kind === ')') && depth > 0) depth--;
      this.advance();
    }
  }

  /** Skips to the next declaration keyword at the very start of a line. */
  skipToNextDeclaration(): void {
    this.advance();
    while (!this.is('eof')) {
      const t = this.token;
      const atLineStart = t.start === 0 || this.text.charCodeAt(t.start - 1) === 10;
      if (atLineStart && t.kind === 'ident' && DECLARATION_KEYWORDS.has(t.value)) return;
      this.advance();
    }
  }

  /**
   * `{`, then members each starting on its own line, then `}` on its own line. `member` parses
   * one member; a syntax error inside it skips to the next line.
   */
  block(what: string, member: () => void): void {
    this.expect('{', '`{`');
    let layoutReported = false;
    let count = 0;
    while (!this.is('}')) {
      if (this.is('eof')) this.fail('`}`');
      if (!this.token.newlineBefore && !layoutReported) {
        layoutReported = true;
        this.sink.report('expected_newline', this.token, { what });
      }
      const before = this.token.start;
      try {
        member();
        count++;
        if (!this.token.newlineBefore && !this.is('eof') && !layoutReported) {
          if (!this.is('}')) this.fail('a line break');
        }
      } catch (error) {
        if (!(error instanceof ParseAbort)) throw error;
        layoutReported = true;
        // Always make progress, then resume at the next line (which may be where we are).
        if (this.token.start === before) this.advance();
        this.skipRestOfLine();
      }
    }
    if (count > 0 && !this.token.newlineBefore && !layoutReported) {
      this.sink.report('expected_newline', this.token, { what: 'closing `}`' });
    }
    this.advance();
  }
}
