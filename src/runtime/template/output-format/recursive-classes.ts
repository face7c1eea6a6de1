// Which classes sit on a reference cycle (`class Node { next Node? }`, or through lists, maps,
// unions and non-recursive aliases). BAML always hoists those: they cannot be written inline.

import type { Program, Type } from '../../../ir/types.js';

function classRefs(program: Program, type: Type, out: Set<string>, seenAliases: Set<string>): void {
  switch (type.kind) {
    case 'class':
      out.add(type.name);
      return;
    case 'alias': {
      if (seenAliases.has(type.name)) return;
      seenAliases.add(type.name);
      const def = program.typeAliases[type.name];
      if (def) classRefs(program, def.type, out, seenAliases);
      return;
    }
    case 'list':
      classRefs(program, type.item, out, seenAliases);
      return;
    case 'map':
      classRefs(program, type.key, out, seenAliases);
      classRefs(program, type.value, out, seenAliases);
      return;
    case 'union':
      for (const v of type.variants) classRefs(program, v, out, seenAliases);
      return;
    case 'tuple':
      for (const v of type.items) classRefs(program, v, out, seenAliases);
      return;
    default:
      return;
  }
}

/** Names of classes that can reach themselves through their fields. */
export function recursiveClassNames(program: Program): Set<string> {
  const edges = new Map<string, Set<string>>();
  for (const [name, def] of Object.entries(program.classes)) {
    const refs = new Set<string>();
    for (const f of def.fields) classRefs(program, f.type, refs, new Set());
    edges.set(name, refs);
  }
  const result = new Set<string>();
  for (const start of edges.keys()) {
    // Depth-first search from each class's neighbours; small programs make O(n·e) fine.
    const stack = [...(edges.get(start) ?? [])];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (next === start) {
        result.add(start);
        break;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      for (const n of edges.get(next) ?? []) stack.push(n);
    }
  }
  return result;
}
