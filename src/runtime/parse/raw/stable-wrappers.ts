// Keeps the identity of wrapper nodes (AnyOf, FixedJson, Markdown, and the "all items" arrays
// the stages build) from one `root()` to the next. The stages rebuild some wrappers on every
// call; when a rebuilt wrapper has the same shape and the same children (by identity) as the one
// handed out last time, the old object is returned instead (an AnyOf takes the new `text`, and
// its `rev` goes up when that changed). Wrappers are therefore "open" nodes until the stream
// finishes: they keep identity while their children do, and an AnyOf's `text` grows with the
// stream. `refreshRevs` then bumps the `rev` of every wrapper whose children changed.
import type { RawAnyOf, RawFixed, RawMarkdown, RawValue } from './raw-value.js';

/**
 * What a wrapper's children were (identity and `rev`) when it was last refreshed. One lookup
 * per node visited: arrays read from the text have no record, self-managed wrappers a marker.
 */
interface KidsSeen {
  /** -1: self-managed; 0: no snapshot yet; 1: snapshot taken. */
  state: number;
  kids: RawValue[];
  revs: number[];
}

const seen = new WeakMap<RawValue, KidsSeen>();

/** Marks an array as a stage-built wrapper (its `rev` is then kept by `refreshRevs`). */
export function markWrapperArray<T extends RawValue>(array: T): T {
  if (!seen.has(array)) seen.set(array, { state: 0, kids: [], revs: [] });
  return array;
}

/** Marks a wrapper whose producer keeps its `rev` (and its children's): `refreshRevs` stops at it. */
export function markSelfManaged<T extends RawValue>(node: T): T {
  seen.set(node, { state: -1, kids: [], revs: [] });
  return node;
}

/**
 * Keeps wrapper `rev`s honest: a wrapper handed out again whose children are not the same
 * objects at the same `rev` as when it was last refreshed gets `rev + 1`. Only wrapper layers
 * are walked (never into trees read from the text, which keep their own `rev`, nor into
 * self-managed wrappers), so the cost is the number of wrappers walked.
 */
export function refreshRevs(node: RawValue): void {
  let kids: RawValue[];
  let rec: KidsSeen | undefined;
  switch (node.kind) {
    case 'anyOf':
      rec = seen.get(node);
      if (rec !== undefined && rec.state < 0) return;
      kids = node.candidates;
      break;
    case 'fixed':
    case 'markdown':
      refreshRevs(node.inner);
      refresh1(node, node.inner);
      return;
    case 'array':
      rec = seen.get(node);
      if (rec === undefined || rec.state < 0) return;
      kids = node.items;
      break;
    default:
      return;
  }
  const n = kids.length;
  if (n === 1) {
    const only = kids[0] as RawValue;
    refreshRevs(only);
    refresh1(node, only, rec);
    return;
  }
  for (let i = 0; i < n; i++) refreshRevs(kids[i] as RawValue);
  if (rec === undefined) {
    rec = { state: 0, kids: [], revs: [] };
    seen.set(node, rec);
  }
  if (rec.state === 0) {
    rec.state = 1;
    rec.kids = kids.slice();
    rec.revs = kids.map((k) => k.rev);
    return;
  }
  const oldKids = rec.kids;
  const oldRevs = rec.revs;
  let same = oldKids.length === n;
  for (let i = 0; same && i < n; i++) {
    const k = kids[i] as RawValue;
    same = oldKids[i] === k && oldRevs[i] === k.rev;
  }
  if (same) return;
  node.rev++;
  if (oldKids.length !== n) {
    rec.kids = kids.slice();
    rec.revs = kids.map((k) => k.rev);
    return;
  }
  for (let i = 0; i < n; i++) {
    const k = kids[i] as RawValue;
    oldKids[i] = k;
    oldRevs[i] = k.rev;
  }
}

/**
 * The wrapper chain `refreshRevsChained` found last time: wrappers with exactly one child each
 * (an AnyOf with one candidate, a FixedJson, a Markdown), outermost first, the child each had
 * and that child's `rev` when the chain was last refreshed, and the node below the last one (a
 * tree read from the text, or a self-managed wrapper).
 */
export class RevChain {
  root: RawValue | null = null;
  readonly nodes: RawValue[] = [];
  /** Whether `nodes[i]` is an AnyOf (its child is its only candidate) rather than `inner`. */
  readonly anyOfs: boolean[] = [];
  /** `kids[i]` is the child of `nodes[i]`: the next node, or `leaf` for the last one. */
  readonly kids: RawValue[] = [];
  readonly kidRevs: number[] = [];
  leaf: RawValue | null = null;
}

/**
 * `refreshRevs(root)` for a caller that asks again and again (`RawParser.root()`): when the
 * root is the same object and still the same chain of one-child wrappers over the same nodes,
 * each wrapper whose child's `rev` moved since the last call gets `rev + 1`, bottom-up, without
 * looking the wrappers up again; otherwise it falls back to `refreshRevs` and notes the chain.
 * (The chain keeps its own record of the children's `rev`s; the per-node records `refreshRevs`
 * keeps may then lag behind, which can only cost an extra `rev + 1` if it walks them again.)
 */
export function refreshRevsChained(root: RawValue, chain: RevChain): void {
  if (chain.root === root && chain.leaf !== null && chainIntact(chain)) {
    const nodes = chain.nodes;
    const kids = chain.kids;
    const kidRevs = chain.kidRevs;
    for (let i = nodes.length - 1; i >= 0; i--) {
      const rev = (kids[i] as RawValue).rev;
      if (kidRevs[i] !== rev) {
        kidRevs[i] = rev;
        (nodes[i] as RawValue).rev++;
      }
    }
    return;
  }
  refreshRevs(root);
  noteChain(root, chain);
}

function chainIntact(chain: RevChain): boolean {
  const nodes = chain.nodes;
  const n = nodes.length;
  for (let i = 0; i < n; i++) {
    const node = nodes[i] as RawValue;
    const kid = chain.kids[i];
    if (chain.anyOfs[i] === true) {
      const candidates = (node as RawAnyOf).candidates;
      if (candidates.length !== 1 || candidates[0] !== kid) return false;
    } else if ((node as RawFixed | RawMarkdown).inner !== kid) {
      return false;
    }
  }
  return true;
}

/** Records the one-child wrapper chain under `root` (just refreshed), if it is one. */
function noteChain(root: RawValue, chain: RevChain): void {
  chain.root = root;
  chain.leaf = null;
  chain.nodes.length = 0;
  chain.anyOfs.length = 0;
  chain.kids.length = 0;
  chain.kidRevs.length = 0;
  let node = root;
  for (;;) {
    let next: RawValue;
    const rec = seen.get(node);
    switch (node.kind) {
      case 'anyOf':
        if (rec !== undefined && rec.state < 0) {
          chain.leaf = node;
          return;
        }
        if (node.candidates.length !== 1) return;
        next = node.candidates[0] as RawValue;
        break;
      case 'fixed':
      case 'markdown':
        next = node.inner;
        break;
      case 'array':
        // a wrapper array with its own children is walked by `refreshRevs` every time
        if (rec === undefined || rec.state < 0) chain.leaf = node;
        return;
      default:
        chain.leaf = node;
        return;
    }
    if (rec === undefined || rec.state !== 1 || rec.kids.length !== 1) return;
    chain.nodes.push(node);
    chain.anyOfs.push(node.kind === 'anyOf');
    chain.kids.push(next);
    chain.kidRevs.push(next.rev);
    node = next;
  }
}

function refresh1(node: RawValue, kid: RawValue, known?: KidsSeen): void {
  let rec = known ?? seen.get(node);
  if (rec === undefined) {
    rec = { state: 0, kids: [], revs: [] };
    seen.set(node, rec);
  }
  if (rec.state === 0 || rec.kids.length !== 1) {
    rec.state = 1;
    rec.kids = [kid];
    rec.revs = [kid.rev];
    return;
  }
  if (rec.kids[0] === kid && rec.revs[0] === kid.rev) return;
  node.rev++;
  rec.kids[0] = kid;
  rec.revs[0] = kid.rev;
}

/** Returns `next`, with every wrapper that matches its counterpart in `previous` replaced by it. */
export function stabilize(next: RawValue, previous: RawValue | null): RawValue {
  if (previous === null || next === previous) return next;
  switch (next.kind) {
    case 'anyOf': {
      if (previous.kind !== 'anyOf' || previous.candidates.length !== next.candidates.length)
        return next;
      let same = true;
      const candidates = next.candidates.map((c, i) => {
        const old = previous.candidates[i] ?? null;
        const s = stabilize(c, old);
        if (s !== old) same = false;
        return s;
      });
      if (!same) {
        next.candidates = candidates;
        return next;
      }
      if (previous.text !== next.text) {
        previous.text = next.text;
        previous.rev++;
      }
      return previous;
    }
    case 'fixed': {
      if (previous.kind !== 'fixed' || previous.fixes.join() !== next.fixes.join()) return next;
      const inner = stabilize(next.inner, previous.inner);
      if (inner !== previous.inner) {
        next.inner = inner;
        return next;
      }
      return previous;
    }
    case 'markdown': {
      if (
        previous.kind !== 'markdown' ||
        previous.tag !== next.tag ||
        previous.completion !== next.completion
      ) {
        next.inner = stabilize(next.inner, previous.kind === 'markdown' ? previous.inner : null);
        return next;
      }
      const inner = stabilize(next.inner, previous.inner);
      if (inner !== previous.inner) {
        next.inner = inner;
        return next;
      }
      return previous;
    }
    case 'array': {
      // only wrapper arrays are rebuilt; scanner arrays come back as the same object
      if (previous.kind !== 'array' || previous.items.length !== next.items.length) return next;
      if (previous.completion !== next.completion) return next;
      let same = true;
      const items = next.items.map((c, i) => {
        const old = previous.items[i] ?? null;
        const s = stabilize(c, old);
        if (s !== old) same = false;
        return s;
      });
      if (!same) {
        next.items = items;
        return next;
      }
      return previous;
    }
    default:
      return next;
  }
}
