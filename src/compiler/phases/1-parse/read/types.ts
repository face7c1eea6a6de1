// Type expressions: `A | B`, postfix `?` and `[]`, `map<K, V>`, literals, `(T @attr)` and
// tuples. Postfix operators bind tighter than `|`, so `string | int?` is `string | (int?)`.

import type { TypeExpr } from '../ast.js';
import { MAX_DEPTH, ParseAbort, type ParserState } from '../parser-state.js';
import type { Token } from '../tokens.js';
import { readAttributes } from './attributes.js';

/** `A | B | C`, where each variant is a postfix type. A `|` may start a continuation line. */
export function readType(p: ParserState): TypeExpr {
  const first = readPostfixType(p);
  if (!p.is('|')) return first;
  const variants = [first];
  while (p.is('|')) {
    p.advance();
    variants.push(readPostfixType(p));
  }
  return { kind: 'union', variants, start: first.start, end: p.previousEnd };
}

/** A primary type followed by any number of `?` and `[]` on the same line. */
function readPostfixType(p: ParserState): TypeExpr {
  let type = readPrimaryType(p);
  for (let suffixes = 0; ; suffixes++) {
    if (p.token.newlineBefore) return type;
    if (suffixes + p.depth >= MAX_DEPTH && (p.is('?') || p.is('['))) {
      p.sink.report('too_deeply_nested', p.token, { limit: MAX_DEPTH });
      throw new ParseAbort();
    }
    if (p.is('?')) {
      p.advance();
      type = { kind: 'optional', inner: type, start: type.start, end: p.previousEnd };
    } else if (p.is('[')) {
      p.advance();
      p.expect(']', '`]` (list types are written `T[]`)');
      type = { kind: 'list', item: type, start: type.start, end: p.previousEnd };
    } else {
      return type;
    }
  }
}

function readPrimaryType(p: ParserState): TypeExpr {
  const t = p.token;
  switch (t.kind) {
    case 'ident': {
      p.advance();
      if (t.value === 'true' || t.value === 'false') {
        return {
          kind: 'literal',
          value: t.value === 'true',
          raw: t.value,
          start: t.start,
          end: t.end,
        };
      }
      if (t.value === 'map' && p.is('<')) return p.nested(() => readMapType(p, t));
      return { kind: 'named', name: t.value, start: t.start, end: t.end };
    }
    case 'string':
      p.advance();
      return {
        kind: 'literal',
        value: t.value,
        raw: p.text.slice(t.start, t.end),
        start: t.start,
        end: t.end,
      };
    case 'number':
      p.advance();
      // Like BAML, only integer literals are types; the error does not stop the parse.
      if (!/^-?\d+$/.test(t.value)) p.sink.report('float_literal_type', t, { found: t.value });
      return {
        kind: 'literal',
        value: Number(t.value),
        raw: t.value,
        start: t.start,
        end: t.end,
      };
    case '(':
      return p.nested(() => readParenType(p));
    default:
      return p.fail('a type');
  }
}

function readMapType(p: ParserState, keyword: Token): TypeExpr {
  p.advance();
  const key = readType(p);
  p.expect(',', '`,` between the key and value types of `map<K, V>`');
  const value = readType(p);
  p.expect('>', '`>` to close `map<K, V>`');
  return { kind: 'map', key, value, start: keyword.start, end: p.previousEnd };
}

function readParenType(p: ParserState): TypeExpr {
  const open = p.advance();
  const first = readType(p);
  if (p.is(',')) {
    const items = [first];
    while (p.is(',')) {
      p.advance();
      if (p.is(')')) break;
      items.push(readType(p));
    }
    p.expect(')', '`)`');
    return { kind: 'tuple', items, start: open.start, end: p.previousEnd };
  }
  const attributes = readAttributes(p, '@', true);
  p.expect(')', '`)`');
  return { kind: 'paren', inner: first, attributes, start: open.start, end: p.previousEnd };
}
