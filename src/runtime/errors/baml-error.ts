// The base of every error tsbaml throws. Errors are recognised by a `Symbol.for` marker rather
// than `instanceof`, so two installed copies of the package (a common bundler accident)
// still recognise each other's errors.

const MARKER = Symbol.for('tsbaml.error');

export interface BamlErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** A longer explanation; under retries and fallbacks, the history of every attempt. */
  detailed_message?: string;
}

export class BamlError extends Error {
  readonly [MARKER] = true;
  detailed_message: string;

  constructor(message: string, options: BamlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detailed_message = options.detailed_message ?? message;
  }

  /** True for any tsbaml error, from this copy of the package or another. */
  static isInstance(value: unknown): value is BamlError {
    return typeof value === 'object' && value !== null && (value as any)[MARKER] === true;
  }

  /** True when `value` is a tsbaml error of this class or a subclass (by name, across copies). */
  protected static hasClass(value: unknown, name: string): boolean {
    if (!BamlError.isInstance(value)) return false;
    for (
      let p = Object.getPrototypeOf(value);
      p && p !== Object.prototype;
      p = Object.getPrototypeOf(p)
    ) {
      if (p.constructor?.name === name) return true;
    }
    return false;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, detailed_message: this.detailed_message };
  }
}

/** `isBamlError(e)`: true for every error class in this package. */
export function isBamlError(value: unknown): value is BamlError {
  return BamlError.isInstance(value);
}
