// Read-only array views for long lists in partials.
//
// A partial of a growing list must be a new array each time its tail changes, and copying an
// n-element array on every chunk makes a stream quadratic. A list view is an `Array` (a Proxy
// over an empty array, so `Array.isArray`, `JSON.stringify`, iteration, indexing and the array
// methods all work) that reads its first `frozen` elements from a shared backing array and the
// rest from its own short tail. The backing array only ever grows at the end, and a view never
// looks past its own `frozen` prefix, so every view stays an immutable snapshot while creating
// one costs O(tail). Writes are refused. (One limit: `structuredClone` rejects proxies; spread
// the view into a plain array first, `[...view]`.)

/** The parts of a list view. */
export interface ViewState {
  backing: unknown[];
  frozen: number;
  tail: unknown[];
}

const STATE = Symbol('tsbaml.listView');
const INDEX = /^(?:0|[1-9]\d*)$/;

type Target = unknown[] & { [STATE]: ViewState };

function indexOf(prop: string | symbol): number {
  return typeof prop === 'string' && INDEX.test(prop) ? Number(prop) : -1;
}

function total(s: ViewState): number {
  return s.frozen + s.tail.length;
}

function at(s: ViewState, i: number): unknown {
  return i < s.frozen ? s.backing[i] : s.tail[i - s.frozen];
}

// One handler for every view: the per-view state lives on the proxy's target.
const HANDLER: ProxyHandler<Target> = {
  get(target, prop, receiver) {
    const s = target[STATE];
    if (prop === 'length') return total(s);
    if (prop === STATE) return s;
    const i = indexOf(prop);
    if (i !== -1) return i < total(s) ? at(s, i) : undefined;
    return Reflect.get(target, prop, receiver);
  },
  has(target, prop) {
    const i = indexOf(prop);
    if (i !== -1) return i < total(target[STATE]);
    return prop !== STATE && Reflect.has(target, prop);
  },
  ownKeys(target) {
    const keys: string[] = [];
    for (let i = 0; i < total(target[STATE]); i++) keys.push(String(i));
    keys.push('length');
    return keys;
  },
  getOwnPropertyDescriptor(target, prop) {
    const s = target[STATE];
    if (prop === 'length')
      return { value: total(s), writable: true, enumerable: false, configurable: false };
    const i = indexOf(prop);
    if (i !== -1) {
      return i < total(s)
        ? { value: at(s, i), writable: false, enumerable: true, configurable: true }
        : undefined;
    }
    if (prop === STATE) return undefined;
    return Reflect.getOwnPropertyDescriptor(target, prop);
  },
  set: () => false,
  defineProperty: () => false,
  deleteProperty: () => false,
};

/**
 * A read-only array whose elements are `backing[0..frozen)` followed by `tail`.
 *
 * @example listView(['a', 'b', 'c'], 2, ['x']) // behaves as ['a', 'b', 'x']
 */
export function listView(backing: unknown[], frozen: number, tail: unknown[]): unknown[] {
  const target = [] as unknown as Target;
  // A plain (configurable) symbol property: hidden by the traps, cheaper than defineProperty.
  target[STATE] = { backing, frozen, tail };
  return new Proxy(target, HANDLER);
}

/** The parts of a list view, or undefined for any other value. */
export function viewState(v: unknown): ViewState | undefined {
  return Array.isArray(v) ? ((v as unknown as Target)[STATE] as ViewState | undefined) : undefined;
}
