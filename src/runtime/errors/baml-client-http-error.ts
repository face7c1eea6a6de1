import { BamlClientError } from './baml-client-error.js';
import { BamlError, type BamlErrorOptions } from './baml-error.js';

export interface BamlClientHttpErrorOptions extends BamlErrorOptions {
  /** The provider's response body, when there was one. Never contains the API key. */
  raw_response?: string;
}

/** The provider answered with an HTTP error status (401, 429, 5xx, …). */
export class BamlClientHttpError extends BamlClientError {
  static override readonly className: string = 'BamlClientHttpError';
  client_name: string;
  status_code: number;
  raw_response: string | undefined;

  constructor(
    client_name: string,
    status_code: number,
    message: string,
    options: BamlClientHttpErrorOptions = {},
  ) {
    super(message, options);
    this.client_name = client_name;
    this.status_code = status_code;
    this.raw_response = options.raw_response;
  }

  /** 408, 409, 429 and 5xx are worth retrying; 4xx otherwise are not. */
  get isRetryable(): boolean {
    const s = this.status_code;
    return s === 408 || s === 409 || s === 429 || s >= 500;
  }

  static override isInstance(value: unknown): value is BamlClientHttpError {
    return BamlError.hasClass(value, 'BamlClientHttpError');
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), client_name: this.client_name, status_code: this.status_code };
  }
}
