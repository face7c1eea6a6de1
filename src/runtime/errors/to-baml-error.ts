import { BamlAbortError } from './baml-abort-error.js';
import { BamlError } from './baml-error.js';

/**
 * Normalises anything thrown inside the runtime into a `BamlError`: tsbaml errors pass through,
 * a DOM `AbortError` becomes `BamlAbortError`, anything else is wrapped with its message.
 */
export function toBamlError(error: unknown): BamlError {
  if (BamlError.isInstance(error)) return error;
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) {
    return new BamlAbortError(error.message || 'Operation was aborted', undefined, {
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BamlError(message, { cause: error });
}
