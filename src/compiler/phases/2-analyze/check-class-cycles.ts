// A class that requires itself, directly or through other classes (`class A { b B }` with
// `class B { a A }`), describes no finite value: every instance would have to contain another.
// Only fields whose type is exactly a class (or an alias of one) count: an optional field, a
// list, a map or a union with another variant all give the recursion a way to stop.

import type { Program, Type } from '../../../ir/types.js';

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
 * (in declaration order of its first member). Uses Tarjan's strongly connected components.
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

  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    lowLink.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (;;) {
      const member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    const selfLoop = component.length === 1 && (edges.get(node) ?? []).includes(node);
    if (component.length > 1 || selfLoop) cycles.push(component);
  };

  for (const name of edges.keys()) if (!index.has(name)) visit(name);
  const order = [...edges.keys()];
  return cycles.map((cycle) => cycle.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
}
