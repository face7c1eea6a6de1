// The string matcher of spec §3.4, used for enums, string literals and their aliases and
// descriptions. Up to four rounds (as is, punctuation stripped, again, lower-cased); in each,
// exact equality, then equality without accents, then (if allowed) substring counting where
// the value with the most non-overlapping hits wins and a tie is an error.
import { stripAccents, stripPunctuation } from './text.js';

/** A value the matcher may return, with every string that counts as naming it. */
export interface MatchCandidate {
  value: string;
  accepted: string[];
}

export type MatchResult =
  | { ok: true; value: string; score: number }
  | { ok: false; ambiguous: boolean; counts: { value: string; count: number }[] };

const ROUNDS: ((s: string) => string)[] = [
  (s) => s,
  stripPunctuation,
  stripPunctuation,
  (s) => stripPunctuation(s).toLowerCase(),
];

interface Hit {
  start: number;
  end: number;
  index: number;
}

function occurrences(text: string, needle: string, index: number, into: Hit[]): void {
  if (needle === '') return;
  let at = text.indexOf(needle);
  while (at !== -1) {
    into.push({ start: at, end: at + needle.length, index });
    at = text.indexOf(needle, at + 1);
  }
}

/**
 * Matches `input` against the candidates; `substring` allows "The answer is TWO" → TWO.
 *
 * @example matchString('two', [{value: 'TWO', accepted: ['TWO']}], true) // { ok: true, value: 'TWO', score: 0 }
 */
export function matchString(
  input: string,
  candidates: MatchCandidate[],
  substring: boolean,
): MatchResult {
  const trimmed = input.trim();
  let lastCounts: { value: string; count: number }[] = [];
  for (const round of ROUNDS) {
    const text = round(trimmed);
    const accepted = candidates.map((c) => c.accepted.map(round));
    for (let i = 0; i < candidates.length; i++) {
      if (accepted[i]?.includes(text))
        return { ok: true, value: candidates[i]?.value ?? '', score: 0 };
    }
    const plainText = stripAccents(text);
    for (let i = 0; i < candidates.length; i++) {
      if (accepted[i]?.some((a) => stripAccents(a) === plainText)) {
        return { ok: true, value: candidates[i]?.value ?? '', score: 0 };
      }
    }
    if (!substring) continue;
    let hits: Hit[] = [];
    accepted.forEach((list, index) => {
      for (const a of list) occurrences(text, a, index, hits);
    });
    if (hits.length === 0) {
      accepted.forEach((list, index) => {
        for (const a of list) occurrences(plainText, stripAccents(a), index, hits);
      });
    }
    if (hits.length === 0) continue;
    hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
    const kept: Hit[] = [];
    let end = -1;
    for (const h of hits) {
      if (h.start < end) continue;
      kept.push(h);
      end = h.end;
    }
    hits = kept;
    const counts = new Map<number, number>();
    for (const h of hits) counts.set(h.index, (counts.get(h.index) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    lastCounts = ranked.map(([i, count]) => ({ value: candidates[i]?.value ?? '', count }));
    const [best, second] = ranked;
    if (best === undefined) continue;
    if (second !== undefined && second[1] === best[1])
      return { ok: false, ambiguous: true, counts: lastCounts };
    const total = ranked.length > 1 ? ranked.reduce((sum, [, c]) => sum + c, 0) : 0;
    return { ok: true, value: candidates[best[0]]?.value ?? '', score: 2 + total };
  }
  return { ok: false, ambiguous: false, counts: lastCounts };
}
