// Client options as written in BAML, resolved against the environment at call time.

import type { ConfigValue, EnvRef, TemplateCall } from '../../ir/types.js';

export type ResolvedValue =
  | string
  | number
  | boolean
  | null
  | ResolvedValue[]
  | { [key: string]: ResolvedValue };

/** Whether `value` is an `env.NAME` reference, `{ $env: "NAME" }`. */
export function isEnvRef(value: unknown): value is EnvRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { $env?: unknown }).$env === 'string' &&
    Object.keys(value).length === 1
  );
}

/** Whether `value` is a `template_string` call, `{ $template: "Name", args: [...] }`. */
export function isTemplateCall(value: unknown): value is TemplateCall {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { $template?: unknown }).$template === 'string' &&
    Array.isArray((value as { args?: unknown }).args) &&
    Object.keys(value).length === 2
  );
}

/**
 * Replaces `env.X` references by their values; a missing variable becomes `undefined` and the
 * key is dropped from objects (so defaults apply).
 */
export function resolveConfigValue(
  value: ConfigValue,
  env: Record<string, string | undefined>,
): ResolvedValue | undefined {
  if (isEnvRef(value)) return env[value.$env];
  if (Array.isArray(value))
    return value
      .map((v) => resolveConfigValue(v, env))
      .filter((v): v is ResolvedValue => v !== undefined);
  if (typeof value === 'object' && value !== null) {
    const out: { [key: string]: ResolvedValue } = {};
    for (const [k, v] of Object.entries(value)) {
      const r = resolveConfigValue(v as ConfigValue, env);
      if (r !== undefined) out[k] = r;
    }
    return out;
  }
  return value;
}

/** Resolves every option of a client. */
export function resolveOptions(
  options: Record<string, ConfigValue>,
  env: Record<string, string | undefined>,
): Record<string, ResolvedValue> {
  return resolveConfigValue(options, env) as Record<string, ResolvedValue>;
}
