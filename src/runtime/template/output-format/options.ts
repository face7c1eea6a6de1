// The keyword arguments `ctx.output_format(...)` accepts, and their defaults (spec §2.3).
// BAML rejects positional and unknown arguments, so we do too: a typo in a prompt would
// otherwise silently render the default schema.

import { BamlError } from '../../errors/index.js';

/** Options of `ctx.output_format(...)`. Omitted keys take BAML's defaults. */
export interface OutputFormatOptions {
  /** Replaces the default prefix ("Answer in JSON using this schema:\n", …); `null` removes it. */
  prefix?: string | null;
  /** The union joiner, `" or "` by default. */
  or_splitter?: string;
  /** Text before each value of a hoisted enum, `"- "` by default; `null` means none. */
  enum_value_prefix?: string | null;
  /** Hoist every enum, not only the big or described ones. */
  always_hoist_enums?: boolean;
  /** `"angle"` → `map<K, V>` (default), `"object"` → `{K: V}`. */
  map_style?: 'angle' | 'object';
  /** Hoisted classes render as `<prefix> Name {…}` and the word "schema" becomes the prefix. */
  hoisted_class_prefix?: string | null;
  /** Which classes to hoist besides recursive ones: all, none beyond the recursive, or by name. */
  hoist_classes?: boolean | 'auto' | string[];
  /** Field names render as `"name": type`. */
  quote_class_fields?: boolean;
}

/** Options with every default filled in. `prefix` stays `undefined` when the default applies. */
export interface ResolvedOutputFormatOptions {
  prefix: string | null | undefined;
  orSplitter: string;
  enumValuePrefix: string;
  alwaysHoistEnums: boolean;
  mapStyle: 'angle' | 'object';
  hoistedClassPrefix: string | null;
  hoistClasses: boolean | 'auto' | string[];
  quoteClassFields: boolean;
}

const KNOWN = new Set([
  'prefix',
  'or_splitter',
  'enum_value_prefix',
  'always_hoist_enums',
  'map_style',
  'hoisted_class_prefix',
  'hoist_classes',
  'quote_class_fields',
]);

function fail(message: string): never {
  throw new BamlError(`ctx.output_format: ${message}`);
}

/**
 * A nullable option given an undefined value (`prefix=null`: `null` is no Jinja keyword, so it is
 * an undefined name) is `null`, as BAML's `Option<String>` reads it.
 */
function expectString(key: string, value: unknown, nullable: boolean): string | null {
  if ((value === null || value === undefined) && nullable) return null;
  if (typeof value !== 'string') fail(`${key} must be a string${nullable ? ' or null' : ''}`);
  return value;
}

function expectBool(key: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(`${key} must be true or false`);
  return value;
}

/** Validates raw keyword arguments (as given in a template) and fills in defaults. */
export function resolveOutputFormatOptions(
  options: OutputFormatOptions | Record<string, unknown> = {},
): ResolvedOutputFormatOptions {
  const raw = options as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KNOWN.has(key)) fail(`unknown argument "${key}"`);
  }
  const resolved: ResolvedOutputFormatOptions = {
    prefix: undefined,
    orSplitter: ' or ',
    enumValuePrefix: '- ',
    alwaysHoistEnums: false,
    mapStyle: 'angle',
    hoistedClassPrefix: null,
    hoistClasses: 'auto',
    quoteClassFields: false,
  };
  if ('prefix' in raw) resolved.prefix = expectString('prefix', raw.prefix, true);
  if (raw.or_splitter !== undefined)
    resolved.orSplitter = expectString('or_splitter', raw.or_splitter, false) as string;
  if ('enum_value_prefix' in raw)
    resolved.enumValuePrefix = expectString('enum_value_prefix', raw.enum_value_prefix, true) ?? '';
  if (raw.always_hoist_enums !== undefined)
    resolved.alwaysHoistEnums = expectBool('always_hoist_enums', raw.always_hoist_enums);
  if (raw.map_style !== undefined) {
    if (raw.map_style !== 'angle' && raw.map_style !== 'object')
      fail('map_style must be "angle" or "object"');
    resolved.mapStyle = raw.map_style;
  }
  if ('hoisted_class_prefix' in raw)
    resolved.hoistedClassPrefix = expectString(
      'hoisted_class_prefix',
      raw.hoisted_class_prefix,
      true,
    );
  if (raw.hoist_classes !== undefined) {
    const h = raw.hoist_classes;
    if (typeof h === 'boolean' || h === 'auto') resolved.hoistClasses = h;
    else if (Array.isArray(h) && h.every((x) => typeof x === 'string')) resolved.hoistClasses = h;
    else fail('hoist_classes must be true, false, "auto" or a list of class names');
  }
  if (raw.quote_class_fields !== undefined)
    resolved.quoteClassFields = expectBool('quote_class_fields', raw.quote_class_fields);
  return resolved;
}
