import { BamlError } from './baml-error.js';

/** A function was called with arguments that do not fit its parameters, or with bad options. */
export class BamlInvalidArgumentError extends BamlError {
  static override readonly className: string = 'BamlInvalidArgumentError';
  static override isInstance(value: unknown): value is BamlInvalidArgumentError {
    return BamlError.hasClass(value, 'BamlInvalidArgumentError');
  }
}
