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
import {
  anyOf,
  fixingStage,
  MAX_PARSE_DEPTH,
  type StageOptions,
  stringValue,
} from './candidate-stages.js';
import { FixingScanner } from './fixing-scanner.js';
import { JsonSpanTracker } from './json-span-tracker.js';
import { MarkdownTracker } from './markdown-tracker.js';
import type { RawValue } from './raw-value.js';
import type { StageParserLike } from './stage-parser-like.js';
import { StrictJsonTracker } from './strict-json-tracker.js';
import { strictJsonTree } from './strict-json-tree.js';

/** Incremental `parse_func` for one piece of text in one mode. */
export class StageParser implements StageParserLike {
  private text = '';
  private readonly strict = new StrictJsonTracker();
  private strictTree: RawValue | null = null;
  private readonly markdown: MarkdownTracker | null;
  private readonly spans: JsonSpanTracker | null;
  private scanner: FixingScanner | null = null;
  private readonly tooDeep: boolean;

  constructor(private readonly options: StageOptions) {
    this.tooDeep = options.depth >= MAX_PARSE_DEPTH;
    const make = (o: StageOptions): StageParserLike => new StageParser(o);
    this.markdown = options.markdown && !this.tooDeep ? new MarkdownTracker(options, make) : null;
    this.spans = options.allJsonObjects && !this.tooDeep ? new JsonSpanTracker(options, make) : null;
  }

  /** Feeds text. */
  push(chunk: string): void {
    if (this.tooDeep || chunk.length === 0) return;
    this.text += chunk;
    if (!this.strict.dead) {
      this.strict.push(chunk);
      if (this.strictTree !== null && !isBlank(chunk)) this.strictTree = null;
    }
    this.markdown?.push(chunk);
    this.spans?.push(chunk);
    this.scanner?.push(chunk);
  }

  /** The reference's `parse_func(text so far, mode, isDone)`; null for its error. */
  result(isDone: boolean): RawValue | null {
    if (this.tooDeep) return null;
    const text = this.text;
    if (this.strict.accepting) return anyOf([this.strictValue()], text);
    if (this.markdown?.active) {
      const v = this.markdown.result(text);
      if (v !== null) return v;
    }
    if (this.spans !== null) {
      const v = this.spans.result(text);
      if (v !== null) return v;
    }
    const fixed = fixingStage(this.fixing().view(), text);
    if (fixed !== null) return fixed;
    return this.options.asString ? stringValue(text, isDone) : null;
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
