// A small YAML emitter for `|format(type="yaml")`: block style, strings quoted only when plain
// scalars would be misread, keys in insertion order. Enough for prompt data, not a YAML library.

const PLAIN = /^[A-Za-z_][\w .\-/]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|~)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return PLAIN.test(value) && !RESERVED.test(value) && value.trim() === value
      ? value
      : JSON.stringify(value);
  }
  return String(value);
}

function isComposite(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function emit(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return value
      .map((item) => {
        if (isComposite(item) && Object.keys(item).length > 0) {
          const inner = emit(item, `${indent}  `);
          return `${indent}- ${inner.slice(indent.length + 2)}`;
        }
        return `${indent}- ${isComposite(item) ? emit(item, '') : scalar(item)}`;
      })
      .join('\n');
  }
  if (isComposite(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return entries
      .map(([k, v]) => {
        const key = scalar(k);
        if (isComposite(v) && Object.keys(v).length > 0)
          return `${indent}${key}:\n${emit(v, `${indent}  `)}`;
        return `${indent}${key}: ${isComposite(v) ? emit(v, '') : scalar(v)}`;
      })
      .join('\n');
  }
  return `${indent}${scalar(value)}`;
}

/** Serialises JSON-like data as YAML. */
export function toYaml(value: unknown): string {
  return emit(value, '');
}
