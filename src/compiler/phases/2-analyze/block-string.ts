/**
 * The value of a block string outside prompts (descriptions, config values): the first and last
 * line are dropped when blank, the common indentation is removed and the result is trimmed, as
 * BAML does. Prompts and template strings keep their raw text; the runtime dedents those.
 *
 * @example
 * blockStringValue('\n    multi\n    line\n  '); // 'multi\nline'
 */
export function blockStringValue(raw: string): string {
  const lines = raw.split('\n');
  if (lines.length > 1 && (lines[0] ?? '').trim() === '') lines.shift();
  if (lines.length > 1 && (lines[lines.length - 1] ?? '').trim() === '') lines.pop();
  let indent = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '') continue;
    let i = 0;
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    indent = Math.min(indent, i);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return lines
    .map((line) => line.slice(Math.min(indent, line.length)))
    .join('\n')
    .trim();
}
