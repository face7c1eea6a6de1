// Coercion failures as data (house style habit 6): every failure is an `Issue` discriminated on
// `code`, with the `path` of the value inside the answer. Messages are rendered separately, once,
// when an error is actually thrown, so failed union variants and dropped list items cost nothing.

/** Why a raw value could not be turned into the target type. */
export type IssueCode =
  | 'invalid_type'
  | 'no_match'
  | 'ambiguous'
  | 'missing_field'
  | 'not_done'
  | 'assert_failed'
  | 'infered_from_string'
  | 'no_variant';

/** One coercion failure. */
export interface Issue {
  code: IssueCode;
  /** Field names and list indices from the root of the answer to the failing value. */
  path: (string | number)[];
  /** The target type, rendered (`int`, `Person`, `"a" | "b"`). */
  expected: string;
  /** A short rendering of what the answer held there. */
  found: string;
  /** One sentence: what went wrong. */
  reason: string;
  /** Nested causes (e.g. each failing field of a class, each failing union variant). */
  causes?: Issue[];
}

function renderPath(path: (string | number)[]): string {
  if (path.length === 0) return '<root>';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`))
    .join('')
    .replace(/^\./, '');
}

/**
 * Renders an issue tree as the message of a `BamlValidationError`.
 *
 * @example renderIssue({code: 'missing_field', path: ['age'], expected: 'int', found: 'nothing', reason: 'Missing required field: age'})
 */
export function renderIssue(issue: Issue, depth = 0): string {
  const pad = '  '.repeat(depth);
  let out = `${pad}${renderPath(issue.path)}: ${issue.reason} (expected ${issue.expected}, found ${issue.found})`;
  for (const cause of issue.causes ?? []) out += `\n${renderIssue(cause, depth + 1)}`;
  return out;
}
