// The base of every error tsbaml throws. Errors are recognised by a `Symbol.for` marker rather
// than `instanceof`, so two installed copies of the package (a common bundler accident)
// still recognise each other's errors; and each class carries its name as a string
// (`static className`), because minifiers rename classes and `constructor.name` with them.

const MARKER = Symbol.for('tsbaml.error');

export interface BamlErrorOptions {
  /** The underlying error, if any. */
  cause?: unknown;
  /** A longer explanation; under retries and fallbacks, the history of every attempt. */
  detailed_message?: string;
}

/** A class's own `className`, if it declares one (a user's subclass may not). */
function ownClassName(c: unknown): string | undefined {
  if (typeof c !== 'function' || !Object.hasOwn(c, 'className')) return undefined;
  const name = (c as { className?: unknown }).className;
  return typeof name === 'string' ? name : undefined;
}

export class BamlError extends Error {
  /** The class's name as BAML spells it; survives minification, unlike `constructor.name`. */
  static readonly className: string = 'BamlError';
  readonly [MARKER] = true;
  detailed_message: string;

  constructor(message: string, options: BamlErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = ownClassName(new.target) ?? new.target.name;
    this.detailed_message = options.detailed_message ?? message;
  }

  /** True for any tsbaml error, from this copy of the package or another. */
  static isInstance(value: unknown): value is BamlError {
    return typeof value === 'object' && value !== null && (value as any)[MARKER] === true;
  }

  /**
   * True when `value` is a tsbaml error of this class or a subclass: by the `className` of each
   * class on its prototype chain, so it holds across copies of the package and after minifying.
   */
  protected static hasClass(value: unknown, name: string): boolean {
    if (!BamlError.isInstance(value)) return false;
    for (
      let p = Object.getPrototypeOf(value);
      p && p !== Object.prototype;
      p = Object.getPrototypeOf(p)
    ) {
      if (ownClassName(p.constructor) === name) return true;
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
