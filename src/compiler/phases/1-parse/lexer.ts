// A single-pass, on-demand lexer. It never backtracks more than the one token the parser holds
// (see `rescanAsBare`), uses no regular expressions on the hot path, and reports lexical errors
// to the sink while still returning a usable token, so the parser can keep going.

import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { Token, TokenKind } from './tokens.js';

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const HASH = 35;
const SLASH = 47;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const DASH = 45;
const GREATER = 62;

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** Characters that end an unquoted (bare) config value, besides line breaks and `//`. */
const BARE_STOP = new Set('{}[](),"\'@#'.split('').map((c) => c.charCodeAt(0)));

const PUNCTUATION: Record<string, TokenKind> = {
  '{': '{',
  '}': '}',
  '[': '[',
  ']': ']',
  '(': '(',
  ')': ')',
  '<': '<',
  '>': '>',
  ',': ',',
  ':': ':',
  '?': '?',
  '|': '|',
  '=': '=',
  '.': '.',
};

/**
 * Turns BAML source text into tokens, one `next()` call at a time.
 *
 * @example
 * const lexer = new Lexer('class A {', sink);
 * lexer.next(); // { kind: 'ident', value: 'class', … }
 */
export class Lexer {
  pos = 0;

  constructor(
    readonly text: string,
    private readonly sink: DiagnosticSink,
  ) {}

  /** Lexes the next token, skipping whitespace and comments. */
  next(): Token {
    const { newlineBefore, docs } = this.#skipTrivia();
    const token = this.#lexToken();
    token.newlineBefore = newlineBefore;
    if (docs.length > 0) token.docs = docs;
    return token;
  }

  /**
   * Re-reads `token` (the token the parser currently holds) as an unquoted config value that
   * runs to the end of the line or the next reserved character (`{ } [ ] ( ) , " ' @ #`, or
   * `//` after whitespace); from a `"` on, it runs to the next blank instead.
   */
  rescanAsBare(token: Token): Token {
    const { text } = this;
    let i = token.start;
    let end = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === LF || c === CR || BARE_STOP.has(c)) break;
      // `//` starts a comment only after whitespace, so `https://host/v1` stays one value.
      if (c === SLASH && text.charCodeAt(i + 1) === SLASH && end < i) break;
      i++;
      if (c !== SPACE && c !== TAB) end = i;
    }
    // Past a `"`, BAML keeps reading up to the next blank, so `env.X ?? "default"` is one value.
    if (text.charCodeAt(i) === QUOTE) {
      while (i < text.length) {
        const c = text.charCodeAt(i);
        if (c === LF || c === CR || c === SPACE || c === TAB) break;
        if (c !== QUOTE && BARE_STOP.has(c)) break;
        i++;
      }
      end = i;
    }
    this.pos = end;
    const bare: Token = {
      kind: 'bare',
      start: token.start,
      end,
      value: text.slice(token.start, end),
      newlineBefore: token.newlineBefore,
    };
    if (token.docs) bare.docs = token.docs;
    return bare;
  }

  #skipTrivia(): { newlineBefore: boolean; docs: string[] } {
    const { text } = this;
    let newlineBefore = this.pos === 0;
    let docs: string[] = [];
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === LF) {
        newlineBefore = true;
        this.pos++;
      } else if (c === SPACE || c === TAB || c === CR || c === 0xfeff) {
        this.pos++;
      } else if (c === SLASH && text.charCodeAt(this.pos + 1) === SLASH) {
        const start = this.pos;
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        const isDoc = text.charCodeAt(start + 2) === SLASH && text.charCodeAt(start + 3) !== SLASH;
        if (isDoc) docs.push(text.slice(start + 3, end).trim());
        else docs = [];
        this.pos = end;
      } else if (
        c === OPEN_BRACE &&
        text.charCodeAt(this.pos + 1) === SLASH &&
        text.charCodeAt(this.pos + 2) === SLASH
      ) {
        const start = this.pos;
        const close = text.indexOf('//}', start + 3);
        if (close < 0) {
          this.sink.report('unterminated_block_comment', { start, end: start + 3 }, {});
          this.pos = text.length;
        } else {
          if (text.slice(start, close).includes('\n')) newlineBefore = true;
          this.pos = close + 3;
        }
        docs = [];
      } else {
        break;
      }
    }
    return { newlineBefore, docs };
  }

  #make(kind: TokenKind, start: number, end: number, value: string): Token {
    this.pos = end;
    return { kind, start, end, value, newlineBefore: false };
  }

  #lexToken(): Token {
    const { text } = this;
    const start = this.pos;
    if (start >= text.length) return this.#make('eof', start, start, '');
    const c = text.charCodeAt(start);

    if (isIdentStart(c)) {
      let i = start + 1;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        // `-` joins words (`openai-generic`) but never swallows the arrow in `int->T`.
        if (isIdentPart(d) || (d === DASH && text.charCodeAt(i + 1) !== GREATER)) i++;
        else break;
      }
      // A trailing dash is not part of the name.
      while (text.charCodeAt(i - 1) === DASH) i--;
      return this.#make('ident', start, i, text.slice(start, i));
    }
    if (isDigit(c) || (c === DASH && isDigit(text.charCodeAt(start + 1)))) {
      return this.#lexNumber(start);
    }
    if (c === QUOTE) return this.#lexQuoted(start);
    if (c === HASH) return this.#lexRaw(start);
    if (c === OPEN_BRACE && text.charCodeAt(start + 1) === OPEN_BRACE) {
      return this.#lexExpression(start);
    }
    if (c === 64 /* @ */) {
      if (text.charCodeAt(start + 1) === 64) return this.#make('@@', start, start + 2, '@@');
      return this.#make('@', start, start + 1, '@');
    }
    if (c === DASH && text.charCodeAt(start + 1) === GREATER) {
      return this.#make('->', start, start + 2, '->');
    }
    const char = String.fromCodePoint(text.codePointAt(start) ?? c);
    const kind = PUNCTUATION[char];
    if (kind) return this.#make(kind, start, start + 1, char);
    return this.#make('unknown', start, start + char.length, char);
  }

  #lexNumber(start: number): Token {
    const { text } = this;
    let i = start;
    if (text.charCodeAt(i) === DASH) i++;
    while (isDigit(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
      i++;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    const e = text.charCodeAt(i);
    if (e === 101 || e === 69) {
      let j = i + 1;
      const sign = text.charCodeAt(j);
      if (sign === 43 || sign === DASH) j++;
      if (isDigit(text.charCodeAt(j))) {
        i = j;
        while (isDigit(text.charCodeAt(i))) i++;
      }
    }
    // `4o` in `gpt-4o` is not a number followed by a word: let the parser see one token.
    if (isIdentStart(text.charCodeAt(i))) {
      while (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === DASH) i++;
      return this.#make('unknown', start, i, text.slice(start, i));
    }
    return this.#make('number', start, i, text.slice(start, i));
  }

  #lexQuoted(start: number): Token {
    const { text } = this;
    let value = '';
    let i = start + 1;
    let chunkStart = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) {
        value += text.slice(chunkStart, i);
        return this.#make('string', start, i + 1, value);
      }
      if (c === LF || c === CR) break;
      if (c === BACKSLASH && i + 1 < text.length) {
        value += text.slice(chunkStart, i);
        const escaped = text[i + 1];
        value += ESCAPES[escaped ?? ''] ?? `\\${escaped}`;
        i += 2;
        chunkStart = i;
        continue;
      }
      i++;
    }
    value += text.slice(chunkStart, i);
    this.sink.report('unterminated_string', { start, end: i }, {});
    return this.#make('string', start, i, value);
  }

  #lexRaw(start: number): Token {
    const { text } = this;
    let i = start;
    while (text.charCodeAt(i) === HASH) i++;
    const hashes = i - start;
    if (text.charCodeAt(i) !== QUOTE) return this.#make('unknown', start, start + 1, '#');
    const closing = `"${'#'.repeat(hashes)}`;
    const contentStart = i + 1;
    const close = text.indexOf(closing, contentStart);
    let token: Token;
    if (close < 0) {
      this.sink.report('unterminated_raw_string', { start, end: contentStart }, { closing });
      token = this.#make('raw_string', start, text.length, text.slice(contentStart));
    } else {
      token = this.#make(
        'raw_string',
        start,
        close + closing.length,
        text.slice(contentStart, close),
      );
    }
    token.hashes = hashes;
    return token;
  }

  #lexExpression(start: number): Token {
    const { text } = this;
    const close = text.indexOf('}}', start + 2);
    if (close < 0) {
      this.sink.report('unterminated_expression', { start, end: start + 2 }, {});
      return this.#make('expression', start, text.length, text.slice(start + 2).trim());
    }
    return this.#make('expression', start, close + 2, text.slice(start + 2, close).trim());
  }
}

const ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  '"': '"',
  "'": "'",
  '0': '\0',
};
