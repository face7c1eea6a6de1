// `format(type="toon", delimiter=…, indent=…, length_marker=…)`: TOON text of a value, as BAML
// 0.226.2 prints it. BAML hands its TOON encoder a JSON value whose object keys come out sorted.
// `length_marker` (one character, else an error; jinja-runtime lib.rs `encode_value_to_toon`)
// goes before every array length, `[#3]`, as TOON's optional length marker; the encoder we use
// has no such option, so the headers it writes get the marker afterwards.

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
  let marker: string | undefined;
  // BAML reads it as a string; a value of another type is ignored.
  if (typeof kwargs.length_marker === 'string') {
    marker = kwargs.length_marker;
    if ([...marker].length !== 1)
      throw new BamlError(`length_marker must be a single character, got '${marker}'`);
  }
  const text = encode(sortKeys(value) as never, options);
  return marker === undefined ? text : withLengthMarker(text, marker);
}

/**
 * An array header starts a line: indentation, `- ` for a list item, a bare or quoted key, then
 * `[N`. A string value holding `[` is always quoted whole, so it never matches.
 */
const HEADER = /^(\s*(?:- )?(?:[A-Za-z_][\w.]*|"(?:[^"\\]|\\.)*")?)\[(\d)/;

/** Puts `marker` before the length in every array header. */
function withLengthMarker(text: string, marker: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.replace(HEADER, (_m, head: string, digit: string) => `${head}[${marker}${digit}`),
    )
    .join('\n');
}
