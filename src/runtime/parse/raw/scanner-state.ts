// The fixing scanner's state (./fixing-scanner.ts): the frames on its stack, the pending
// decision, the top-level values and what the last view showed. The scanner's parts (string
// reading and pending decisions, unquoted tokens, the end-of-text view) are functions over this
// state; the machine itself extends it and provides the few steps they call back.

import type { GrowingDedent } from './growing-dedent.js';
import type { RawArray, RawObject, RawString, RawValue } from './raw-value.js';

/** Containers nested deeper than this are skipped (the reference caps recursion at 100). */
export const MAX_DEPTH = 100;

export enum Pos {
  Nothing,
  Key,
  Value,
  Array,
}

export enum F {
  Object,
  Array,
  Str,
  Triple,
  Unquoted,
  LineComment,
  BlockComment,
}

export enum P {
  None,
  /** A quote in a string that may close it; `stage` 0 = right after, 1 = after blanks, 2 = after blanks + `/`. */
  QuoteClose,
  /** After `\` in a `"` string. */
  Escape,
  /** After `\u`: collecting up to 4 raw characters. */
  Unicode,
  /** After an opening `"` or `` ` ``, waiting to see whether two more make a triple quote. */
  Open,
  /** In a triple-quoted string after one closing-quote character. */
  TripleEnd,
  /** Characters to drop (after a triple-quote close). */
  Skip,
  /** After a `/` where a value may start: comment or not? */
  Slash,
  /** After `,` in an unquoted object value; `stage` 0 = right after, 1 = in the blank run. */
  UnquotedComma,
  /** In a block comment after `*`. */
  Star,
}

export interface ObjectFrame {
  t: F.Object;
  pos: Pos;
  node: RawObject;
  /** A key has been read and its value is awaited or open. */
  inValue: boolean;
  key: string;
  /** What the last view showed (see `ContainerSeen`). */
  seen: ContainerSeen;
}
export interface ArrayFrame {
  t: F.Array;
  pos: Pos;
  node: RawArray;
  seen: ContainerSeen;
}
/**
 * An open container as the last view showed it: its length and its last slot (the only one that
 * can change), by identity and `rev`, and the last entry's key. A view bumps the container's
 * `rev` only when one of these moved, so a push that changes nothing visible leaves the whole
 * spine's `rev`s as they were.
 */
export interface ContainerSeen {
  len: number;
  last: RawValue | null;
  lastRev: number;
  key: string;
}
export interface StrFrame {
  t: F.Str;
  pos: Pos;
  quote: number;
  content: string;
  /** Parity of unescaped `"` in the decoded content (reference's closing-quote count). */
  oddQuotes: boolean;
  /** Parity of the run of `\` at the end of the decoded content. */
  oddBackslashes: boolean;
  node: RawString | null;
}
export interface TripleFrame {
  t: F.Triple;
  pos: Pos;
  quote: number;
  content: string;
  node: RawString | null;
  /** The value while the string is open, kept up to date at the cost of the new text. */
  grow: GrowingDedent | null;
}
export interface UnquotedFrame {
  t: F.Unquoted;
  pos: Pos;
  /** Content up to its last non-blank character (tokens start at a non-blank one). */
  content: string;
  /** Blanks after `content`, kept apart so the token never needs trimming. */
  blanks: string;
  /** Characters examined after the first (for the end-of-input re-read quirk). */
  examined: number;
  lastExamined: number;
  node: RawValue | null;
  /** The token's first character. */
  firstCode: number;
  /** While the token is one run of one chunk: that chunk and the run (flat slices, no ropes). */
  source: string | null;
  sourceStart: number;
  sourceEnd: number;
}
export interface CommentFrame {
  t: F.LineComment | F.BlockComment;
  pos: Pos;
}
export type Frame =
  | ObjectFrame
  | ArrayFrame
  | StrFrame
  | TripleFrame
  | UnquotedFrame
  | CommentFrame;

export type Undo =
  | { kind: 'slot'; frame: ObjectFrame | ArrayFrame | null; node: RawValue }
  | { kind: 'pop'; frame: ObjectFrame | ArrayFrame | null };

/** The fixing parser's result for the text so far (spec §3.1 stage 4). */
export interface FixingResult {
  /** How many top-level values there are. */
  count: number;
  /** The first top-level value (what is kept when there is only one). */
  first: RawValue | undefined;
  /** Objects and arrays among them (what is kept when there are several values). */
  containers: RawValue[];
}

/** The fields every part of the scanner reads and writes, and the steps they call back. */
export abstract class ScannerState {
  readonly stack: Frame[] = [];
  readonly tops: RawValue[] = [];
  readonly topContainers: RawValue[] = [];
  pend: P = P.None;
  stage = 0;
  /** Raw characters held by the pending decision (after the undecided character). */
  held = '';
  heldBlanks = '';
  heldCount = 0;
  pendQuote = 0;
  sawSlashInBlanks = false;
  anythingButBlank = false;
  readonly undo: Undo[] = [];
  skipDepth = 0;
  containerDepth = 0;
  finished = false;
  /** Set when anything visible may have changed since the last `view()`. */
  dirty = true;
  cachedView: FixingResult | null = null;
  finalView: FixingResult | null = null;
  readonly viewContainers: RawValue[] = [];
  readonly extraTops: RawValue[] = [];
  shownRoot: RawValue | undefined = undefined;
  finalValues: RawValue[] | null = null;
  /** True once content nested deeper than `MAX_DEPTH` was dropped. */
  skippedDeepContent = false;
  /**
   * A closed string frame kept for the next string, and the same for unquoted tokens: strings
   * and tokens never nest, so one spare of each saves an allocation per key and per value.
   * Nothing keeps a frame once it is popped (undo records hold only container frames).
   */
  spareStr: StrFrame | null = null;
  spareUnquoted: UnquotedFrame | null = null;
  tentativeTop: RawValue | null = null;
  /** The last tentative leaf shown (see `reuseShown`). */
  lastShown: RawValue | null = null;

  abstract closeTop(): void;

  abstract currentPos(): Pos;

  abstract openString(quote: number): StrFrame;

  abstract openTriple(quote: number): void;

  abstract openUnquoted(first: string, at: number, source: string | null): UnquotedFrame;

  abstract parentContainer(depthFromTop: number): ObjectFrame | ArrayFrame | null;

  abstract refeed(text: string): void;

  abstract replaceSlot(parent: ObjectFrame | ArrayFrame | null, node: RawValue): RawValue | null;
}
