// Marks type aliases that refer to themselves (directly or through other aliases) as
// `recursive`, and reports cycles that never pass through a list or a map: `type A = B` with
// `type B = A | int` describes no finite value, while `type J = int | J[]` is fine.

import type { Type, TypeAliasDef } from '../../../ir/types.js';

interface Edge {
  to: string;
  /** True when the reference sits inside a list or map (a "guarded" recursion). */
  guarded: boolean;
}

function collectEdges(type: Type, guarded: boolean, into: Edge[]): void {
  switch (type.kind) {
    case 'alias':
      into.push({ to: type.name, guarded });
      return;
    case 'list':
      collectEdges(type.item, true, into);
      return;
    case 'map':
      collectEdges(type.key, true, into);
      collectEdges(type.value, true, into);
      return;
    case 'union':
      for (const variant of type.variants) collectEdges(variant, guarded, into);
      return;
    case 'tuple':
      for (const item of type.items) collectEdges(item, guarded, into);
      return;
    default:
      return;
  }
}

/**
 * Sets `recursive` on every alias that can reach itself and returns the names of aliases caught
 * in an unguarded cycle (to be reported by the caller).
 */
export function markRecursiveAliases(aliases: Record<string, TypeAliasDef>): string[] {
  const edges = new Map<string, Edge[]>();
  for (const [name, alias] of Object.entries(aliases)) {
    const list: Edge[] = [];
    collectEdges(alias.type, false, list);
    edges.set(name, list);
  }
  const unguarded: string[] = [];
  for (const [name, alias] of Object.entries(aliases)) {
    alias.recursive = reaches(name, name, edges, false);
    if (alias.recursive && reaches(name, name, edges, true)) unguarded.push(name);
  }
  return unguarded;
}

/** Whether `target` is reachable from `from` (only through unguarded edges when asked). */
function reaches(
  from: string,
  target: string,
  edges: Map<string, Edge[]>,
  unguardedOnly: boolean,
): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const edge of edges.get(current) ?? []) {
      if (unguardedOnly && edge.guarded) continue;
      if (edge.to === target) return true;
      if (!seen.has(edge.to)) {
        seen.add(edge.to);
        stack.push(edge.to);
      }
    }
  }
  return false;
}
