// The open containers of the strict-JSON streaming path (strict-stream.ts): each open object and
// list keeps the visible values of its slots and its last snapshot, rebuilt only when something
// in it changed, so that an unchanged object or list keeps its identity from one partial to the
// next.
import { listView } from '../coerce/list-view.js';
import type { ClassPlan, ListPlan, MapPlan, Plan } from './strict-plan.js';

/** Nothing to show (a number not yet terminated, an enum not yet closed). */
export const NONE: unique symbol = Symbol('none');
export type Shown = unknown | typeof NONE;

export const OBJ = 0;
export const ARR = 1;
export const MAP = 2;

/** What a class field shows before any value: [] for a list, {} for a map, else null. */
function fieldDefault(p: Plan): unknown {
  return p.k === 'list' ? [] : p.k === 'map' ? {} : null;
}

export class ObjFrame {
  readonly t = OBJ;
  /** The visible value of each field (defaults until a value shows). */
  readonly values: unknown[];
  /** Fields that had a key. */
  readonly seen: boolean[];
  field = -1;
  /** The last object built, and `version` then (bumped whenever a field's value changes). */
  snap: Record<string, unknown> | undefined;
  snapVersion = 0;
  version = 0;

  constructor(readonly plan: ClassPlan) {
    const n = plan.fields.length;
    this.values = new Array(n);
    this.seen = new Array(n).fill(false);
    for (let i = 0; i < n; i++) this.values[i] = fieldDefault(plan.fields[i] as Plan);
  }
}

export class ArrFrame {
  readonly t = ARR;
  /** Items before the last one (finished). */
  readonly kept: unknown[] = [];
  /** The last item's visible value. */
  last: Shown = NONE;
  /** The last list built, with its length and last item then (it only grows at the end). */
  snap: unknown[] | undefined;
  snapCount = 0;
  snapLast: unknown;

  constructor(readonly plan: ListPlan) {}
}

export class MapFrame {
  readonly t = MAP;
  /** The keys so far, in order, and the visible value of each (NONE: the entry is not shown). */
  readonly keys: string[] = [];
  readonly values: Shown[] = [];
  readonly seen = new Set<string>();
  field = -1;
  /** The last object built, and `version` then (bumped whenever an entry's value changes). */
  snap: Record<string, unknown> | undefined;
  snapVersion = 0;
  version = 0;

  constructor(readonly plan: MapPlan) {}
}

export type Frame = ObjFrame | ArrFrame | MapFrame;

/** Sets the value of the frame's current slot (a field, an entry, or the list's last item). */
export function setSlot(f: Frame, v: Shown): void {
  if (f.t === ARR) f.last = v;
  else if (v !== NONE && f.values[f.field] !== v) {
    f.values[f.field] = v;
    f.version++;
  }
}

/**
 * The frame's value: its last one when nothing in it changed (so a push that changed nothing
 * visible, whatever it read, gives the very same partial), else a new one.
 */
export function buildFrame(f: Frame, listViewMin: number): unknown {
  if (f.t === OBJ) {
    if (f.snap !== undefined && f.snapVersion === f.version) return f.snap;
    const names = f.plan.names;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < names.length; i++) o[names[i] as string] = f.values[i];
    f.snap = o;
    f.snapVersion = f.version;
    return o;
  }
  if (f.t === MAP) {
    if (f.snap !== undefined && f.snapVersion === f.version) return f.snap;
    const o: Record<string, unknown> = {};
    for (let i = 0; i < f.keys.length; i++)
      if (f.values[i] !== NONE) o[f.keys[i] as string] = f.values[i];
    f.snap = o;
    f.snapVersion = f.version;
    return o;
  }
  const kept = f.kept;
  const shown = f.last !== NONE;
  const count = kept.length + (shown ? 1 : 0);
  const lastItem = shown ? f.last : kept[kept.length - 1];
  if (f.snap !== undefined && f.snapCount === count && f.snapLast === lastItem) return f.snap;
  let out: unknown[];
  if (kept.length >= listViewMin) out = listView(kept, kept.length, shown ? [f.last] : []);
  else {
    out = kept.slice();
    if (shown) out.push(f.last);
  }
  f.snap = out;
  f.snapCount = count;
  f.snapLast = lastItem;
  return out;
}

/**
 * Makes every open object and list along `stack` (root first) take the values of `shared`, a
 * value equal to their last snapshot (kept subtrees of an earlier partial in it).
 */
export function adoptSpine(stack: readonly Frame[], shared: unknown): void {
  let node = shared;
  for (const f of stack) {
    if (f.t === ARR) {
      if (!Array.isArray(node)) break;
      const items = node as unknown[];
      const kept = f.kept;
      const shown = f.last !== NONE;
      if (items.length !== kept.length + (shown ? 1 : 0)) break;
      // (no view of `kept` was handed out yet: this is the path's first partial)
      for (let i = 0; i < kept.length; i++) kept[i] = items[i];
      if (shown) f.last = items[kept.length];
      f.snap = items;
      f.snapCount = items.length;
      f.snapLast = items[items.length - 1];
      node = f.last;
      continue;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) break;
    const o = node as Record<string, unknown>;
    const names = f.t === OBJ ? f.plan.names : f.keys;
    for (let i = 0; i < names.length; i++)
      if (f.t === OBJ || f.values[i] !== NONE) f.values[i] = o[names[i] as string];
    f.snap = o;
    f.snapVersion = f.version;
    if (f.field < 0) break;
    node = f.values[f.field];
  }
}
