// Stage 3 of spec §3.1 (JSON objects and arrays grepped from prose), tracked as text streams.
//
// The reference counts brackets without looking at quotes, re-parses every balanced top-level
// span on its own, and parses an unbalanced tail at the end. Here the counting is incremental;
// the span being read has its own nested stage parser fed as text arrives, and its result is
// frozen when the span closes (a closed span's text never changes again). A closing bracket
// with nothing open makes the reference re-parse from the start of the last span (or of the
// text): that one-shot re-parse is the only re-read, and its total size is capped at
// `STRAY_BUDGET_FACTOR` times the text length (beyond that such spans are skipped: a
// deliberate deviation on pathological input such as thousands of stray `}`).
import {
  completeDeeply,
  jsonSpanMode,
  parseStages,
  type StageOptions,
  shapeJsonSpans,
  shapeJsonSpans1,
} from './candidate-stages.js';
import type { RawValue } from './raw-value.js';
import type { StageParserLike } from './stage-parser-like.js';
import { WrapperMemo } from './wrapper-memo.js';

const STRAY_BUDGET_FACTOR = 4;
const STRAY_BUDGET_FLOOR = 1 << 16;

/** Incremental stage 3. */
export class JsonSpanTracker {
  private readonly stack: number[] = [];
  private start = -1;
  private failed = false;
  /** Closed spans: their frozen parser (result computed on first use) or their result. */
  private readonly found: Array<StageParserLike | RawValue | null> = [];
  private readonly memo = new WrapperMemo();
  private tail: StageParserLike | null = null;
  private readonly completedLast = new WeakMap<RawValue, RawValue>();
  private strayWork = 0;
  private length = 0;

  constructor(
    private readonly options: StageOptions,
    private readonly makeParser: (
      options: StageOptions,
      sharesParentText: boolean,
    ) => StageParserLike,
    /** The owner's text so far (read only for stray closers). */
    private readonly textSoFar: () => string,
  ) {}

  /** Feeds text. */
  push(chunk: string): void {
    if (this.failed) return;
    const base = this.length;
    this.length += chunk.length;
    let tailFrom = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 123 || c === 91) {
        if (this.stack.length === 0) {
          this.start = base + i;
          this.tail = this.makeParser(jsonSpanMode(this.options), base + i === 0);
          tailFrom = i;
        }
        this.stack.push(c);
      } else if (c === 125 || c === 93) {
        const last = this.stack[this.stack.length - 1];
        if (last === undefined) {
          this.strayCloser(base + i);
          continue;
        }
        if (last !== (c === 125 ? 123 : 91)) {
          this.failed = true;
          this.tail = null;
          return;
        }
        this.stack.pop();
        if (this.stack.length === 0 && this.tail !== null) {
          this.tail.push(chunk.slice(tailFrom, i + 1));
          this.tail.freeze?.();
          this.found.push(this.tail); // its result is worked out when first needed
          this.tail = null;
        }
      }
    }
    if (this.tail !== null && tailFrom < chunk.length) this.tail.push(chunk.slice(tailFrom));
  }

  /** A closer with nothing open: the reference re-parses from the last span start. */
  private strayCloser(at: number): void {
    const from = Math.max(0, this.start);
    const size = at + 1 - from;
    if (this.strayWork + size > STRAY_BUDGET_FACTOR * this.length + STRAY_BUDGET_FLOOR) return;
    this.strayWork += size;
    const v = parseStages(this.textSoFar().slice(from, at + 1), jsonSpanMode(this.options), false);
    this.found.push(v);
  }

  /** The stage result for the text so far, or null when the stage yields nothing. */
  result(text: string): RawValue | null {
    if (this.failed) return null;
    let found = this.closedResults();
    if (this.stack.length > 0 && this.tail !== null) {
      const v = this.tail.result(false);
      if (v !== null && found.length === 0) return shapeJsonSpans1(v, text, this.memo);
      if (v !== null) {
        found = found.slice();
        const lastIndex = found.length - 1;
        const last = found[lastIndex];
        if (last !== undefined) found[lastIndex] = this.completed(last);
        found.push(v);
      }
    }
    return shapeJsonSpans(found, text, this.memo);
  }

  private closedCache: RawValue[] = [];
  private closedUpTo = 0;

  /** Results of the closed spans (frozen parsers are asked once, errors dropped). */
  private closedResults(): RawValue[] {
    while (this.closedUpTo < this.found.length) {
      const entry = this.found[this.closedUpTo];
      this.closedUpTo++;
      if (entry === null || entry === undefined) continue;
      const v = 'kind' in entry ? entry : entry.result(false);
      if (v !== null) this.closedCache.push(v);
    }
    return this.closedCache;
  }

  private completed(value: RawValue): RawValue {
    let done = this.completedLast.get(value);
    if (done === undefined) {
      done = completeDeeply(value);
      this.completedLast.set(value, done);
    }
    return done;
  }
}
