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

/**
 * Builds a result. Every result has the same properties in the same order, so the engine sees
 * one object shape wherever results are read (mixed shapes make every property read slow).
 */
const NO_MARKERS: OkMarkers = Object.freeze({});

export function okResult(
  value: unknown,
  score: number,
  state: CompletionState,
  mustBeDone: boolean,
  shape: Ok['shape'],
  m: OkMarkers = NO_MARKERS,
): Ok {
  return {
    ok: true,
    value,
    score,
    state,
    mustBeDone,
    shape,
    singleToArray: m.singleToArray ?? false,
    markdownFirst: m.markdownFirst ?? false,
    listErrors: m.listErrors ?? false,
    empty: m.empty ?? false,
    impliedString: m.impliedString ?? false,
    allDefaults: m.allDefaults ?? false,
    weak: m.weak ?? false,
    inferedFromString: m.inferedFromString ?? false,
  };
}

/** A copy of `r` with some properties changed (same shape). */
export function withChanges(r: Ok, c: Partial<Omit<Ok, 'ok'>>): Ok {
  return {
    ok: true,
    value: 'value' in c ? c.value : r.value,
    score: c.score ?? r.score,
    state: c.state ?? r.state,
    mustBeDone: c.mustBeDone ?? r.mustBeDone,
    shape: c.shape ?? r.shape,
    singleToArray: c.singleToArray ?? r.singleToArray,
    markdownFirst: c.markdownFirst ?? r.markdownFirst,
    listErrors: c.listErrors ?? r.listErrors,
    empty: c.empty ?? r.empty,
    impliedString: c.impliedString ?? r.impliedString,
    allDefaults: c.allDefaults ?? r.allDefaults,
    weak: c.weak ?? r.weak,
    inferedFromString: c.inferedFromString ?? r.inferedFromString,
  };
}

/**
 * The result of an AnyOf candidate as the AnyOf's own: one more point (one per AnyOf, through
 * `levels` nested ones), and a scalar is weak.
 */
export function scoredCandidate(r: Ok, levels = 1): Ok {
  return {
    ok: true,
    value: r.value,
    score: r.score + levels,
    state: r.state,
    mustBeDone: r.mustBeDone,
    shape: r.shape,
    singleToArray: r.singleToArray,
    markdownFirst: r.markdownFirst,
    listErrors: r.listErrors,
    empty: r.empty,
    impliedString: r.impliedString,
    allDefaults: r.allDefaults,
    weak: r.shape === 'scalar' || r.shape === 'null' ? true : r.weak,
    inferedFromString: r.inferedFromString,
  };
}

/** Two results that say the same thing about the same output value (by identity). */
export function sameOk(a: Result, b: Result): boolean {
  if (a === b) return true;
  if (!a.ok || !b.ok) return false;
  return (
    a.value === b.value &&
    a.score === b.score &&
    a.state === b.state &&
    a.mustBeDone === b.mustBeDone &&
    a.shape === b.shape &&
    a.singleToArray === b.singleToArray &&
    a.markdownFirst === b.markdownFirst &&
    a.listErrors === b.listErrors &&
    a.empty === b.empty &&
    a.impliedString === b.impliedString &&
    a.allDefaults === b.allDefaults &&
    a.weak === b.weak &&
    a.inferedFromString === b.inferedFromString
  );
}

/** A failed coercion. */
export interface Fail {
  ok: false;
  issue: Issue;
}

export type Result = Ok | Fail;
