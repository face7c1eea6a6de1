// A class that requires itself, directly or through other classes (`class A { b B }` with
// `class B { a A }`), describes no finite value: every instance would have to contain another.
// Only fields whose type is exactly a class (or an alias of one) count: an optional field, a
// list, a map or a union with another variant all give the recursion a way to stop.

import type { Program, Type } from '../../../ir/types.js';
import { findCycles } from '../../utils/find-cycles.js';

/** The class a field must contain, if its type forces one. */
function requiredClass(type: Type, program: Program, seen: Set<string>): string | undefined {
  if (type.kind === 'class') return type.name;
  if (type.kind === 'alias' && !seen.has(type.name)) {
    seen.add(type.name);
    const alias = program.typeAliases[type.name];
    return alias ? requiredClass(alias.type, program, seen) : undefined;
  }
  return undefined;
}

/**
 * Every cycle of required class references, each as the list of class names in the cycle
 * (in declaration order of its first member).
 */
export function findClassCycles(program: Program): string[][] {
  const edges = new Map<string, string[]>();
  for (const [name, def] of Object.entries(program.classes)) {
    const targets: string[] = [];
    for (const field of def.fields) {
      const target = requiredClass(field.type, program, new Set());
      if (target && Object.hasOwn(program.classes, target)) targets.push(target);
    }
    edges.set(name, targets);
  }
  return findCycles(edges);
}
