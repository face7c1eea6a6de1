// Helpers for comparing raw trees in tests: `plainTree` drops `rev` (a change counter, not part
// of the value) so trees compare structurally; `showRaw` prints a compact one-line form used by
// the fixture tables (`~` marks Incomplete).
import type { RawValue } from '../../src/runtime/parse/raw/index.js';

/** A structural copy without `rev`. */
export function plainTree(value: RawValue): unknown {
  switch (value.kind) {
    case 'string':
      return { kind: 'string', value: value.value, completion: value.completion };
    case 'number':
      return { kind: 'number', value: value.value, text: value.text, completion: value.completion };
    case 'bool':
      return { kind: 'bool', value: value.value };
    case 'null':
      return { kind: 'null' };
    case 'object':
      return {
        kind: 'object',
        entries: value.entries.map((e) => ({ key: e.key, value: plainTree(e.value) })),
        completion: value.completion,
      };
    case 'array':
      return { kind: 'array', items: value.items.map(plainTree), completion: value.completion };
    case 'markdown':
      return {
        kind: 'markdown',
        tag: value.tag,
        inner: plainTree(value.inner),
        completion: value.completion,
      };
    case 'fixed':
      return { kind: 'fixed', inner: plainTree(value.inner), fixes: value.fixes.slice() };
    case 'anyOf':
      return { kind: 'anyOf', candidates: value.candidates.map(plainTree), text: value.text };
  }
}

function mark(completion: string): string {
  return completion === 'incomplete' ? '~' : '';
}

/**
 * Compact notation: `"s"` strings, `12` numbers (as written), `true`, `null`, `{k:v}`,
 * `[a,b]`, `Fixed(v)` / `Grep(v)` (FixedJson without fixes / with GreppedForJSON),
 * `Md<tag>(v)`, `AnyOf[a, b]`; a `~` suffix marks Incomplete.
 */
export function showRaw(value: RawValue): string {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value) + mark(value.completion);
    case 'number':
      return value.text + mark(value.completion);
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'object':
      return `{${value.entries.map((e) => `${JSON.stringify(e.key)}:${showRaw(e.value)}`).join(',')}}${mark(value.completion)}`;
    case 'array':
      return `[${value.items.map(showRaw).join(',')}]${mark(value.completion)}`;
    case 'markdown':
      return `Md<${value.tag}>${mark(value.completion)}(${showRaw(value.inner)})`;
    case 'fixed':
      return `${value.fixes.includes('GreppedForJSON') ? 'Grep' : 'Fixed'}(${showRaw(value.inner)})`;
    case 'anyOf':
      return `AnyOf[${value.candidates.map(showRaw).join(', ')}]`;
  }
}

/** Every way to cut `text` in two, plus a few many-piece chunkings (deterministic). */
export function chunkings(text: string): string[][] {
  const out: string[][] = [[text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  for (const size of [1, 2, 3, 5, 8]) {
    if (size >= text.length) continue;
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
    out.push(pieces);
  }
  return out;
}
