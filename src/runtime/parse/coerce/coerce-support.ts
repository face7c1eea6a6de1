// Helpers of the coercer that need no coercer state: where a value sits (paths), failures as
// lazily rendered issues, completion of raw nodes, type rendering, and list memo records.
import type { Type } from '../../../ir/types.js';
import type { RawValue } from '../raw/raw-value.js';
import type { Issue, IssueCode } from './issues.js';
import { viewState } from './list-view.js';
import type { CompletionState, Fail, Ok } from './result.js';
import { describeRaw } from './text.js';
import { isChecked, isStateWrapper } from './wrappers.js';

const isView = (v: unknown): boolean => viewState(v) !== undefined;

/** Where a value sits in the answer, as a linked list (cheap to extend; an array only on failure). */
export type Path = { up: Path; key: string | number } | undefined;

export const at = (up: Path, key: string | number): Path => ({ up, key });

export function freshMemo(): ListMemo {
  return {
    path: undefined,
    frozen: 0,
    kept: [],
    scoreSum: 0,
    errors: 0,
    errorScore: 0,
    markdownFirst: undefined,
    last: undefined,
    lastKept: 0,
    lastTail: [],
  };
}

/**
 * Moves the state of list memo `from` into `to` (a fresh memo) and leaves `from` fresh: the
 * frozen prefix (and the array that list views read it from) now belongs to `to` alone.
 */
export function moveListMemo(from: ListMemo, to: ListMemo): void {
  Object.assign(to, from);
  Object.assign(from, freshMemo());
}

/** Two paths to the same place (same keys from the root). */
export function samePath(a: Path, b: Path): boolean {
  while (a !== undefined && b !== undefined) {
    if (a === b) return true;
    if (a.key !== b.key) return false;
    a = a.up;
    b = b.up;
  }
  return a === b;
}

/** Same length and the same elements (by identity). */
export function sameItems(a: unknown[], b: unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function pathArray(path: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p = path; p; p = p.up) out.push(p.key);
  return out.reverse();
}

/**
 * The path `up` → `key` (a list item, a class field), kept on `holder` (a list memo, a field
 * part): the same object as last time when neither moved, so the paths below it can be kept too.
 */
export function keptPath(holder: { path: Path }, up: Path, key: string | number): Path {
  let p = holder.path;
  if (p === undefined || p.up !== up || p.key !== key) {
    p = at(up, key);
    holder.path = p;
  }
  return p;
}

/** Incremental state of a list coercion over an open array (arrays only grow at the end). */
export interface ListMemo {
  /** The last item path made (see `keptPath`). */
  path: Path;
  /** Items [0, frozen) are complete and will never change; their results are folded in below. */
  frozen: number;
  /** Output values of the kept frozen items, in order (append-only: list views read it). */
  kept: unknown[];
  scoreSum: number;
  errors: number;
  errorScore: number;
  markdownFirst: boolean | undefined;
  /** The last result, built from `lastKept` kept values followed by `lastTail`. */
  last: Ok | undefined;
  lastKept: number;
  lastTail: unknown[];
}

export function completionOf(raw: RawValue): boolean {
  switch (raw.kind) {
    case 'bool':
    case 'null':
      return true;
    case 'fixed':
      return completionOf(raw.inner);
    case 'anyOf':
      return raw.candidates.every(completionOf);
    default:
      return raw.completion === 'complete';
  }
}

export function stateOf(raw: RawValue): CompletionState {
  return completionOf(raw) ? 'Complete' : 'Incomplete';
}

/**
 * An issue whose path, expected and found texts are computed on first read: most failures (union
 * variants that did not match, dropped list items) are never shown, and computing them eagerly
 * costs O(depth) each on a deep answer.
 */
class LazyIssue implements Issue {
  causes?: Issue[];
  private cachedPath: (string | number)[] | undefined;
  private cachedExpected: string | undefined;
  private cachedFound: string | undefined;

  constructor(
    readonly code: IssueCode,
    private readonly where: Path,
    private readonly type: Type | string,
    private readonly raw: RawValue | undefined,
    readonly reason: string,
  ) {}

  get path(): (string | number)[] {
    this.cachedPath ??= pathArray(this.where);
    return this.cachedPath;
  }
  get expected(): string {
    this.cachedExpected ??= typeof this.type === 'string' ? this.type : renderType(this.type);
    return this.cachedExpected;
  }
  get found(): string {
    this.cachedFound ??= describeRaw(this.raw);
    return this.cachedFound;
  }
}

export function fail(
  code: IssueCode,
  path: Path,
  type: Type | string,
  raw: RawValue | undefined,
  reason: string,
  causes?: Issue[],
): Fail {
  const issue = new LazyIssue(code, path, type, raw, reason);
  if (causes && causes.length > 0) issue.causes = causes;
  return { ok: false, issue };
}

/** Renders a type for messages, the way a user wrote it. */
export function renderType(type: Type): string {
  switch (type.kind) {
    case 'primitive':
    case 'media':
      return type.name;
    case 'literal':
      return JSON.stringify(type.value);
    case 'class':
    case 'enum':
    case 'alias':
      return type.name;
    case 'list':
      return `${type.item.kind === 'union' ? `(${renderType(type.item)})` : renderType(type.item)}[]`;
    case 'map':
      return `map<${renderType(type.key)}, ${renderType(type.value)}>`;
    case 'union':
      return type.variants.map(renderType).join(' | ');
    case 'tuple':
      return `(${type.items.map(renderType).join(', ')})`;
  }
}

export function isOptional(type: Type): boolean {
  return (
    type.kind === 'union' && type.variants.some((v) => v.kind === 'primitive' && v.name === 'null')
  );
}

/** One field's contribution to a class result (reused while its raw value is the same, complete node). */
export interface FieldPart {
  /** The last path made for this part's field (kept while the class's own path is the same). */
  path: Path;
  /** The raw value this part was computed from (undefined: none yet). */
  raw: RawValue | undefined;
  complete: boolean;
  value: unknown;
  score: number;
  impliedString: boolean;
  /** Set when the field failed and the class lists it as unparsed. */
  issue: Issue | undefined;
  /** The class memo's value for this field is the default of a missing field. */
  defaulted: boolean;
}

export function scratchPart(): FieldPart {
  return {
    path: undefined,
    raw: undefined,
    complete: false,
    value: undefined,
    score: 0,
    impliedString: false,
    issue: undefined,
    defaulted: false,
  };
}

/**
 * Incremental state of a class coercion over one raw object in partial mode. Entries before the
 * last are final, so their field matches are folded in once; the last result is kept so that a
 * push that changes nothing visible returns the very same result and output object.
 */
export interface ClassMemo {
  type: Type;
  ctx: number;
  /** Entries [0, stable) are folded into `matched` / `extra`. */
  stable: number;
  /** `entries[stable - 1]` when it was folded in (checked before trusting the memo). */
  stableEntry: unknown;
  /** Raw value per live field index from the folded entries (the first key that matched). */
  matched: (RawValue | undefined)[];
  extra: number;
  /** Per-call matches (folded ones plus the last entry); reused to avoid an allocation. */
  scratch: (RawValue | undefined)[];
  parts: FieldPart[];
  /** Output value per field of `last`. */
  values: unknown[];
  last: Ok | undefined;
  /** Set while the memo is in use (a re-entrant call falls back to the plain path). */
  busy: boolean;
  /** Whether the class has `@stream.not_null` fields to check (undefined: not known yet). */
  hasNeeded: boolean | undefined;
}

export function freshClassMemo(type: Type, ctx: number, n: number): ClassMemo {
  const parts: FieldPart[] = [];
  for (let i = 0; i < n; i++) parts.push(scratchPart());
  return {
    type,
    ctx,
    stable: 0,
    stableEntry: undefined,
    matched: new Array<RawValue | undefined>(n).fill(undefined),
    extra: 0,
    scratch: new Array<RawValue | undefined>(n).fill(undefined),
    parts,
    values: new Array<unknown>(n).fill(undefined),
    last: undefined,
    busy: false,
    hasNeeded: undefined,
  };
}

export function resetClassMemo(m: ClassMemo): void {
  m.stable = 0;
  m.stableEntry = undefined;
  m.matched.fill(undefined);
  m.extra = 0;
  for (const p of m.parts) p.raw = undefined;
  m.last = undefined;
}

/**
 * Whether `old` can stand in for the fresh default `v` of a missing field (`[]`, `{}`, or a
 * Pending state wrapper around one of those or null): same visible value, no identity churn.
 */
export function isSameDefault(old: unknown, v: unknown): boolean {
  if (old === v) return true;
  if (old === null || typeof old !== 'object' || v === null || typeof v !== 'object') return false;
  if (Array.isArray(v))
    return Array.isArray(old) && old.length === 0 && v.length === 0 && !isView(old);
  if (isStateWrapper(v)) {
    if (!isStateWrapper(old)) return false;
    const o = old as { value: unknown; state: string };
    const n = v as { value: unknown; state: string };
    return o.state === n.state && isSameDefault(o.value, n.value);
  }
  if (isStateWrapper(old) || isChecked(old) || isChecked(v) || Array.isArray(old)) return false;
  for (const _ in v) return false;
  for (const _ in old) return false;
  return true;
}
