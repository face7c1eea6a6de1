// The front door of stage A: `RawParser` (incremental) and `parseRaw` (one-shot).
// See stage-parser.ts for how each candidate stage is tracked as text streams in.
import * as stagesModule from './candidate-stages.js';
import type { RawValue } from './raw-value.js';
import { RevChain, refreshRevsChained, stabilize } from './stable-wrappers.js';
import { StageParser } from './stage-parser.js';

// Local bindings: some loaders (tsx's CJS interop) read every use of an imported binding
// through a getter, measurable when called on every `root()`.
const { simplify, stringValue, TOP_LEVEL } = stagesModule;

/**
 * Feeds an LLM reply chunk by chunk and hands out the candidate tree for the text so far: the
 * tree the reference's stage A (`from_str(text, isDone)`) builds, produced without re-reading
 * the text.
 *
 * @example
 * const p = new RawParser();
 * p.push('{"name": "Al');
 * p.root(); // AnyOf[FixedJson(AnyOf[FixedJson({name: "Al"…})], GreppedForJSON)]
 * p.push('ice"}');
 * p.finish();
 * p.root(); // AnyOf[{name: "Alice"}]
 */
export class RawParser {
  private readonly stages = new StageParser(TOP_LEVEL);
  private finished = false;
  private last: RawValue | null = null;
  private changed = true;
  private readonly chain = new RevChain();

  /** All text pushed so far. */
  get text(): string {
    return this.stages.textValue;
  }

  /** Feeds more text; work is proportional to the chunk (plus small bounded look-ahead). */
  push(chunk: string): void {
    if (this.finished) throw new Error('RawParser: push after finish');
    if (chunk.length === 0) return;
    this.stages.push(chunk);
    this.changed = true;
  }

  /** Ends the input: everything still open stays Incomplete and the text counts as done. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.changed = true;
  }

  /** The candidate tree for all text so far (cheap to call again when nothing changed). */
  root(): RawValue {
    if (!this.changed && this.last !== null) return this.last;
    const text = this.text;
    const fresh = simplify(
      this.stages.result(this.finished) ?? stringValue(text, this.finished),
      text,
    );
    // (usually the same root as last time: its wrappers are kept by the stages' memos)
    if (fresh !== this.last) this.last = stabilize(fresh, this.last);
    refreshRevsChained(this.last, this.chain);
    this.changed = false;
    return this.last;
  }
}

/** One-shot stage A: `new RawParser()`, `push(text)`, `finish()` if `isDone`, `root()`. */
export function parseRaw(text: string, isDone: boolean): RawValue {
  const parser = new RawParser();
  parser.push(text);
  if (isDone) parser.finish();
  return parser.root();
}
