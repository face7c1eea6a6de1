// Config values (client options, generator and retry properties, test args, function bodies):
// quoted and block strings, nested maps, arrays, `template_string` calls, and unquoted words read
// to the end of the line.

import type { ConfigEntry, ConfigValueNode, Name } from '../ast.js';
import type { ParserState } from '../parser-state.js';
import type { TokenKind } from '../tokens.js';
import { readAttributes } from './attributes.js';
import { readStringLiteral } from './string-literal.js';
import { readTypeBuilder } from './type-builder.js';

/** Tokens that can start an unquoted config value (re-read by `Lexer.rescanAsBare`). */
const BARE_START = new Set<TokenKind>([
  'ident',
  'number',
  'unknown',
  '.',
  ':',
  '?',
  '|',
  '=',
  '<',
  '>',
  '->',
]);

/** A `{ … }` block of `key value` entries, each on its own line. */
export function readConfigBody(p: ParserState, what: string): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  p.block(what, () => {
    // Only tests take a type builder; BAML reads one anywhere else and reports it.
    if (p.is('ident', 'type_builder') && /^[ \t]*\{/.test(p.text.slice(p.token.end))) {
      p.sink.report('type_builder_outside_test', p.advance(), {});
      readTypeBuilder(p);
      return;
    }
    entries.push(readConfigEntry(p));
  });
  return entries;
}

/**
 * `key value` (the key bare or quoted); the value starts on the same line. Inside a nested map
 * (`inMap`), a `:` may separate key and value (`"AAPL": "Tech"`), as BAML allows.
 */
export function readConfigEntry(p: ParserState, inMap = false): ConfigEntry {
  const keyToken = p.token;
  let key: Name;
  let quotedKey = false;
  if (keyToken.kind === 'string') {
    quotedKey = true;
    p.advance();
    key = { value: keyToken.value, start: keyToken.start, end: keyToken.end };
  } else {
    key = p.expectName('a property name');
  }
  if (inMap && p.is(':') && !p.token.newlineBefore) p.advance();
  p.expectSameLine(`a value for \`${key.value}\``);
  const value = readConfigValue(p);
  const entry: ConfigEntry = { key, quotedKey, value, start: keyToken.start, end: p.previousEnd };
  if (!inMap && p.is('@')) {
    entry.attributes = readAttributes(p, '@', true);
    entry.end = p.previousEnd;
  }
  return entry;
}

function readConfigValue(p: ParserState): ConfigValueNode {
  const t = p.token;
  if (t.kind === 'string' || t.kind === 'raw_string') {
    return { kind: 'string', ...readStringLiteral(p) };
  }
  if (t.kind === '{') return p.nested(() => readConfigMap(p));
  if (t.kind === '[') return p.nested(() => readConfigArray(p));
  if (t.kind === 'ident' && /^[ \t]*\(/.test(p.text.slice(t.end))) {
    return p.nested(() => readConfigCall(p));
  }
  if (BARE_START.has(t.kind)) {
    const bare = p.takeBareValue();
    return { kind: 'bare', text: bare.value, start: bare.start, end: bare.end };
  }
  return p.fail('a value');
}

/** A nested map: entries on separate lines or separated by commas (`{ "x" "y" }` is fine). */
function readConfigMap(p: ParserState): ConfigValueNode {
  const open = p.advance();
  const entries: ConfigEntry[] = [];
  while (!p.is('}')) {
    if (p.is('eof')) p.fail('`}`');
    entries.push(readConfigEntry(p, true));
    if (p.is(',')) p.advance();
  }
  p.advance();
  return { kind: 'map', entries, start: open.start, end: p.previousEnd };
}

/** `Name(arg, …)`: BAML reads it as a `template_string` call wherever a config value goes. */
function readConfigCall(p: ParserState): ConfigValueNode {
  const name = p.expectName('a template_string name');
  p.expect('(', '`(`');
  const args: ConfigValueNode[] = [];
  while (!p.is(')')) {
    if (p.is('eof')) p.fail('`)`');
    args.push(readConfigValue(p));
    if (p.is(',')) p.advance();
    else if (!p.is(')')) p.fail('`,` or `)`');
  }
  p.advance();
  return { kind: 'call', name, args, start: name.start, end: p.previousEnd };
}

function readConfigArray(p: ParserState): ConfigValueNode {
  const open = p.advance();
  const items: ConfigValueNode[] = [];
  while (!p.is(']')) {
    if (p.is('eof')) p.fail('`]`');
    items.push(readConfigValue(p));
    if (p.is(',')) p.advance();
  }
  p.advance();
  return { kind: 'array', items, start: open.start, end: p.previousEnd };
}
