import { BamlError, type BamlErrorOptions } from './baml-error.js';

/** The call was cancelled through its `AbortSignal`. */
export class BamlAbortError extends BamlError {
  static override readonly className: string = 'BamlAbortError';
  /** The signal's `reason`, if any. */
  reason: unknown;

  constructor(message = 'Operation was aborted', reason?: unknown, options: BamlErrorOptions = {}) {
    super(message, options);
    this.reason = reason;
  }

  static override isInstance(value: unknown): value is BamlAbortError {
    return BamlError.hasClass(value, 'BamlAbortError');
  }
}

/** The error a call reports when `signal` aborted it, carrying the signal's reason. */
export function abortErrorFor(
  signal: AbortSignal | undefined,
  options: BamlErrorOptions = {},
): BamlAbortError {
  return new BamlAbortError('Operation was aborted', signal?.reason, options);
}
