// Text helpers shared by the string matcher, key matching and JsonToString rendering.
import { isScalar, type RawValue, scalarText } from '../raw/raw-value.js';

const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
};

/** Removes accents: NFKD, drop combining marks, and the letters NFKD does not split (ß, æ, ø, œ). */
export function stripAccents(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    if (/\p{M}/u.test(ch)) continue;
    out += SPECIAL_LETTERS[ch] ?? ch;
  }
  return out;
}

/** Keeps letters, digits, `-` and `_` (whitespace goes too, as in BAML's matcher). */
export function stripPunctuation(s: string): string {
  return s.replace(/[^\p{L}\p{N}_-]/gu, '');
}

/**
 * Renders a raw value as BAML's JsonToString does: JS-like, keys and strings unquoted.
 *
 * @example renderLoose({kind:'array', ...["a","b"]}) // "[a, b]"
 */
export function renderLoose(raw: RawValue): string {
  if (isScalar(raw)) return scalarText(raw);
  switch (raw.kind) {
    case 'array':
      return `[${raw.items.map(renderLoose).join(', ')}]`;
    case 'object':
      return `{${raw.entries.map((e) => `${e.key}: ${renderLoose(e.value)}`).join(', ')}}`;
    case 'markdown':
      return renderLoose(raw.inner);
    case 'fixed':
      return renderLoose(raw.inner);
    case 'anyOf':
      return raw.text;
  }
}

/** Renders at most about `budget` characters of a raw value (bounded work on deep trees). */
function renderShort(raw: RawValue, budget: { left: number }): string {
  if (budget.left <= 0) return '...';
  let out: string;
  switch (raw.kind) {
    case 'string':
      out = raw.value.length > budget.left ? `${raw.value.slice(0, budget.left)}...` : raw.value;
      break;
    case 'array': {
      const parts: string[] = [];
      for (const item of raw.items) {
        if (budget.left <= 0) {
          parts.push('...');
          break;
        }
        parts.push(renderShort(item, budget));
      }
      out = `[${parts.join(', ')}]`;
      break;
    }
    case 'object': {
      const parts: string[] = [];
      for (const e of raw.entries) {
        if (budget.left <= 0) {
          parts.push('...');
          break;
        }
        budget.left -= e.key.length + 2;
        parts.push(`${e.key}: ${renderShort(e.value, budget)}`);
      }
      out = `{${parts.join(', ')}}`;
      break;
    }
    case 'markdown':
    case 'fixed':
      return renderShort(raw.inner, budget);
    case 'anyOf':
      out = raw.text.length > budget.left ? `${raw.text.slice(0, budget.left)}...` : raw.text;
      break;
    default:
      out = renderLoose(raw);
  }
  budget.left -= out.length;
  return out;
}

/** A short description of a raw value for error messages (bounded: never walks a whole tree). */
export function describeRaw(raw: RawValue | undefined): string {
  if (raw === undefined) return 'nothing';
  const s =
    raw.kind === 'string'
      ? JSON.stringify(raw.value.length > 60 ? `${raw.value.slice(0, 57)}...` : raw.value)
      : renderShort(raw, { left: 60 });
  return `${raw.kind} ${s.length > 80 ? `${s.slice(0, 77)}...` : s}`;
}
