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
 * The first opening fence at or after `from` (a line start), and every closing fence after it.
 *
 * @example
 * findFences('x\n```json\n{}\n```\n', 0); // open {start: 2, end: 10, tag: 'json'}, closes [{start: 13, end: 17}]
 */
export function findFences(text: string, from: number): { open: OpeningFence | null; closes: ClosingFence[] } {
  let line = from;
  while (line <= text.length) {
    const open = openingFenceAt(text, line);
    if (open !== null) {
      const closes: ClosingFence[] = [];
      let l = open.end;
      while (l <= text.length) {
        const close = closingFenceAt(text, l);
        if (close !== null) closes.push(close);
        const nl = text.indexOf('\n', l);
        if (nl < 0) break;
        l = nl + 1;
      }
      return { open, closes };
    }
    const nl = text.indexOf('\n', line);
    if (nl < 0) break;
    line = nl + 1;
  }
  return { open: null, closes: [] };
}

/** Matches the opening-fence regex at line start `at`. */
export function openingFenceAt(text: string, at: number): OpeningFence | null {
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
export function closingFenceAt(text: string, at: number): ClosingFence | null {
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
