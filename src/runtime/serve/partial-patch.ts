// The `patch` stream protocol: instead of the whole partial value on every event, send the
// operations that turn the previous partial into the next one. Growing strings become `append`
// operations carrying only the new characters and new list items become `add …/-`, so the bytes
// sent over a whole stream grow linearly with the answer instead of quadratically.
//
// Operations are RFC 6902 `add` / `replace` / `remove` at RFC 6901 JSON pointers, plus one
// extension, `append`, which concatenates `value` to the string at `path`. `replace` at path ""
// replaces the whole value (the first event of every stream).

/** One operation of a `patch` event. */
export type PatchOperation =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'append'; path: string; value: string };

/**
 * The operations turning `previous` into `next`. Subtrees that are the same object (the runtime
 * shares unchanged subtrees between partials) are skipped without being walked.
 */
export function diffPartial(previous: unknown, next: unknown): PatchOperation[] {
  const operations: PatchOperation[] = [];
  diffInto(previous, next, '', operations);
  return operations;
}

function diffInto(previous: unknown, next: unknown, path: string, out: PatchOperation[]): void {
  if (Object.is(previous, next)) return;
  if (typeof previous === 'string' && typeof next === 'string') {
    if (next.length > previous.length && next.startsWith(previous)) {
      out.push({ op: 'append', path, value: next.slice(previous.length) });
    } else {
      out.push({ op: 'replace', path, value: next });
    }
    return;
  }
  if (Array.isArray(previous) && Array.isArray(next)) {
    const common = Math.min(previous.length, next.length);
    for (let i = 0; i < common; i++) diffInto(previous[i], next[i], `${path}/${i}`, out);
    for (let i = common; i < next.length; i++)
      out.push({ op: 'add', path: `${path}/-`, value: next[i] });
    // Remove from the end so the indexes of the remaining items stay valid.
    for (let i = previous.length - 1; i >= next.length; i--)
      out.push({ op: 'remove', path: `${path}/${i}` });
    return;
  }
  if (isRecord(previous) && isRecord(next)) {
    for (const key of Object.keys(next)) {
      const child = `${path}/${escapePointer(key)}`;
      if (Object.hasOwn(previous, key)) diffInto(previous[key], next[key], child, out);
      else out.push({ op: 'add', path: child, value: next[key] });
    }
    for (const key of Object.keys(previous)) {
      if (!Object.hasOwn(next, key))
        out.push({ op: 'remove', path: `${path}/${escapePointer(key)}` });
    }
    return;
  }
  // Scalars that changed, or a change of shape (null → object, string → number, …).
  if (isJsonEqualScalar(previous, next)) return;
  out.push({ op: 'replace', path, value: next });
}

/**
 * Applies `operations` to `document` and returns the new document. Containers on the changed
 * paths are modified in place (callers own the document); the result may be a new root. With
 * `copyOnWrite`, they are copied first (once per call) instead: the old document is left as it
 * was and unchanged subtrees are shared, as a React state update wants.
 *
 * @example
 * let value: unknown = null;
 * for (const event of patchEvents) value = applyPatch(value, JSON.parse(event.data));
 */
export function applyPatch(
  document: unknown,
  operations: readonly PatchOperation[],
  options: { copyOnWrite?: boolean } = {},
): unknown {
  const copies = options.copyOnWrite ? new Set<unknown>() : null;
  const own = (value: any): any => {
    if (!copies || typeof value !== 'object' || value === null || copies.has(value)) return value;
    const copy = Array.isArray(value) ? value.slice() : { ...value };
    copies.add(copy);
    return copy;
  };
  let root = document;
  for (const operation of operations) {
    if (operation.path === '') {
      if (operation.op === 'append') root = `${String(root)}${operation.value}`;
      else if (operation.op === 'remove') root = null;
      else root = operation.value;
      continue;
    }
    const keys = operation.path.slice(1).split('/').map(unescapePointer);
    const last = keys.pop() as string;
    root = own(root);
    let parent: any = root;
    for (const key of keys) {
      const k = Array.isArray(parent) ? Number(key) : key;
      const child = own(parent[k]);
      if (child !== parent[k]) parent[k] = child;
      parent = child;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (operation.op === 'add') parent.splice(index, 0, operation.value);
      else if (operation.op === 'remove') parent.splice(index, 1);
      else if (operation.op === 'replace') parent[index] = operation.value;
      else parent[index] = `${parent[index]}${operation.value}`;
    } else if (operation.op === 'remove') {
      delete parent[last];
    } else if (operation.op === 'append') {
      parent[last] = `${parent[last]}${operation.value}`;
    } else {
      parent[last] = operation.value;
    }
  }
  return root;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isJsonEqualScalar(a: unknown, b: unknown): boolean {
  return (typeof a !== 'object' || a === null) && (typeof b !== 'object' || b === null) && a === b;
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapePointer(key: string): string {
  return key.replace(/~1/g, '/').replace(/~0/g, '~');
}
