// Turns a coercion issue into the error b.parse / b.parseStream throw.
import { BamlValidationError } from '../../errors/baml-validation-error.js';
import { type Issue, renderIssue } from '../coerce/issues.js';

/** A BamlValidationError for `issue`, with the answer as raw_output (prompt is empty for parsing). */
export function validationError(issue: Issue, rawOutput: string): BamlValidationError {
  const message = `Failed to coerce value: ${issue.reason}`;
  return new BamlValidationError('', rawOutput, message, { detailed_message: renderIssue(issue) });
}
