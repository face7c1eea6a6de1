// Fence lines for stage 2 (spec §3.1). The reference uses two multi-line regexes:
//   opening: ^[ \t]*```([A-Za-z0-9 ]+)(?:\n|$)    closing: ^[ \t]*```(?:\n|$)
// Lines start at the beginning of the searched text and after every `\n` (not `\r`), so a
// CRLF fence is not a fence. Untagged opening fences are not recognised.

/** An opening fence line: where it starts, where its content starts, and its tag. */
export interface OpeningFence {
  start: number;
  end: number;
  tag: string;
}

/** A closing fence line: content ends at `start`, text resumes at `end`. */
export interface ClosingFence {
  start: number;
  end: number;
}

/**
 * The first opening fence on a line starting at or after `from` (itself a line start).
 *
 * @example
 * findOpeningFence('x\n```json\n{}\n```\n', 0); // {start: 2, end: 10, tag: 'json'}
 */
export function findOpeningFence(text: string, from: number): OpeningFence | null {
  let line = from;
  while (line <= text.length) {
    const open = openingFenceAt(text, line);
    if (open !== null) return open;
    const nl = text.indexOf('\n', line);
    if (nl < 0) return null;
    line = nl + 1;
  }
  return null;
}

/** The first closing fence on a line starting at or after `from` (itself a line start). */
export function findClosingFence(text: string, from: number): ClosingFence | null {
  let line = from;
  while (line <= text.length) {
    const close = closingFenceAt(text, line);
    if (close !== null) return close;
    const nl = text.indexOf('\n', line);
    if (nl < 0) return null;
    line = nl + 1;
  }
  return null;
}

/** Matches the opening-fence regex at line start `at`. */
function openingFenceAt(text: string, at: number): OpeningFence | null {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (!text.startsWith('```', i)) return null;
  i += 3;
  const tagStart = i;
  while (i < text.length && isTagChar(text.charCodeAt(i))) i++;
  if (i === tagStart) return null;
  const tag = text.slice(tagStart, i).trim();
  if (i === text.length) return { start: at, end: i, tag };
  if (text.charCodeAt(i) !== 10) return null;
  return { start: at, end: i + 1, tag };
}

/** Matches the closing-fence regex at line start `at`. */
function closingFenceAt(text: string, at: number): ClosingFence | null {
  let i = at;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (!text.startsWith('```', i)) return null;
  i += 3;
  if (i === text.length) return { start: at, end: i };
  if (text.charCodeAt(i) !== 10) return null;
  return { start: at, end: i + 1 };
}

function isTagChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 32;
}
