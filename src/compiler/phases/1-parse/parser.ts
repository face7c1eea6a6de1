// A recursive-descent parser for .baml files. It pulls tokens from the lexer one at a time and
// keeps exactly one token of look-ahead (see parser-state.ts). Each construct has its reader in
// `read/`; this file is the top-level loop.
//
// Layout is part of BAML's grammar: every field, enum value and config entry starts on its own
// line (`class A { x int }` is an error), so tokens carry `newlineBefore` and readers check it
// where it matters.

import type { Diagnostic, DiagnosticSink } from '../../diagnostics/diagnostic.js';
import { suggestName } from '../../utils/suggest-name.js';
import type { Declaration, SourceFileAst } from './ast.js';
import { DECLARATION_KEYWORDS, ParseAbort, ParserState } from './parser-state.js';
import { readConfigBlock, readTest } from './read/config-blocks.js';
import { readFunction, readTemplateString } from './read/functions.js';
import { readTopLevelLet, StopFile } from './read/statements.js';
import { readClass, readEnum, readTypeAlias } from './read/type-declarations.js';
import { describeToken, type Token } from './tokens.js';

/**
 * Parses one file. Syntax errors go to `sink`; the returned tree holds every declaration that
 * could be read.
 *
 * @example
 * const ast = parseFile('main.baml', 'class A {\n  x int\n}\n', sink);
 * ast.declarations[0]?.kind; // 'class'
 */
export function parseFile(path: string, text: string, sink: DiagnosticSink): SourceFileAst {
  const p = new ParserState(text, sink);
  const declarations: Declaration[] = [];
  while (!p.is('eof')) {
    const start = p.token;
    const before = sink.diagnostics.length;
    try {
      declarations.push(readDeclaration(p));
    } catch (error) {
      if (error instanceof StopFile) break;
      if (!(error instanceof ParseAbort)) throw error;
      p.skipToNextDeclaration();
    }
    if (brokeValueBlock(start, sink.diagnostics.slice(before))) {
      // BAML cannot read such a block at all: it reports its first line and stops reading
      // the file there. The precise error found inside follows.
      const lineStart = text.lastIndexOf('\n', start.start - 1) + 1;
      sink.report('unreadable_block', { start: lineStart, end: start.end }, {});
      break;
    }
  }
  return { path, declarations };
}

/** Blocks made of `key value` lines, which BAML's grammar reads as a whole or not at all. */
const VALUE_BLOCKS = new Set(['client', 'retry_policy', 'generator', 'test']);
const SYNTAX_ERRORS = new Set(['unexpected_token', 'invalid_character']);

function brokeValueBlock(start: Token, reported: Diagnostic[]): boolean {
  if (start.kind !== 'ident' || !VALUE_BLOCKS.has(start.value)) return false;
  return reported.some((d) => SYNTAX_ERRORS.has(d.code));
}

function readDeclaration(p: ParserState): Declaration {
  const t = p.token;
  if (t.kind === 'ident') {
    switch (t.value) {
      case 'class':
        return readClass(p);
      case 'enum':
        return readEnum(p);
      case 'type':
        return readTypeAlias(p);
      case 'function':
        return readFunction(p);
      case 'template_string':
        return readTemplateString(p);
      case 'client':
      case 'retry_policy':
      case 'generator':
        return readConfigBlock(p, t.value);
      case 'test':
        return readTest(p);
      case 'let':
        return readTopLevelLet(p);
    }
  }
  if (t.kind === 'unknown') p.fail('a declaration');
  const suggestion = t.kind === 'ident' ? suggestName(t.value, DECLARATION_KEYWORDS) : undefined;
  const found = describeToken(t);
  p.sink.report('unknown_declaration', t, suggestion ? { found, suggestion } : { found });
  throw new ParseAbort();
}
