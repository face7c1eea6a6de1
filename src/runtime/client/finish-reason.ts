import type { ConfigValue } from '../../ir/types.js';
import { BamlClientFinishReasonError } from '../errors/index.js';

const stringList = (value: ConfigValue | undefined): string[] | null =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : null;

/**
 * Applies a client's `finish_reason_allow_list` / `finish_reason_deny_list` to the reason the
 * provider gave. Returns the error to raise, or null. A missing reason is always allowed.
 */
export function checkFinishReason(
  clientOptions: { [key: string]: ConfigValue } | undefined,
  finishReason: string | null | undefined,
  prompt: string,
  rawOutput: string,
): BamlClientFinishReasonError | null {
  if (!clientOptions || finishReason === null || finishReason === undefined) return null;
  const allow = stringList(clientOptions.finish_reason_allow_list);
  const deny = stringList(clientOptions.finish_reason_deny_list);
  const denied = allow ? !allow.includes(finishReason) : deny ? deny.includes(finishReason) : false;
  if (!denied) return null;
  return new BamlClientFinishReasonError(
    prompt,
    rawOutput,
    'Finish reason not allowed',
    finishReason,
    {
      detailed_message: `Finish reason not allowed: ${finishReason}\nRaw Response: ${rawOutput}`,
    },
  );
}
