// BAML's JSON error bodies (spec §6): `{"error": "<kind>", …fields, "documentation_url": …}`,
// with the status codes BAML uses, plus the kinds tsbaml adds for requests BAML answers with a
// 500 (unknown function) or not at all (oversized body).
import {
  BamlAbortError,
  BamlClientError,
  BamlClientFinishReasonError,
  BamlClientHttpError,
  BamlInvalidArgumentError,
  BamlValidationError,
  isBamlError,
} from '../runtime/errors/index.js';

/** Where BAML's error bodies point. */
export const DOCUMENTATION_URL =
  'https://docs.boundaryml.com/get-started/debugging/exception-handling';

/** The `error` field of an error body. */
export type ErrorKind =
  | 'invalid_argument'
  | 'function_not_found'
  | 'not_found'
  | 'payload_too_large'
  | 'client_error'
  | 'client_http_error'
  | 'validation_failure'
  | 'finish_reason_error'
  | 'internal_error';

/** An error response before it is serialised. */
export interface ErrorResponse {
  status: number;
  body: { error: ErrorKind; message: string; documentation_url: string; [field: string]: unknown };
}

/** A failure the server itself detects (bad body, unknown function, …), carried to the handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Builds an error body of `kind` with BAML's documentation link. */
export function errorBody(
  status: number,
  kind: ErrorKind,
  message: string,
  fields: Record<string, unknown> = {},
): ErrorResponse {
  return {
    status,
    body: { error: kind, message, ...fields, documentation_url: DOCUMENTATION_URL },
  };
}

/** Maps anything a call can throw to BAML's error kind and status. */
export function errorResponseFor(error: unknown): ErrorResponse {
  if (error instanceof HttpError) return errorBody(error.status, error.kind, error.message);
  if (!isBamlError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return errorBody(500, 'internal_error', message);
  }
  // Most specific classes first: BamlTimeoutError is a BamlClientHttpError (status 408).
  // (`is` returns a plain boolean: the classes are structurally alike, so narrowing would
  // wrongly leave `never` behind after the first check.)
  const is = (check: (value: unknown) => boolean) => check(error);
  if (is(BamlInvalidArgumentError.isInstance))
    return errorBody(400, 'invalid_argument', error.message);
  if (is(BamlClientFinishReasonError.isInstance)) {
    const e = error as BamlClientFinishReasonError;
    return errorBody(500, 'finish_reason_error', e.message, {
      prompt: e.prompt,
      raw_output: e.raw_output,
      finish_reason: e.finish_reason ?? null,
    });
  }
  if (is(BamlValidationError.isInstance)) {
    const e = error as BamlValidationError;
    return errorBody(500, 'validation_failure', e.message, {
      prompt: e.prompt,
      raw_output: e.raw_output,
    });
  }
  if (is(BamlClientHttpError.isInstance)) {
    const e = error as BamlClientHttpError;
    const code = e.status_code;
    // The provider's status is reused (as BAML does) when it is a real HTTP error status.
    const status = Number.isInteger(code) && code >= 400 && code <= 599 ? code : 502;
    return errorBody(status, 'client_http_error', e.message, {
      client_name: e.client_name,
      status_code: code,
    });
  }
  if (is(BamlClientError.isInstance)) return errorBody(502, 'client_error', error.message);
  if (is(BamlAbortError.isInstance)) return errorBody(500, 'internal_error', error.message);
  return errorBody(500, 'internal_error', error.message);
}
