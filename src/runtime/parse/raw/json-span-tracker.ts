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

import type { StageOptions } from './candidate-stages.js';
import * as stagesModule from './candidate-stages.js';
import { GrowingCandidates } from './growing-candidates.js';
import type { RawFixed, RawValue } from './raw-value.js';
import { refreshRevs } from './stable-wrappers.js';
import type { StageParserLike } from './stage-parser-like.js';
import { WrapperMemo } from './wrapper-memo.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding
// through a getter, measurable when called on every `root()`.
const { completeDeeply, jsonSpanMode, parseStages, shapeJsonSpans1 } = stagesModule;

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
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      let c = chunk.charCodeAt(i);
      // only brackets matter: skip everything else in a tight loop (`{[]}` are 91, 93, 123, 125)
      while ((c & 0xdf) !== 91 && (c & 0xdf) !== 93 && i + 1 < n) c = chunk.charCodeAt(++i);
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
    const closed = this.closedResults();
    const tail = this.stack.length > 0 && this.tail !== null ? this.tail.result(false) : null;
    const count = closed.length + (tail === null ? 0 : 1);
    if (count === 0) return null;
    if (count === 1) return shapeJsonSpans1(tail ?? (closed[0] as RawValue), text, this.memo);
    const last = closed[closed.length - 1] as RawValue;
    return this.shaper.shape(closed, tail === null ? last : this.completed(last), tail, text);
  }

  private readonly shaper = new SpanShaper();

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

/**
 * The stage's result for two or more spans: `AnyOf[Grep(s1) … Grep(sn), Grep([s1 … sn])]`, kept
 * up to date in place (see `GrowingCandidates`). Every span but the last closed one and the open
 * tail is frozen, so each call only appends newly closed spans and redoes the last two slots.
 * The `rev` of the wrappers in the changing slots is kept here too.
 */
class SpanShaper {
  private readonly growing = new GrowingCandidates();
  private readonly allWrapper: RawFixed = {
    kind: 'fixed',
    inner: this.growing.all,
    fixes: GREPPED,
    rev: 0,
  };
  private readonly wrappers = new WeakMap<RawValue, RawFixed>();
  private lastSpan: RawValue | null = null;
  private lastRev = -1;
  private tailSpan: RawValue | null = null;
  private tailRev = -1;

  /**
   * @param closed every closed span's result (only grows)
   * @param last what the last closed span shows (itself, or its completed copy)
   * @param tail the open span's result, if any
   */
  shape(closed: RawValue[], last: RawValue, tail: RawValue | null, text: string): RawValue {
    const frozen = closed.length - 1;
    const growing = this.growing;
    refreshRevs(last);
    if (tail !== null) refreshRevs(tail);
    const lastWrapper = this.wrap(last);
    refreshRevs(lastWrapper);
    const tailWrapper = tail === null ? null : this.wrap(tail);
    if (tailWrapper !== null) refreshRevs(tailWrapper);
    const changed =
      frozen !== growing.frozen ||
      last !== this.lastSpan ||
      last.rev !== this.lastRev ||
      tail !== this.tailSpan ||
      (tail !== null && tail.rev !== this.tailRev);
    if (changed) {
      growing.reopen();
      for (let i = growing.frozen; i < frozen; i++) {
        const span = closed[i] as RawValue;
        growing.add(span, this.wrap(span), true);
      }
      growing.add(last, lastWrapper, false);
      if (tail !== null && tailWrapper !== null) growing.add(tail, tailWrapper, false);
      growing.addCandidate(this.allWrapper);
      this.lastSpan = last;
      this.lastRev = last.rev;
      this.tailSpan = tail;
      this.tailRev = tail === null ? -1 : tail.rev;
      this.allWrapper.rev++;
    }
    return growing.finish(changed, text);
  }

  private wrap(span: RawValue): RawFixed {
    let w = this.wrappers.get(span);
    if (w === undefined) {
      w = { kind: 'fixed', inner: span, fixes: GREPPED, rev: 0 };
      this.wrappers.set(span, w);
    }
    return w;
  }
}

const GREPPED: RawFixed['fixes'] = ['GreppedForJSON'];
