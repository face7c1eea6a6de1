// Stage B of schema-aligned parsing: coercion of the raw value tree to a declared type.
export { type CoerceMode, Coercer, completionOf, renderType } from './coercer.js';
export { type Issue, type IssueCode, renderIssue } from './issues.js';
export { evaluateConstraint } from './jinja-expression.js';
export { type MatchCandidate, type MatchResult, matchString } from './match-string.js';
export { findNumber, roundHalfAwayFromZero } from './numbers.js';
export type { CompletionState, Fail, Ok, Result } from './result.js';
export { type CheckResult, isChecked, unwrapChecks } from './wrappers.js';
