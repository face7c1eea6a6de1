// The raw value tree: what stage A of schema-aligned parsing (spec §3.1–3.2) makes of the LLM's
// text before any type is applied. The scanner (this folder) builds it; the coercer
// (../coerce) turns it into a typed value.
//
// The contract that makes streaming linear:
// - A node whose `completion` is 'complete' (and every bool/null node) is never mutated again
//   and keeps its identity for the rest of the stream. The coercer may cache results on it.
// - An open node keeps its identity while it is open and is mutated in place as text arrives;
//   its `rev` increases whenever it or anything below it changes. Arrays and objects only grow
//   at the end: every item/entry but the last is complete or will never change again.
// - `AnyOf` roots list the candidates of §3.1 in the order the real implementation tries them.

export type Completion = 'complete' | 'incomplete';

interface RawNodeBase {
  /** Increases whenever this node or a descendant changes (0 for nodes created complete). */
  rev: number;
}

export interface RawString extends RawNodeBase {
  kind: 'string';
  value: string;
  completion: Completion;
}

export interface RawNumber extends RawNodeBase {
  kind: 'number';
  value: number;
  /** The number as written, e.g. "1.50" or "1e3". */
  text: string;
  completion: Completion;
}

export interface RawBool extends RawNodeBase {
  kind: 'bool';
  value: boolean;
}

export interface RawNull extends RawNodeBase {
  kind: 'null';
}

export interface RawEntry {
  key: string;
  value: RawValue;
}

export interface RawObject extends RawNodeBase {
  kind: 'object';
  entries: RawEntry[];
  completion: Completion;
}

export interface RawArray extends RawNodeBase {
  kind: 'array';
  items: RawValue[];
  completion: Completion;
}

/** A fenced code block, ```` ```tag … ``` ````, whose contents parsed to `inner`. */
export interface RawMarkdown extends RawNodeBase {
  kind: 'markdown';
  tag: string;
  inner: RawValue;
  completion: Completion;
}

/** A value the fixing parser had to repair, or that was grepped out of prose. */
export interface RawFixed extends RawNodeBase {
  kind: 'fixed';
  inner: RawValue;
  fixes: RawFix[];
}

export type RawFix = 'GreppedForJSON' | 'InferredArray';

/** Several readings of the same text; the coercer picks the best for the target type. */
export interface RawAnyOf extends RawNodeBase {
  kind: 'anyOf';
  candidates: RawValue[];
  /** The original text the candidates were read from. */
  text: string;
}

export type RawValue =
  | RawString
  | RawNumber
  | RawBool
  | RawNull
  | RawObject
  | RawArray
  | RawMarkdown
  | RawFixed
  | RawAnyOf;
