// `type_builder { … }` inside a test: classes, enums and aliases the test adds, and
// `dynamic class X { … }` / `dynamic enum X { … }` extending `@@dynamic` types. A line that is
// none of these is a syntax error, as in BAML.

import type { TypeBuilderBlock, TypeBuilderItem } from '../ast.js';
import { ParseAbort, type ParserState } from '../parser-state.js';
import { readClass, readEnum, readTypeAlias } from './type-declarations.js';

/** Reads `{ … }` after the `type_builder` keyword. */
export function readTypeBuilder(p: ParserState): TypeBuilderBlock {
  const open = p.expect('{', '`{`');
  const items: TypeBuilderItem[] = [];
  while (!p.is('}')) {
    if (p.is('eof')) p.fail('`}`');
    try {
      const item = readItem(p);
      if (item) items.push(item);
    } catch (error) {
      if (!(error instanceof ParseAbort)) throw error;
      p.skipRestOfLine();
    }
  }
  p.advance();
  return {
    text: p.text.slice(open.start, p.previousEnd),
    items,
    start: open.start,
    end: p.previousEnd,
  };
}

function readItem(p: ParserState): TypeBuilderItem | undefined {
  const t = p.token;
  if (t.kind === 'ident' && (t.value === 'class' || t.value === 'enum')) {
    return { declaration: t.value === 'class' ? readClass(p) : readEnum(p) };
  }
  if (t.kind === 'ident' && t.value === 'type' && isNameOnSameLine(p)) {
    return { declaration: readTypeAlias(p) };
  }
  if (t.kind === 'ident' && t.value === 'dynamic') {
    p.advance();
    const next = p.token;
    const dynamic = { start: t.start, end: t.end };
    if (!next.newlineBefore && next.kind === 'ident' && next.value === 'class') {
      return { declaration: readClass(p, true), dynamic };
    }
    if (!next.newlineBefore && next.kind === 'ident' && next.value === 'enum') {
      return { declaration: readEnum(p, true), dynamic };
    }
    p.sink.report('incomplete_dynamic', t, {});
    skipBlock(p);
    return undefined;
  }
  p.sink.report('type_builder_syntax', t, {});
  p.advance();
  p.skipRestOfLine();
  return undefined;
}

/** Whether the token after the current one is a name on the same line (`type Name = …`). */
function isNameOnSameLine(p: ParserState): boolean {
  const rest = p.text.slice(p.token.end, p.text.indexOf('\n', p.token.end) >>> 0);
  return /^[ \t]+[A-Za-z_]/.test(rest);
}

/** Skips the rest of the line and, when it opens one, the `{ … }` block it starts. */
function skipBlock(p: ParserState): void {
  let depth = 0;
  while (!p.is('eof')) {
    if (depth === 0 && p.token.newlineBefore) return;
    if (p.is('{')) depth++;
    if (p.is('}')) {
      if (depth === 0) return;
      depth--;
      if (depth === 0) {
        p.advance();
        return;
      }
    }
    p.advance();
  }
}
