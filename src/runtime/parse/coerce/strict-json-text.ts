// What `JSON.parse` hides about a text it accepted: how many `key: value` entries the objects
// hold (duplicate keys collapse into one property, so fewer properties than entries means a
// duplicate), and whether a string holds a `\u` escape of a lone surrogate (JSON.parse keeps
// it; serde's reading, and so our strict-JSON stage, rejects the whole document). Used by the
// strict-JSON fast path (strict-json-cast.ts).
//
// Without any `\u` escape in the text, every colon in a string decodes to one colon of the
// parsed string, so the entries are the text's colons minus those of the parsed strings (keys
// included): `countColons` on the text and on each string, cheaper than reading every
// character. With `\u` escapes (rare in answers), `scanJsonText` reads the characters.

/** The number of `:` in `s`. */
export function countColons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i !== -1; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** Returned by `scanJsonText` for a lone surrogate escape. */
const LONE_SURROGATE = -1;

/**
 * The number of object entries in `text`, which must be valid JSON (JSON.parse accepted it),
 * or LONE_SURROGATE when a `\u` escape is a surrogate that is not a lead directly followed by
 * a trail escape.
 *
 * @example scanJsonText('{"a": {"b:": 1, "b:": 2}}') // 3
 * @example scanJsonText('["\\ud800"]') // LONE_SURROGATE
 */
export function scanJsonText(text: string): number {
  let entries = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inString = !inString;
    else if (c === 58) {
      if (!inString) entries++;
    } else if (c === 92) {
      // Valid JSON has backslashes only inside strings, each starting an escape: skip the
      // escaped character (so `\"` and `\\` never toggle or escape anything).
      i++;
      if (text.charCodeAt(i) !== 117) continue;
      const u = hex4(text, i + 1);
      if (u < 0xd800 || u > 0xdfff) {
        i += 4;
        continue;
      }
      if (u >= 0xdc00) return LONE_SURROGATE;
      if (text.charCodeAt(i + 5) !== 92 || text.charCodeAt(i + 6) !== 117) return LONE_SURROGATE;
      const trail = hex4(text, i + 7);
      if (trail < 0xdc00 || trail > 0xdfff) return LONE_SURROGATE;
      i += 10;
    }
  }
  return entries;
}

/** The value of the four hex digits at `at` (valid JSON guarantees there are four). */
function hex4(text: string, at: number): number {
  return Number.parseInt(text.slice(at, at + 4), 16);
}
