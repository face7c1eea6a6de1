import type { LineIndex } from './line-index.js';
import type { Span } from './span.js';

/**
 * Renders the source line holding `span.start` with a caret run under the span (clipped to that
 * line), in the style of rustc/tsc:
 *
 * @example
 *   3 |   age integer
 *     |       ^^^^^^^
 */
export function codeFrame(index: LineIndex, span: Span): string {
  const start = index.locate(span.start);
  const end = index.locate(Math.max(span.start, span.end));
  const text = index.lineText(start.line).replace(/\t/g, ' ');
  const lastColumn = end.line === start.line ? end.column : text.length + 1;
  const width = Math.max(1, lastColumn - start.column);
  const gutter = String(start.line);
  const pad = ' '.repeat(gutter.length);
  return [
    `${gutter} | ${text}`,
    `${pad} | ${' '.repeat(start.column - 1)}${'^'.repeat(width)}`,
  ].join('\n');
}
