// Helpers of the coercer that need no coercer state: where a value sits (paths), failures as
// lazily rendered issues, completion of raw nodes, type rendering, and list memo records.
import type { Type } from '../../../ir/types.js';
import type { RawValue } from '../raw/raw-value.js';
import type { Issue, IssueCode } from './issues.js';
import type { CompletionState, Fail } from './result.js';
import { describeRaw } from './text.js';

/** Where a value sits in the answer, as a linked list (cheap to extend; an array only on failure). */
export type Path = { up: Path; key: string | number } | undefined;

export const at = (up: Path, key: string | number): Path => ({ up, key });

export function freshMemo(): ListMemo {
  return {
    frozen: 0,
    kept: [],
    scoreSum: 0,
    errors: 0,
    errorScore: 0,
    markdownFirst: undefined,
  };
}

export function pathArray(path: Path): (string | number)[] {
  const out: (string | number)[] = [];
  for (let p = path; p; p = p.up) out.push(p.key);
  return out.reverse();
}

/** Incremental state of a list coercion over an open array (arrays only grow at the end). */
export interface ListMemo {
  /** Items [0, frozen) are complete and will never change; their results are folded in below. */
  frozen: number;
  /** Output values of the kept frozen items, in order (append-only: list views read it). */
  kept: unknown[];
  scoreSum: number;
  errors: number;
  errorScore: number;
  markdownFirst: boolean | undefined;
}

export function completionOf(raw: RawValue): boolean {
  switch (raw.kind) {
    case 'bool':
    case 'null':
      return true;
    case 'fixed':
      return completionOf(raw.inner);
    case 'anyOf':
      return raw.candidates.every(completionOf);
    default:
      return raw.completion === 'complete';
  }
}

export function stateOf(raw: RawValue): CompletionState {
  return completionOf(raw) ? 'Complete' : 'Incomplete';
}

/**
 * An issue whose path, expected and found texts are computed on first read: most failures (union
 * variants that did not match, dropped list items) are never shown, and computing them eagerly
 * costs O(depth) each on a deep answer.
 */
class LazyIssue implements Issue {
  causes?: Issue[];
  private cachedPath: (string | number)[] | undefined;
  private cachedExpected: string | undefined;
  private cachedFound: string | undefined;

  constructor(
    readonly code: IssueCode,
    private readonly where: Path,
    private readonly type: Type | string,
    private readonly raw: RawValue | undefined,
    readonly reason: string,
  ) {}

  get path(): (string | number)[] {
    this.cachedPath ??= pathArray(this.where);
    return this.cachedPath;
  }
  get expected(): string {
    this.cachedExpected ??= typeof this.type === 'string' ? this.type : renderType(this.type);
    return this.cachedExpected;
  }
  get found(): string {
    this.cachedFound ??= describeRaw(this.raw);
    return this.cachedFound;
  }
}

export function fail(
  code: IssueCode,
  path: Path,
  type: Type | string,
  raw: RawValue | undefined,
  reason: string,
  causes?: Issue[],
): Fail {
  const issue = new LazyIssue(code, path, type, raw, reason);
  if (causes && causes.length > 0) issue.causes = causes;
  return { ok: false, issue };
}

/** Renders a type for messages, the way a user wrote it. */
export function renderType(type: Type): string {
  switch (type.kind) {
    case 'primitive':
    case 'media':
      return type.name;
    case 'literal':
      return JSON.stringify(type.value);
    case 'class':
    case 'enum':
    case 'alias':
      return type.name;
    case 'list':
      return `${type.item.kind === 'union' ? `(${renderType(type.item)})` : renderType(type.item)}[]`;
    case 'map':
      return `map<${renderType(type.key)}, ${renderType(type.value)}>`;
    case 'union':
      return type.variants.map(renderType).join(' | ');
    case 'tuple':
      return `(${type.items.map(renderType).join(', ')})`;
  }
}

export function isOptional(type: Type): boolean {
  return (
    type.kind === 'union' && type.variants.some((v) => v.kind === 'primitive' && v.name === 'null')
  );
}
