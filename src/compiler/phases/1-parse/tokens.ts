// The token table. The lexer is driven by the parser one token at a time, so it can switch to
// "bare value" scanning in config positions (`provider openai-generic`, `model gpt-4o`), where
// BAML allows unquoted text that would not lex as a single identifier.

/** Every kind of token. Punctuation kinds are the punctuation itself. */
export type TokenKind =
  | 'ident' // letters, digits, `_` and inner `-`: `openai-generic`, `Person`, `max_retries`
  | 'number' // `42`, `-1`, `0.25`, `1e3`
  | 'string' // `"quoted"` on one line; `value` has escapes processed
  | 'raw_string' // `#"…"#`, `##"…"##`; `value` is the content exactly as written
  | 'expression' // `{{ … }}` in check/assert attributes; `value` is the trimmed inner text
  | 'bare' // only produced by `Lexer.scanBareValue`
  | '{'
  | '}'
  | '['
  | ']'
  | '('
  | ')'
  | '<'
  | '>'
  | ','
  | ':'
  | '?'
  | '|'
  | '='
  | '.'
  | '@'
  | '@@'
  | '->'
  | 'unknown' // a character with no meaning; the parser reports it where it matters
  | 'eof';

/** A token with its offsets and the layout facts the parser needs. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier name, processed string value, raw string content, expression text, bare text. */
  value: string;
  /** True when a line break (or the start of the file) separates it from the previous token. */
  newlineBefore: boolean;
  /** `///` doc comment lines right before this token, if any. */
  docs?: string[];
  /** For `raw_string`: the number of `#` in the delimiter. */
  hashes?: number;
}

/** How a token is named in "expected X, found Y" messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of file';
    case 'ident':
      return `\`${token.value}\``;
    case 'number':
      return `number \`${token.value}\``;
    case 'string':
      return 'a string';
    case 'raw_string':
      return 'a block string';
    case 'expression':
      return 'a `{{ }}` expression';
    case 'bare':
      return `\`${token.value}\``;
    case 'unknown':
      return `\`${token.value}\``;
    default:
      return `\`${token.kind}\``;
  }
}
