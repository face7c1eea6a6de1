// Attributes: `@name`, `@@name`, dotted names (`@stream.done`) and argument lists of strings,
// names, numbers and `{{ expressions }}`. Which attribute is allowed where is checked later.

import type { Attribute, AttributeArg, Name } from '../ast.js';
import type { ParserState } from '../parser-state.js';
import { readStringLiteral } from './string-literal.js';

/**
 * Attributes of one kind (`@` or `@@`) in a row. With `acrossLines`, an attribute may start a
 * continuation line (a line starting with `@` belongs to the field above).
 */
export function readAttributes(
  p: ParserState,
  kind: '@' | '@@',
  acrossLines: boolean,
): Attribute[] {
  const attributes: Attribute[] = [];
  while (p.is(kind) && (acrossLines || !p.token.newlineBefore)) {
    attributes.push(readAttribute(p));
  }
  return attributes;
}

/** One `@name(args…)` or `@@name(args…)`; the name may be dotted (`stream.done`). */
export function readAttribute(p: ParserState): Attribute {
  const at = p.advance();
  if (p.token.newlineBefore || p.token.start !== at.end) p.fail('an attribute name');
  const first = p.expectName('an attribute name');
  const name: Name = { ...first };
  while (p.is('.') && p.token.start === name.end) {
    p.advance();
    const part = p.token;
    if (part.kind !== 'ident' || part.start !== p.previousEnd)
      p.fail('an attribute name after `.`');
    p.advance();
    name.value += `.${part.value}`;
    name.end = part.end;
  }
  const attribute: Attribute = { block: at.kind === '@@', name, start: at.start, end: name.end };
  if (p.is('(') && !p.token.newlineBefore) {
    attribute.args = readAttributeArgs(p);
    attribute.end = p.previousEnd;
  }
  return attribute;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * An unquoted argument, read as BAML reads unquoted config values: up to the next `,`, `)` or
 * line end, so `@description(User is confused)` is the string "User is confused".
 */
function readUnquotedArg(p: ParserState): AttributeArg {
  const t = p.takeBareValue();
  const span = { start: t.start, end: t.end };
  if (WORD.test(t.value)) return { kind: 'ident', name: t.value, ...span };
  if (NUMBER.test(t.value)) return { kind: 'number', raw: t.value, ...span };
  return { kind: 'string', value: t.value, hashes: 0, ...span };
}

function readAttributeArgs(p: ParserState): AttributeArg[] {
  p.advance();
  const args: AttributeArg[] = [];
  while (!p.is(')')) {
    const t = p.token;
    switch (t.kind) {
      case 'string':
      case 'raw_string':
        args.push({ kind: 'string', ...readStringLiteral(p) });
        break;
      case 'expression':
        p.advance();
        args.push({ kind: 'expression', text: t.value, start: t.start, end: t.end });
        break;
      case 'ident':
      case 'number':
      case 'unknown':
        args.push(readUnquotedArg(p));
        break;
      default:
        p.fail('an attribute argument (a string, a name or `{{ … }}`)');
    }
    if (!p.is(',')) break;
    p.advance();
  }
  p.expect(')', '`,` or `)`');
  return args;
}
