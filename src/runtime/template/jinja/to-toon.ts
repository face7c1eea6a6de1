// `format(type="toon", delimiter=…, indent=…)`: TOON text of a value, as BAML 0.226.2 prints it.
// BAML hands its TOON encoder a JSON value whose object keys come out sorted.

import { encode } from '@toon-format/toon';
import { BamlError } from '../../errors/index.js';

const DELIMITERS: Record<string, ',' | '\t' | '|'> = { comma: ',', tab: '\t', pipe: '|' };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((k) => [k, sortKeys(record[k])]),
  );
}

/**
 * @example
 * toToon([{ b: 1, a: 2 }], { delimiter: 'tab' }) // '[1\t]{a\tb}:\n  2\t1'
 */
export function toToon(value: unknown, kwargs: Record<string, unknown> = {}): string {
  const options: { delimiter?: ',' | '\t' | '|'; indent?: number } = {};
  if (kwargs.delimiter !== undefined) {
    const delimiter = DELIMITERS[String(kwargs.delimiter)];
    if (!delimiter)
      throw new BamlError(
        `Invalid delimiter '${String(kwargs.delimiter)}'. Use 'comma', 'tab', or 'pipe'`,
      );
    options.delimiter = delimiter;
  }
  if (typeof kwargs.indent === 'number') options.indent = kwargs.indent;
  return encode(sortKeys(value) as never, options);
}
