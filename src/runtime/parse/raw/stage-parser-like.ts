// The face a nested stage parser shows to the trackers that own one (kept apart to avoid an
// import cycle between stage-parser.ts and the trackers it creates).
import type { RawValue } from './raw-value.js';

/** A nested incremental parse of a piece of the text (a span, a fenced block, the rest). */
export interface StageParserLike {
  push(chunk: string): void;
  /** The reference's `parse_func(text so far, mode, isDone)`; null for its error. */
  result(isDone: boolean): RawValue | null;
  /** No more text will come: drop what is only needed for feeding. */
  freeze?(): void;
  /** The text fed so far. */
  readonly textValue: string;
}
