import { BamlClientHttpError } from './baml-client-http-error.js';
import { BamlError, type BamlErrorOptions } from './baml-error.js';

/** The provider did not answer in time. Reported with status 408, like BAML. */
export class BamlTimeoutError extends BamlClientHttpError {
  static override readonly className: string = 'BamlTimeoutError';
  constructor(client_name: string, message: string, options: BamlErrorOptions = {}) {
    super(client_name, 408, message, options);
  }

  static override isInstance(value: unknown): value is BamlTimeoutError {
    return BamlError.hasClass(value, 'BamlTimeoutError');
  }
}
