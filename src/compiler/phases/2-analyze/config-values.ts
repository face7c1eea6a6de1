// Config positions (client options, generator and retry properties, test args) hold untyped
// values. Unquoted words are interpreted here, once: `true`/`false`, `null`, numbers, and
// `env.NAME`, which stays a reference `{ $env: "NAME" }` to be read at call time. A
// `template_string` call `Name(…)` stays `{ $template: "Name", args }` (BAML checks it only when
// a test runs).

import type { ConfigValue } from '../../../ir/types.js';
import type { ConfigEntry, ConfigValueNode } from '../1-parse/ast.js';
import { blockStringValue } from './block-string.js';

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const ENV_REFERENCE = /^env\.([A-Za-z_][A-Za-z0-9_]*)$/;

/** The IR value of a config value node. */
export function configValue(node: ConfigValueNode): ConfigValue {
  switch (node.kind) {
    case 'string':
      return node.hashes > 0 ? blockStringValue(node.value) : node.value;
    case 'bare':
      return bareValue(node.text);
    case 'array':
      return node.items.map(configValue);
    case 'map':
      return configMap(node.entries);
    case 'call':
      return { $template: node.name.value, args: node.args.map(configValue) };
  }
}

/** Entries as a plain object in declaration order (a repeated key keeps its last value). */
export function configMap(entries: ConfigEntry[]): { [key: string]: ConfigValue } {
  const result: { [key: string]: ConfigValue } = {};
  for (const entry of entries) result[entry.key.value] = configValue(entry.value);
  return result;
}

/** Interprets an unquoted word. */
export function bareValue(text: string): ConfigValue {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  if (NUMBER.test(text)) return Number(text);
  const env = ENV_REFERENCE.exec(text);
  if (env?.[1]) return { $env: env[1] };
  return text;
}

/** The text of a string-like value (quoted, block or bare), or undefined for anything else. */
export function configText(node: ConfigValueNode): string | undefined {
  if (node.kind === 'string') return node.hashes > 0 ? blockStringValue(node.value) : node.value;
  if (node.kind === 'bare') return node.text;
  return undefined;
}
