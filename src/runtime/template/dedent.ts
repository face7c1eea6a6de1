/**
 * Removes the smallest common leading whitespace of the non-blank lines (spec §2.1 step 1).
 * Blank lines do not count towards the minimum and lose whatever whitespace they have up to it.
 *
 * @example
 * dedent('\n    a\n      b\n  ') // '\na\n  b\n'
 */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let min = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = line.length - line.trimStart().length;
    if (indent < min) min = indent;
  }
  if (!Number.isFinite(min) || min === 0) return text;
  return lines
    .map((line) => (line.trim() === '' ? line.slice(Math.min(min, line.length)) : line.slice(min)))
    .join('\n');
}
