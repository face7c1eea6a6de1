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
  readonly backing: unknown[];
  readonly frozen: number;
  readonly tail: unknown[];
}

const STATE = Symbol('tsbaml.listView');
const INDEX = /^(?:0|[1-9]\d*)$/;

function indexOf(prop: string | symbol): number {
  return typeof prop === 'string' && INDEX.test(prop) ? Number(prop) : -1;
}

function total(s: ViewState): number {
  return s.frozen + s.tail.length;
}

function at(s: ViewState, i: number): unknown {
  return i < s.frozen ? s.backing[i] : s.tail[i - s.frozen];
}

/**
 * The proxy handler of one view, which is also its state: the traps live on the prototype, so
 * a view costs the proxy, an empty target array and this one object.
 */
class ViewHandler implements ProxyHandler<unknown[]>, ViewState {
  constructor(
    readonly backing: unknown[],
    readonly frozen: number,
    readonly tail: unknown[],
  ) {}

  get(target: unknown[], prop: string | symbol, receiver: unknown): unknown {
    if (prop === 'length') return total(this);
    if (prop === STATE) return this;
    const i = indexOf(prop);
    if (i !== -1) return i < total(this) ? at(this, i) : undefined;
    return Reflect.get(target, prop, receiver);
  }

  has(target: unknown[], prop: string | symbol): boolean {
    const i = indexOf(prop);
    if (i !== -1) return i < total(this);
    return Reflect.has(target, prop);
  }

  ownKeys(): string[] {
    const keys: string[] = [];
    for (let i = 0; i < total(this); i++) keys.push(String(i));
    keys.push('length');
    return keys;
  }

  getOwnPropertyDescriptor(
    target: unknown[],
    prop: string | symbol,
  ): PropertyDescriptor | undefined {
    if (prop === 'length')
      return { value: total(this), writable: true, enumerable: false, configurable: false };
    const i = indexOf(prop);
    if (i !== -1) {
      return i < total(this)
        ? { value: at(this, i), writable: false, enumerable: true, configurable: true }
        : undefined;
    }
    return Reflect.getOwnPropertyDescriptor(target, prop);
  }

  set(): boolean {
    return false;
  }

  defineProperty(): boolean {
    return false;
  }

  deleteProperty(): boolean {
    return false;
  }
}

/**
 * A read-only array whose elements are `backing[0..frozen)` followed by `tail`.
 *
 * @example listView(['a', 'b', 'c'], 2, ['x']) // behaves as ['a', 'b', 'x']
 */
export function listView(backing: unknown[], frozen: number, tail: unknown[]): unknown[] {
  return new Proxy([], new ViewHandler(backing, frozen, tail));
}

/** The parts of a list view, or undefined for any other value. */
export function viewState(v: unknown): ViewState | undefined {
  return Array.isArray(v)
    ? ((v as unknown as Record<symbol, unknown>)[STATE] as ViewState | undefined)
    : undefined;
}
