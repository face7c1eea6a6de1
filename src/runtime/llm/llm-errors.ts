// Errors specific to talking to providers, built on the shared error classes.

import { BamlClientError, BamlClientHttpError, type BamlErrorOptions } from '../errors/index.js';

/**
 * The provider's stream ended (or broke) before it said it was done. `raw_output` holds the
 * text received so far, so a caller can still show or parse it.
 */
export class BamlStreamInterruptedError extends BamlClientError {
  static override readonly className: string = 'BamlStreamInterruptedError';
  client_name: string;
  raw_output: string;

  constructor(
    client_name: string,
    raw_output: string,
    message: string,
    options: BamlErrorOptions = {},
  ) {
    super(message, options);
    this.client_name = client_name;
    this.raw_output = raw_output;
  }

  static override isInstance(value: unknown): value is BamlStreamInterruptedError {
    return BamlClientError.hasClass(value, 'BamlStreamInterruptedError');
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), client_name: this.client_name, raw_output: this.raw_output };
  }
}

/** The provider sent something that is not valid SSE / JSON where JSON was expected. */
export class BamlMalformedResponseError extends BamlClientError {
  static override readonly className: string = 'BamlMalformedResponseError';
  client_name: string;

  constructor(client_name: string, message: string, options: BamlErrorOptions = {}) {
    super(message, options);
    this.client_name = client_name;
  }

  static override isInstance(value: unknown): value is BamlMalformedResponseError {
    return BamlClientError.hasClass(value, 'BamlMalformedResponseError');
  }
}

/** Parses an SSE `data:` payload or a response body as JSON, with a clear error otherwise. */
export function parseJsonPayload(clientName: string, data: string, what: string): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    const snippet = data.length > 200 ? `${data.slice(0, 200)}…` : data;
    throw new BamlMalformedResponseError(
      clientName,
      `Malformed ${what} from client ${clientName}: not valid JSON: ${snippet}`,
      { cause: error },
    );
  }
}

/** Status codes for provider error types that arrive inside a 200 stream. */
const IN_STREAM_STATUS: Record<string, number> = {
  overloaded_error: 529,
  rate_limit_error: 429,
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  api_error: 500,
  server_error: 500,
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
};

/** An error event inside a stream (Anthropic `event: error`, Responses `error`, OpenAI `{error}`). */
export function inStreamError(
  clientName: string,
  error: unknown,
  raw: string,
): BamlClientHttpError {
  const e = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const type = typeof e.type === 'string' ? e.type : typeof e.code === 'string' ? e.code : 'error';
  const status = typeof e.code === 'number' ? e.code : (IN_STREAM_STATUS[type] ?? 500);
  const message = typeof e.message === 'string' ? e.message : raw;
  return new BamlClientHttpError(
    clientName,
    status,
    `Stream error from client ${clientName} (${type}): ${message}`,
    { raw_response: raw },
  );
}
