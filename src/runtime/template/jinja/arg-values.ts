// Turns a function's arguments into interpreter values that behave like BAML's (spec §2.1 item 7):
// read through the declared type (baml-value.ts), printed the way BAML prints them
// (print-value.ts), with the alias-keyed data `|format(type=…)` serialises kept in `aliasedViews`.
// Fields that were not given stay absent, so the template sees them as undefined.

import type { Program, Type } from '../../../ir/types.js';
import { type BamlValue, toBamlValue } from './baml-value.js';
import { debugValue, displayValue, floatDebug, rustStringDebug } from './print-value.js';
import { type JinjaValue, jv } from './runtime-values.js';

/** The typed value behind an argument's list, map or class (what `|format(type=…)` reads). */
export const aliasedViews = new WeakMap<JinjaValue, BamlValue>();

/** Enum values: strings that print unquoted inside lists and maps. */
const enumValues = new WeakSet<JinjaValue>();

/** True for an enum value made by `enumValue` (serialised and listed by its alias). */
export function isEnumValue(value: JinjaValue): boolean {
  return enumValues.has(value);
}

/** An enum value's name (its `.value` in templates). */
export function enumName(value: JinjaValue): string {
  return String(value.value);
}

/**
 * An enum value as BAML gives it to templates: it prints its alias but compares by its name
 * (`c == "RED"` holds for `RED @alias("rouge")`, as does `c == Color.RED`).
 */
export function enumValue(name: string, alias: string | undefined): JinjaValue {
  const value = jv.string(name);
  if (alias !== undefined && alias !== name) value.toString = () => alias;
  enumValues.add(value);
  return value;
}

function printsAs(value: JinjaValue, baml: BamlValue): JinjaValue {
  let text: string | undefined;
  value.toString = () => {
    text ??= displayValue(baml);
    return text;
  };
  aliasedViews.set(value, baml);
  return value;
}

function fromBamlValue(value: BamlValue): JinjaValue {
  switch (value.kind) {
    case 'string':
      return jv.string(value.value);
    case 'int':
      return jv.int(value.value);
    case 'float':
      return jv.float(value.value);
    case 'bool':
      return jv.bool(value.value);
    case 'null':
      return jv.null();
    case 'enum':
      return enumValue(value.value, value.alias);
    case 'media': {
      const { kind: _kind, ...media } = value.media;
      const marker = jv.object(
        new Map(
          Object.entries(media)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, jv.string(v as string)]),
        ),
      );
      marker.toString = () => displayValue(value);
      return marker;
    }
    case 'list':
      return printsAs(jv.array(value.items.map(fromBamlValue)), value);
    case 'map':
      return printsAs(
        jv.object(new Map(value.entries.map(([k, v]) => [k, fromBamlValue(v)] as const))),
        value,
      );
    case 'class':
      return printsAs(
        jv.object(new Map(value.fields.map(([name, , v]) => [name, fromBamlValue(v)] as const))),
        value,
      );
  }
}

/**
 * Converts one argument to an interpreter value following its declared type.
 *
 * @example
 * toJinjaValue(program, { name: 'Ann' }, { kind: 'class', name: 'Person' }).toString()
 * // '{\n    "name": "Ann",\n}'
 */
export function toJinjaValue(program: Program, value: unknown, type: Type | undefined): JinjaValue {
  return fromBamlValue(toBamlValue(program, value, type));
}

/** A value inside a printed list or map (Rust `Debug`, as minijinja prints items). */
function debugJinja(value: JinjaValue): string {
  const typed = aliasedViews.get(value);
  if (typed) return debugValue(typed, false, 0);
  if (enumValues.has(value)) return value.toString();
  switch (value.type) {
    case 'StringValue':
      return rustStringDebug(String(value.value));
    case 'FloatValue':
      return floatDebug(value.value as number);
    case 'NullValue':
      return 'none';
    case 'UndefinedValue':
      return 'undefined';
    case 'ArrayValue':
    case 'TupleValue':
    case 'ObjectValue':
      return printJinja(value);
    default:
      return value.toString();
  }
}

/**
 * How `{{ value }}` prints an interpreter value: arguments as BAML prints them, and lists or maps
 * built in the template (`items|reverse`) with each item in its BAML form.
 */
export function printJinja(value: JinjaValue): string {
  const typed = aliasedViews.get(value);
  if (typed) return displayValue(typed);
  if (value.type === 'ArrayValue' || value.type === 'TupleValue')
    return `[${(value.value as JinjaValue[]).map(debugJinja).join(', ')}]`;
  if (
    value.type === 'ObjectValue' &&
    value.value instanceof Map &&
    Object.hasOwn(value, 'toString') === false
  )
    return `{${[...(value.value as Map<string, JinjaValue>)].map(([k, v]) => `${rustStringDebug(k)}: ${debugJinja(v)}`).join(', ')}}`;
  return value.toString();
}

/** minijinja's Display of a value (`~`, `join`): none prints "none", undefined nothing. */
export function displayJinja(value: JinjaValue): string {
  if (value.type === 'NullValue') return 'none';
  if (value.type === 'UndefinedValue') return '';
  return printJinja(value);
}
