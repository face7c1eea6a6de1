// Turns a coercion issue into the error b.parse / b.parseStream throw.
import { BamlValidationError } from '../../errors/baml-validation-error.js';
import { type Issue, renderIssue } from '../coerce/issues.js';

/** A BamlValidationError for `issue`, with the answer as raw_output (prompt is empty for parsing). */
export function validationError(issue: Issue, rawOutput: string): BamlValidationError {
  // One message that says where and why: the issue tree, one line per failing value.
  const message = `Failed to parse the LLM response:\n${renderIssue(issue)}`;
  return new BamlValidationError('', rawOutput, message, { detailed_message: message });
}
