// Access to @huggingface/jinja's runtime value classes.
//
// The package exports `Environment`, `Interpreter`, `parse` and `tokenize` but not the value
// classes (StringValue, ObjectValue, …), which we need to build values that print the way BAML
// prints them (classes, enums, `ctx.output_format`). `Environment#set` returns the converted value,
// so converting one sample of each kind hands us the constructors without reaching into the
// package's private files.

import { Environment } from '@huggingface/jinja';

/** A value as the interpreter sees it: `value` holds the JS payload, `type` its class name. */
export interface JinjaValue {
  type: string;
  value: any;
  toString(): string;
}

type Ctor = new (value?: any) => JinjaValue;

// `set` refuses to redeclare a name, so each conversion uses a fresh (cheap) environment.
const convert = (sample: unknown): JinjaValue =>
  new Environment().set('v', sample) as unknown as JinjaValue;
const ctorOf = (sample: unknown): Ctor => convert(sample).constructor as Ctor;

const IntegerValue = ctorOf(1);
const FloatValue = ctorOf(1.5);
const StringValue = ctorOf('');
const BooleanValue = ctorOf(true);
const NullValue = ctorOf(null);
const UndefinedValue = ctorOf(undefined);
const ArrayValue = ctorOf([]);
const ObjectValue = ctorOf({});
const FunctionValue = ctorOf(() => null);

/** Builders for interpreter values. */
export const jv = {
  int: (n: number): JinjaValue => new IntegerValue(n),
  float: (n: number): JinjaValue => new FloatValue(n),
  string: (s: string): JinjaValue => new StringValue(s),
  bool: (b: boolean): JinjaValue => new BooleanValue(b),
  null: (): JinjaValue => new NullValue(null),
  undefined: (): JinjaValue => new UndefinedValue(undefined),
  array: (items: JinjaValue[]): JinjaValue => new ArrayValue(items),
  object: (entries: Map<string, JinjaValue>): JinjaValue => new ObjectValue(entries),
  /** `fn` receives positional values; keyword arguments arrive as a trailing map value. */
  function: (fn: (args: JinjaValue[]) => JinjaValue): JinjaValue => new FunctionValue(fn),
  /** Converts plain JSON-like data (numbers keep int/float by `Number.isInteger`). */
  from: (value: unknown): JinjaValue => convert(value),
};

/** True for the trailing keyword-arguments value the interpreter appends to calls. */
export function isKwargs(value: JinjaValue | undefined): boolean {
  return value?.type === 'KeywordArgumentsValue';
}

/** Converts an interpreter value back to plain JS data (maps become plain objects). */
export function toPlain(value: JinjaValue | undefined): unknown {
  if (!value) return undefined;
  const v = value.value;
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, item] of v) out[k] = toPlain(item as JinjaValue);
    return out;
  }
  if (Array.isArray(v)) return v.map((item) => toPlain(item as JinjaValue));
  if (value.type === 'UndefinedValue') return undefined;
  return v;
}
