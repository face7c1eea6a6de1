/** Leading whitespace of a line (Unicode whitespace, as Rust's `char::is_whitespace`). */
function leadingWhitespace(line: string): string {
  return /^\s*/u.exec(line)?.[0] ?? '';
}

/**
 * The value of a `#"…"#` block string, as BAML's parser computes it: leading line breaks and
 * trailing whitespace go; the longest whitespace prefix shared by the non-blank lines (compared
 * character by character, so tabs and spaces differ) is removed; whitespace-only lines become
 * empty; lines end with `\n` (a CRLF source reads as LF).
 *
 * @example
 * dedent('\r\n    a\r\n      b\r\n        \r\n    c\r\n  ') // 'a\n  b\n\nc'
 */
export function dedent(text: string): string {
  const body = text.replace(/^[\r\n]+/, '').trimEnd();
  // Rust's `str::lines`: split on \n and drop one \r before it.
  const lines = body.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  let prefix: string | undefined;
  for (const line of lines) {
    const ws = leadingWhitespace(line);
    if (ws.length === line.length) continue;
    if (prefix === undefined) {
      prefix = ws;
      continue;
    }
    let i = 0;
    while (i < prefix.length && i < ws.length && prefix[i] === ws[i]) i++;
    if (i < prefix.length) prefix = prefix.slice(0, i);
  }
  const cut = prefix ?? '';
  return lines
    .map((line) => (line.trim() !== '' && line.startsWith(cut) ? line.slice(cut.length) : ''))
    .join('\n');
}

/**
 * The second dedent BAML applies when it renders a prompt: the smallest count of leading
 * whitespace characters over the non-blank lines is cut from every line.
 */
export function renderDedent(text: string): string {
  const lines = text.split('\n');
  let min = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.trim() === '') continue;
    min = Math.min(min, leadingWhitespace(line).length);
  }
  if (!Number.isFinite(min) || min === 0) return text;
  return lines.map((line) => [...line].slice(min).join('')).join('\n');
}
