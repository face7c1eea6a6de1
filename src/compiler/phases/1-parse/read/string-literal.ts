// A quoted or block string token read as a literal: shared by config values, attributes and
// prompts (a leaf module, so the readers that use it import no one else through it).

import type { StringLiteral } from '../ast.js';
import type { ParserState } from '../parser-state.js';

export function readStringLiteral(p: ParserState): StringLiteral {
  const t = p.advance();
  return {
    value: t.value,
    hashes: t.kind === 'raw_string' ? (t.hashes ?? 1) : 0,
    start: t.start,
    end: t.end,
  };
}
