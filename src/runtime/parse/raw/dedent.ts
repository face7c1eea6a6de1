// Dedent for triple-quoted and triple-backtick string values (spec §3.2). The reference removes
// the indentation common to all non-blank lines; the recorded cases show the result with the
// leading newline (right after `"""`) and the trailing blank line (before the closing `"""`)
// gone, so blank edges are trimmed too.
import { isWhitespace } from './char-codes.js';

/** Removes the common indentation of the non-blank lines, then blank leading/trailing lines. */
export function dedent(text: string): string {
  const lines = text.split('\n');
  let common = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    let indent = 0;
    while (indent < line.length && isWhitespace(line.charCodeAt(indent))) indent++;
    if (indent === line.length) continue; // blank lines do not count
    if (indent < common) common = indent;
  }
  if (common === Number.POSITIVE_INFINITY) common = 0;
  const out = lines.map((line) => {
    let indent = 0;
    while (indent < line.length && indent < common && isWhitespace(line.charCodeAt(indent)))
      indent++;
    return line.slice(indent);
  });
  while (out.length > 0 && isBlank(out[0] ?? '')) out.shift();
  while (out.length > 0 && isBlank(out[out.length - 1] ?? '')) out.pop();
  return out.join('\n');
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isWhitespace(line.charCodeAt(i))) return false;
  return true;
}
