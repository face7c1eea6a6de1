// `client<llm>`, `retry_policy`, `generator` and `test` blocks: named blocks of config entries.

import type { Attribute, ConfigBlockDecl, ConfigEntry, Name, TestDecl } from '../ast.js';
import { docsOf, type ParserState } from '../parser-state.js';
import { readAttribute } from './attributes.js';
import { readConfigBody, readConfigEntry } from './config.js';
import { readTypeBuilder } from './type-builder.js';

/** `client<llm> Name { … }`, `retry_policy Name { … }` or `generator Name { … }`. */
export function readConfigBlock(
  p: ParserState,
  kind: 'client' | 'retry_policy' | 'generator',
): ConfigBlockDecl {
  const keyword = p.advance();
  let clientType: Name | undefined;
  // BAML reads `client Name {` (without `<llm>`) as an LLM client too.
  if (kind === 'client' && p.is('<')) {
    p.advance();
    clientType = p.expectName('`llm`');
    p.expect('>', '`>`');
  }
  const name = p.expectName(`a ${kind === 'client' ? 'client' : kind} name`);
  skipParameterList(p);
  const entries = readConfigBody(p, 'property');
  const declaration: ConfigBlockDecl = {
    kind,
    name,
    entries,
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
  if (clientType) declaration.clientType = clientType;
  return declaration;
}

/** `test Name { functions […]  args { … }  type_builder { … }  @@check(…) }`. */
export function readTest(p: ParserState): TestDecl {
  const keyword = p.advance();
  const name = p.expectName('a test name');
  skipParameterList(p);
  const entries: ConfigEntry[] = [];
  const attributes: Attribute[] = [];
  const typeBuilders: TestDecl['typeBuilders'] = [];
  p.block('property', () => {
    if (p.is('@@')) {
      attributes.push(readAttribute(p));
    } else if (p.is('ident', 'type_builder')) {
      const keyword = p.advance();
      const builder = readTypeBuilder(p);
      if (typeBuilders.length > 0) p.sink.report('multiple_type_builders', keyword, {});
      else typeBuilders.push(builder);
    } else {
      entries.push(readConfigEntry(p));
    }
  });
  return {
    kind: 'test',
    name,
    entries,
    attributes,
    typeBuilders,
    start: keyword.start,
    end: p.previousEnd,
    ...docsOf(keyword),
  };
}

/**
 * BAML's grammar lets any of these blocks carry a parameter list after its name
 * (`test Name() {`); it means nothing there, so it is stepped over.
 */
function skipParameterList(p: ParserState): void {
  if (!p.is('(') || p.token.newlineBefore) return;
  p.advance();
  while (!p.is(')')) {
    if (p.is('eof') || p.is('{')) p.fail('`)`');
    p.advance();
  }
  p.advance();
}
