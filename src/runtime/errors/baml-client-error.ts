import { BamlError } from './baml-error.js';

/** Base of the errors raised while talking to an LLM provider. */
export class BamlClientError extends BamlError {
  static override readonly className: string = 'BamlClientError';
  static override isInstance(value: unknown): value is BamlClientError {
    return BamlError.hasClass(value, 'BamlClientError');
  }
}
