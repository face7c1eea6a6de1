// Members of one declaration (a class's fields, an enum's values, a function's parameters)
// must have distinct names. The first of each name is kept; every repeat is reported and
// left out, so the rest of the analysis sees one member per name.

import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { Name } from '../1-parse/ast.js';

/** The diagnostic that reports a repeated member name. */
export type DuplicateMemberCode =
  | 'duplicate_field'
  | 'duplicate_enum_value'
  | 'duplicate_parameter';

/** `members` in order without the repeats of a name, each repeat reported at its name. */
export function uniqueMembers<M extends { name: Name }>(
  members: readonly M[],
  owner: string,
  code: DuplicateMemberCode,
  sink: DiagnosticSink,
): M[] {
  const seen = new Set<string>();
  const unique: M[] = [];
  for (const member of members) {
    const name = member.name.value;
    if (seen.has(name)) {
      sink.report(code, member.name, { owner, name });
      continue;
    }
    seen.add(name);
    unique.push(member);
  }
  return unique;
}
