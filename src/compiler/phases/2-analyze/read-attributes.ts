// Validates a list of attributes for the place they are written and folds them into plain
// values. Which attribute is allowed where is one table (`ALLOWED`), so placement errors are
// uniform: `@skip` on a class, `@@dynamic` on a field, `@alias` on a return type, …

import { parse, tokenize } from '@huggingface/jinja';
import type { Constraint } from '../../../ir/types.js';
import type { DiagnosticSink } from '../../diagnostics/diagnostic.js';
import type { Span } from '../../source/span.js';
import type { Attribute } from '../1-parse/ast.js';
import { blockStringValue } from './block-string.js';

/** Where an attribute list is written. */
export type AttributePlace = 'field' | 'enum_value' | 'class' | 'enum' | 'type' | 'test';

const PLACE_LABEL: Record<AttributePlace, string> = {
  field: 'a field',
  enum_value: 'an enum value',
  class: 'a class',
  enum: 'an enum',
  type: 'a type',
  test: 'a test',
};

type Shape = 'none' | 'string' | 'check' | 'assert';

/** Known attribute names (without `@`) and their argument shapes. */
const SHAPES: Record<string, Shape> = {
  alias: 'string',
  description: 'string',
  skip: 'none',
  dynamic: 'none',
  check: 'check',
  assert: 'assert',
  'stream.done': 'none',
  'stream.not_null': 'none',
  'stream.with_state': 'none',
};

/** For each place, whether it takes `@` or `@@` attributes, and which names. */
const ALLOWED: Record<AttributePlace, { block: boolean; names: Set<string> }> = {
  field: {
    block: false,
    names: new Set([
      'alias',
      'description',
      'skip',
      'check',
      'assert',
      'stream.done',
      'stream.not_null',
      'stream.with_state',
    ]),
  },
  enum_value: { block: false, names: new Set(['alias', 'description', 'skip']) },
  class: {
    block: true,
    names: new Set([
      'alias',
      'description',
      'dynamic',
      'check',
      'assert',
      'stream.done',
      'stream.not_null',
    ]),
  },
  enum: { block: true, names: new Set(['alias', 'description', 'dynamic', 'check', 'assert']) },
  type: {
    block: false,
    names: new Set(['check', 'assert', 'stream.done', 'stream.not_null', 'stream.with_state']),
  },
  test: { block: true, names: new Set(['check', 'assert']) },
};

const EXPECTED_ARGS: Record<Shape, string> = {
  none: 'no arguments',
  string: 'one string argument, e.g. `("text")`',
  check: 'a name and an expression, e.g. `(label, {{ this > 0 }})`',
  assert:
    'an expression and an optional name, e.g. `({{ this > 0 }})` or `(label, {{ this > 0 }})`',
};

/** The attributes of one place, folded into values. */
export interface ReadAttributes {
  alias?: string;
  description?: string;
  skip?: Span;
  dynamic?: boolean;
  constraints: Constraint[];
  streamDone?: boolean;
  streamNotNull?: boolean;
  streamWithState?: boolean;
}

/** Validates `attributes` for `place`, reporting problems, and returns what they say. */
export function readAttributes(
  attributes: Attribute[],
  place: AttributePlace,
  sink: DiagnosticSink,
): ReadAttributes {
  const result: ReadAttributes = { constraints: [] };
  const seen = new Set<string>();
  for (const attribute of attributes) {
    const name = attribute.name.value;
    const written = `${attribute.block ? '@@' : '@'}${name}`;
    const shape = SHAPES[name];
    if (!shape) {
      sink.report('unknown_attribute', attribute, { name: written });
      continue;
    }
    const allowed = ALLOWED[place];
    if (allowed.block !== attribute.block || !allowed.names.has(name)) {
      sink.report('attribute_not_allowed', attribute, { name: written, place: PLACE_LABEL[place] });
      continue;
    }
    if (shape !== 'check' && shape !== 'assert') {
      if (seen.has(name)) {
        sink.report('duplicate_attribute', attribute, { name: written });
        continue;
      }
      seen.add(name);
    }
    if (!applyAttribute(attribute, shape, result)) {
      sink.report('invalid_attribute_arguments', attribute, {
        name: written,
        expected: EXPECTED_ARGS[shape],
      });
    } else if (shape === 'check' || shape === 'assert') {
      reportJinjaSyntax(attribute, sink);
    }
  }
  return result;
}

/** A constraint whose `{{ … }}` is not a Jinja expression is an error, as in BAML. */
function reportJinjaSyntax(attribute: Attribute, sink: DiagnosticSink): void {
  const expression = attribute.args?.at(-1);
  if (expression?.kind !== 'expression') return;
  // String contents are left out: minijinja takes escapes such as `\d` in a regex that the
  // parser used here would refuse, and they cannot make the expression malformed.
  const text = expression.text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  try {
    parse(tokenize(`{{ ${text} }}`));
  } catch (error) {
    sink.report('jinja_syntax', expression, {
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Folds one attribute into `result`; false when its arguments do not fit its shape. */
function applyAttribute(attribute: Attribute, shape: Shape, result: ReadAttributes): boolean {
  const args = attribute.args ?? [];
  const name = attribute.name.value;
  switch (shape) {
    case 'none':
      if (args.length > 0) return false;
      if (name === 'skip') result.skip = attribute;
      else if (name === 'dynamic') result.dynamic = true;
      else if (name === 'stream.done') result.streamDone = true;
      else if (name === 'stream.not_null') result.streamNotNull = true;
      else if (name === 'stream.with_state') result.streamWithState = true;
      return true;
    case 'string': {
      const arg = args[0];
      if (args.length !== 1 || !arg) return false;
      // BAML takes an unquoted word as the string it spells: `@alias(first_name)`.
      let value: string;
      if (arg.kind === 'string') value = arg.hashes > 0 ? blockStringValue(arg.value) : arg.value;
      else if (arg.kind === 'ident') value = arg.name;
      else return false;
      if (name === 'alias') result.alias = value;
      else result.description = value;
      return true;
    }
    case 'check':
    case 'assert': {
      const expression = args[args.length - 1];
      if (expression?.kind !== 'expression') return false;
      if (args.length === 1) {
        if (shape === 'check') return false;
        result.constraints.push({ level: 'assert', expression: expression.text });
        return true;
      }
      const label = args[0];
      if (args.length !== 2 || !label) return false;
      let labelText: string;
      if (label.kind === 'ident') labelText = label.name;
      else if (label.kind === 'string') labelText = label.value;
      else return false;
      result.constraints.push({ level: shape, name: labelText, expression: expression.text });
      return true;
    }
  }
}
