// What coercing one raw value against one type produces. `Ok` carries the output value (in
// partial mode already in partial form) plus what `pick_best` (spec §3.5) and the streaming
// rules (§4.3) need to know about it; `Fail` carries the issue.
import type { Issue } from './issues.js';

/** Completion of a value as BAML reports it in `@stream.with_state`. */
export type CompletionState = 'Pending' | 'Incomplete' | 'Complete';

/** A successful coercion. */
export interface Ok {
  ok: true;
  /** The output value: plain JSON data, with check / state wrappers where the type asks. */
  value: unknown;
  /** Sum of flag penalties; lower is better. */
  score: number;
  /** Completion of the raw value this came from. */
  state: CompletionState;
  /** Partial mode: this value may only be shown once `state` is Complete. */
  mustBeDone: boolean;
  shape: 'list' | 'class' | 'map' | 'scalar' | 'null';
  /** A list made from a non-list (`SingleToArray`). */
  singleToArray: boolean;
  /** A list whose first item came out of a markdown block. */
  markdownFirst: boolean;
  /** A list that dropped items. */
  listErrors: boolean;
  /** An empty list. */
  empty: boolean;
  /** A single-field class whose string field was filled by `ImpliedKey`. */
  impliedString: boolean;
  /** A class whose every field is a default. */
  allDefaults: boolean;
  /** A scalar made by `JsonToString` or `FirstMatch` (loses to composite values). */
  weak: boolean;
  /** A class built from a bare string (`InferedObject`): an error at the top level. */
  inferedFromString: boolean;
}

/** The pick_best markers of a result (all false unless set). */
export type OkMarkers = Partial<
  Pick<
    Ok,
    | 'singleToArray'
    | 'markdownFirst'
    | 'listErrors'
    | 'empty'
    | 'impliedString'
    | 'allDefaults'
    | 'weak'
    | 'inferedFromString'
  >
>;

// Results are instances of one class, so the engine sees one object shape wherever results are
// read (mixed shapes make every property read slow), and the nine booleans are bits of one
// number (a result is made for every level of the spine on every push: its size is what the
// garbage collector pays for).
const MUST_BE_DONE = 1;
const SINGLE_TO_ARRAY = 2;
const MARKDOWN_FIRST = 4;
const LIST_ERRORS = 8;
const EMPTY = 16;
const IMPLIED_STRING = 32;
const ALL_DEFAULTS = 64;
const WEAK = 128;
const INFERED_FROM_STRING = 256;

function bitsOf(
  mustBeDone: boolean,
  singleToArray: boolean | undefined,
  markdownFirst: boolean | undefined,
  listErrors: boolean | undefined,
  empty: boolean | undefined,
  impliedString: boolean | undefined,
  allDefaults: boolean | undefined,
  weak: boolean | undefined,
  inferedFromString: boolean | undefined,
): number {
  return (
    (mustBeDone ? MUST_BE_DONE : 0) |
    (singleToArray ? SINGLE_TO_ARRAY : 0) |
    (markdownFirst ? MARKDOWN_FIRST : 0) |
    (listErrors ? LIST_ERRORS : 0) |
    (empty ? EMPTY : 0) |
    (impliedString ? IMPLIED_STRING : 0) |
    (allDefaults ? ALL_DEFAULTS : 0) |
    (weak ? WEAK : 0) |
    (inferedFromString ? INFERED_FROM_STRING : 0)
  );
}

class OkResult implements Ok {
  readonly ok = true as const;
  constructor(
    readonly value: unknown,
    readonly score: number,
    readonly state: CompletionState,
    readonly shape: Ok['shape'],
    /** The boolean properties, as bits. */
    readonly bits: number,
  ) {}
  get mustBeDone(): boolean {
    return (this.bits & MUST_BE_DONE) !== 0;
  }
  get singleToArray(): boolean {
    return (this.bits & SINGLE_TO_ARRAY) !== 0;
  }
  get markdownFirst(): boolean {
    return (this.bits & MARKDOWN_FIRST) !== 0;
  }
  get listErrors(): boolean {
    return (this.bits & LIST_ERRORS) !== 0;
  }
  get empty(): boolean {
    return (this.bits & EMPTY) !== 0;
  }
  get impliedString(): boolean {
    return (this.bits & IMPLIED_STRING) !== 0;
  }
  get allDefaults(): boolean {
    return (this.bits & ALL_DEFAULTS) !== 0;
  }
  get weak(): boolean {
    return (this.bits & WEAK) !== 0;
  }
  get inferedFromString(): boolean {
    return (this.bits & INFERED_FROM_STRING) !== 0;
  }
}

const NO_MARKERS: OkMarkers = Object.freeze({});

/** Builds a result (every marker false unless `m` sets it). */
export function okResult(
  value: unknown,
  score: number,
  state: CompletionState,
  mustBeDone: boolean,
  shape: Ok['shape'],
  m: OkMarkers = NO_MARKERS,
): Ok {
  return new OkResult(
    value,
    score,
    state,
    shape,
    bitsOf(
      mustBeDone,
      m.singleToArray,
      m.markdownFirst,
      m.listErrors,
      m.empty,
      m.impliedString,
      m.allDefaults,
      m.weak,
      m.inferedFromString,
    ),
  );
}

/** A copy of `r` with some properties changed. */
export function withChanges(r: Ok, c: Partial<Omit<Ok, 'ok'>>): Ok {
  return new OkResult(
    'value' in c ? c.value : r.value,
    c.score ?? r.score,
    c.state ?? r.state,
    c.shape ?? r.shape,
    bitsOf(
      c.mustBeDone ?? r.mustBeDone,
      c.singleToArray ?? r.singleToArray,
      c.markdownFirst ?? r.markdownFirst,
      c.listErrors ?? r.listErrors,
      c.empty ?? r.empty,
      c.impliedString ?? r.impliedString,
      c.allDefaults ?? r.allDefaults,
      c.weak ?? r.weak,
      c.inferedFromString ?? r.inferedFromString,
    ),
  );
}

/**
 * The result of an AnyOf candidate as the AnyOf's own: one more point (one per AnyOf, through
 * `levels` nested ones), and a scalar is weak.
 */
export function scoredCandidate(r: Ok, levels = 1): Ok {
  const bits = (r as OkResult).bits;
  return new OkResult(
    r.value,
    r.score + levels,
    r.state,
    r.shape,
    r.shape === 'scalar' || r.shape === 'null' ? bits | WEAK : bits,
  );
}

/** Two results that say the same thing about the same output value (by identity). */
export function sameOk(a: Result, b: Result): boolean {
  if (a === b) return true;
  if (!a.ok || !b.ok) return false;
  return (
    a.value === b.value &&
    a.score === b.score &&
    a.state === b.state &&
    a.shape === b.shape &&
    (a as OkResult).bits === (b as OkResult).bits
  );
}

/** A failed coercion. */
export interface Fail {
  ok: false;
  issue: Issue;
}

export type Result = Ok | Fail;
