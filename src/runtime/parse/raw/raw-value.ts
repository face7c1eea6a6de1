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
//
// Refinements by the scanner (additive; the shapes below are unchanged):
// - The *last* item/entry of an open container, and the root, may be a different node from one
//   `root()` to the next: what the text means if it ended *now* (a quote that may close its
//   string, an unquoted token that is `tr` now and `true` later, a comma that may end an
//   unquoted value) is shown as a separate node and withdrawn if more text changes the
//   reading. Such a node is never mutated afterwards, complete or not; the next call shows a
//   different node in that slot instead (`[tr` shows `["tr"~]`, `[true` then `[true]`).
// - Wrappers (AnyOf, FixedJson, Markdown, and the "all of them" arrays the stages add) are
//   open nodes until `finish()`: they keep identity while their candidates keep identity, and
//   an AnyOf's `text` grows with the stream. With several JSON spans or several code blocks,
//   the stage's AnyOf and its "all of them" array are one object each for the whole stream and
//   are mutated in place: only their last slots change (the last closed span, the open span or
//   block, the array, the text after the last block); earlier slots are frozen. A Markdown
//   node's `completion` may change in place while its block is open.
// - `rev` is reliable on every node, wrappers included: a node handed out by `root()` again
//   (same object) whose content changed since it was last handed out (a descendant's value,
//   a child replaced, a candidate added, an AnyOf's `text`, a completion) has a larger `rev`.
//   So a consumer may skip a subtree whose root has the same identity and `rev` as last time.
//   (Checked on every partial by tests/parse-raw/rev-contract.test.ts.)
// - When the whole text is one valid JSON document, the strict-JSON candidate is parsed on
//   its own (serde's reading differs from the fixing parser's, e.g. for `\u` escapes and
//   compact `1,"b"`), so the final tree's nodes are new objects, not the streamed ones.
// - `RawFix` 'InferredArray' is never produced: the reference's all-strings branch never fires.

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

export type RawScalar = RawString | RawNumber | RawBool | RawNull;

export function isScalar(value: RawValue): value is RawScalar {
  const kind = value.kind;
  return kind === 'string' || kind === 'number' || kind === 'bool' || kind === 'null';
}

/**
 * A scalar as BAML writes it unquoted: a string's content, a number as written, `true`,
 * `false`, `null` (a key read from a non-string value; JsonToString of a scalar).
 */
export function scalarText(value: RawScalar): string {
  if (value.kind === 'number') return value.text;
  return value.kind === 'null' ? 'null' : String(value.value);
}
