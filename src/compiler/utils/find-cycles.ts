// Cycles in a directed graph of named nodes, with Tarjan's strongly connected components.

/**
 * Every cycle of `edges` (a component of several nodes, or a node with an edge to itself), each
 * listed in the order the nodes appear in `edges`.
 *
 * @example
 * findCycles(new Map([['A', ['B']], ['B', ['A']], ['C', []]])); // [['A', 'B']]
 */
export function findCycles(edges: Map<string, string[]>): string[][] {
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
