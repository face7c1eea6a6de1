/** A half-open range of UTF-16 offsets `[start, end)` into one source file's text. */
export interface Span {
  start: number;
  end: number;
}

/** The smallest span covering both `a` and `b`. */
export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
