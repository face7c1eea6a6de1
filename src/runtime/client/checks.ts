/** The result of one `@check` on a value. (`expr` is BAML's generated name; values carry `expression`.) */
export interface Check {
  name: string;
  expr: string;
  status: 'succeeded' | 'failed';
}

/** A value with `@check`s: `{ value, checks: { name: Check } }`. */
export interface Checked<T, CheckName extends string = string> {
  value: T;
  checks: Record<CheckName, Check>;
}

/** The checks of a `Checked` value as a list. */
export function get_checks<CheckName extends string>(checks: Record<CheckName, Check>): Check[] {
  return Object.values(checks);
}

/** True when every check of a `Checked` value passed. */
export function all_succeeded<CheckName extends string>(checks: Record<CheckName, Check>): boolean {
  return get_checks(checks).every((check) => check.status === 'succeeded');
}
