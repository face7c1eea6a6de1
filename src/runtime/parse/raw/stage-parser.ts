// One nested parse of stage A (the reference's `parse_func` for one piece of text and one
// parsing mode), kept up to date as text streams in.
//
// How each stage of spec §3.1 is tracked:
// 1. strict JSON: `StrictJsonTracker` validates every character once and switches itself off
//    at the first violation. When the text is one complete document it is parsed once with
//    `strictJsonTree` (kept while only blanks follow). An object or array is complete only at
//    its last bracket, after which any non-blank character kills the tracker for good, so this
//    happens once per stream (a bare top-level number is re-read per call; it is short).
// 2. markdown blocks: `MarkdownTracker` (only once a fence line appeared).
// 3. JSON in prose: `JsonSpanTracker` (each span gets a nested parser only while it is open).
// 4. the fixing parser: a `FixingScanner`, created the first time stage 4 is needed (it then
//    reads the text so far once) and fed from then on.
// 5. the text as a string.
// So an ordinary reply beginning with `{` runs the strict tracker, the bracket counter and
// one fixing scanner (inside the span's nested parser).

import type { StageOptions } from './candidate-stages.js';
import * as stagesModule from './candidate-stages.js';
import { FixingScanner } from './fixing-scanner.js';
import { JsonSpanTracker } from './json-span-tracker.js';
import { MarkdownTracker } from './markdown-tracker.js';
import type { RawValue } from './raw-value.js';
import type { StageParserLike } from './stage-parser-like.js';
import { StrictJsonTracker } from './strict-json-tracker.js';
import { strictJsonTree } from './strict-json-tree.js';
import { TextBuffer } from './text-buffer.js';
import { WrapperMemo } from './wrapper-memo.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding
// through a getter, measurable when called on every `root()`.
const { fixingStage, MAX_PARSE_DEPTH } = stagesModule;

/** Incremental `parse_func` for one piece of text in one mode. */
export class StageParser implements StageParserLike {
  /** The text so far, unless it is the parent's (see `parent`). */
  private readonly ownText = new TextBuffer();
  /** How much text was pushed (kept while the text is the parent's). */
  private length = 0;
  private strict: StrictJsonTracker | null = null;
  private strictTree: RawValue | null = null;
  private markdown: MarkdownTracker | null = null;
  private spans: JsonSpanTracker | null = null;
  private scanner: FixingScanner | null = null;
  private readonly tooDeep: boolean;
  /** Whether the text so far contains three backticks (before that stage 2 has nothing). */
  private sawFence = false;
  /** Backticks at the end of the text so far (a fence may straddle chunks). */
  private trailingTicks = 0;
  private readonly memo = new WrapperMemo();
  private readonly strictMemo = new WrapperMemo();
  private readonly textSoFar = (): string => this.text;
  private readonly make = (o: StageOptions, sharesText: boolean): StageParserLike =>
    new StageParser(o, sharesText ? this : null);

  /**
   * @param parent when this parser reads exactly its parent's text (a span starting at offset
   *   0), that parent: its text, its strict-JSON verdict and its fence search are this parser's
   *   too, so the text is neither copied nor read twice (until `freeze`).
   */
  constructor(
    private readonly options: StageOptions,
    private parent: StageParser | null = null,
  ) {
    this.tooDeep = options.depth >= MAX_PARSE_DEPTH;
    if (this.tooDeep) this.parent = null; // its text stays empty
    this.fenceFromParent = this.parent?.options.markdown === true;
  }

  /** Whether the parent's fence search stands for this parser's (same text, parent searches). */
  private fenceFromParent: boolean;

  /** Whether the text so far contains three backticks. */
  private fenceSeen(): boolean {
    return this.fenceFromParent && this.parent !== null ? this.parent.fenceSeen() : this.sawFence;
  }

  /** The span this parser reads is closed: stop borrowing the parent's text and verdicts. */
  freeze(): void {
    const parent = this.parent;
    if (parent === null) return;
    const whole = parent.text;
    const text = whole.length === this.length ? whole : whole.slice(0, this.length);
    this.ownText.reset(text);
    // the parent may already have read past the span's end: search the span's own text
    if (this.fenceFromParent && parent.fenceSeen()) this.sawFence = this.findFence(text);
    this.parent = null;
    this.fenceFromParent = false;
  }

  /** The text so far. */
  private get text(): string {
    return this.parent === null ? this.ownText.value : this.parent.text;
  }

  /**
   * Feeds text. Components that exist are fed now; the others are created the first time a
   * result needs them and then read the text so far once (so pushing without asking for
   * results costs little more than keeping the text).
   */
  push(chunk: string): void {
    if (this.tooDeep || chunk.length === 0) return;
    this.length += chunk.length;
    if (this.parent === null) this.ownText.append(chunk);
    if (this.strict !== null && !this.strict.dead) {
      this.strict.push(chunk);
      if (this.strictTree !== null && !isBlank(chunk)) this.strictTree = null;
    } else if (this.strictTree !== null) {
      this.strictTree = null;
    }
    if (!this.sawFence && this.options.markdown && !this.fenceFromParent)
      this.sawFence = this.findFence(chunk);
    this.markdown?.push(chunk);
    this.spans?.push(chunk);
    this.scanner?.push(chunk);
  }

  /** Tracks runs of backticks across chunks; true once three in a row were seen. */
  private findFence(chunk: string): boolean {
    let i = chunk.indexOf('`');
    if (i < 0) {
      this.trailingTicks = 0;
      return false;
    }
    let run = i === 0 ? this.trailingTicks : 0;
    for (; i < chunk.length; i++) {
      if (chunk.charCodeAt(i) === 96) {
        if (++run === 3) return true;
      } else {
        run = 0;
      }
    }
    this.trailingTicks = run;
    return false;
  }

  /** The text fed so far. */
  get textValue(): string {
    return this.text;
  }

  /** The reference's `parse_func(text so far, mode, isDone)`; null for its error. */
  result(isDone: boolean): RawValue | null {
    if (this.tooDeep) return null;
    const text = this.text;
    if (this.strictAccepts()) return this.strictMemo.anyOf([this.strictValue()], text);
    if (this.options.markdown && this.fenceSeen()) {
      if (this.markdown === null) {
        this.markdown = new MarkdownTracker(this.options, this.make, this.textSoFar);
        this.markdown.push(text);
      }
      if (this.markdown.active) {
        const v = this.markdown.result(text);
        if (v !== null) return v;
      }
    }
    if (this.options.allJsonObjects) {
      if (this.spans === null) {
        this.spans = new JsonSpanTracker(this.options, this.make, this.textSoFar);
        this.spans.push(text);
      }
      const v = this.spans.result(text);
      if (v !== null) return v;
    }
    const fixed = fixingStage(this.fixing().view(), text, this.memo);
    if (fixed !== null) return fixed;
    return this.options.asString ? this.memo.wholeText(text, isDone) : null;
  }

  private strictAccepts(): boolean {
    if (this.parent !== null) return this.parent.strictAccepts();
    if (this.strict === null) {
      this.strict = new StrictJsonTracker();
      this.strict.push(this.text);
    }
    return this.strict.accepting;
  }

  private fixing(): FixingScanner {
    if (this.scanner === null) {
      this.scanner = new FixingScanner();
      this.scanner.push(this.text);
    }
    return this.scanner;
  }

  private strictValue(): RawValue {
    // Not shared with the fixing scanner's tree: for valid JSON the two readings still differ
    // (compact `1,"b"` after a number, `\r` after a quote, escaped quotes and commas, `\u`).
    if (this.strictTree === null) this.strictTree = strictJsonTree(this.text);
    return this.strictTree;
  }
}

function isBlank(chunk: string): boolean {
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}
