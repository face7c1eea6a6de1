// Turns an error that crossed the wire (a server action's NDJSON `error` line, a serve response)
// back into a typed tsbaml error. It accepts every form in use: our JSON string (and BAML's),
// the same already parsed, and BAML 0.226.2's `{type: "StreamError", message}` object whose
// message starts with the class chain ("BamlError: BamlClientError: BamlClientHttpError: …").

import { BamlAbortError } from '../errors/baml-abort-error.js';
import { BamlClientError } from '../errors/baml-client-error.js';
import { BamlClientFinishReasonError } from '../errors/baml-client-finish-reason-error.js';
import { BamlClientHttpError } from '../errors/baml-client-http-error.js';
import { BamlError } from '../errors/baml-error.js';
import { BamlInvalidArgumentError } from '../errors/baml-invalid-argument-error.js';
import { BamlTimeoutError } from '../errors/baml-timeout-error.js';
import { BamlValidationError } from '../errors/baml-validation-error.js';

/** The errors a hook reports (BAML's `BamlErrors`). */
export type BamlErrors =
  | BamlClientHttpError
  | BamlValidationError
  | BamlClientFinishReasonError
  | BamlAbortError
  | BamlTimeoutError
  | BamlInvalidArgumentError;

type Fields = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** The tsbaml error class `name` (a base `BamlError` for any other name), built from `f`'s fields. */
export function errorFromFields(name: string, message: string, f: Fields): BamlError {
  const options = { detailed_message: str(f.detailed_message) || message };
  switch (name) {
    case 'BamlValidationError':
      return new BamlValidationError(str(f.prompt), str(f.raw_output), message, options);
    case 'BamlClientFinishReasonError':
      return new BamlClientFinishReasonError(
        str(f.prompt),
        str(f.raw_output),
        message,
        typeof f.finish_reason === 'string' ? f.finish_reason : undefined,
        options,
      );
    case 'BamlTimeoutError':
      return new BamlTimeoutError(str(f.client_name), message, options);
    case 'BamlClientHttpError': {
      const status = typeof f.status_code === 'number' ? f.status_code : statusIn(message);
      return new BamlClientHttpError(str(f.client_name), status, message, {
        ...options,
        ...(typeof f.raw_response === 'string' ? { raw_response: f.raw_response } : {}),
      });
    }
    case 'BamlAbortError':
      return new BamlAbortError(message || 'Operation was aborted', f.reason, options);
    case 'BamlInvalidArgumentError':
      return new BamlInvalidArgumentError(message, options);
    case 'BamlClientError':
      return new BamlClientError(message, options);
    default:
      return new BamlError(message, options);
  }
}

/** "Request failed with status code: 401 Unauthorized" → 401 (0 when absent). */
function statusIn(message: string): number {
  const m = /status code:? (\d{3})/i.exec(message);
  return m ? Number(m[1]) : 0;
}

/** BAML's iterator errors: "BamlError: BamlClientError: BamlClientHttpError: <message>". */
function fromClassChain(message: string): BamlError {
  const m = /^(?:Baml\w*Error: )*(Baml\w*Error): ([\s\S]*)$/.exec(message);
  if (!m) return new BamlError(message);
  return errorFromFields(m[1]!, m[2]!, {});
}

/**
 * A typed tsbaml error for `payload`, whatever form it came in; a tsbaml error passes through.
 *
 * @example reviveBamlError('{"name":"BamlAbortError","message":"stop"}') // BamlAbortError
 */
export function reviveBamlError(payload: unknown): BamlError {
  if (BamlError.isInstance(payload)) return payload;
  if (typeof payload === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return fromClassChain(payload);
    }
    return typeof parsed === 'object' && parsed !== null
      ? reviveBamlError(parsed)
      : fromClassChain(payload);
  }
  if (payload instanceof Error && payload.name === 'AbortError')
    return new BamlAbortError(payload.message || 'Operation was aborted', undefined, {
      cause: payload,
    });
  if (typeof payload === 'object' && payload !== null) {
    const f = payload as Fields;
    const name = str(f.name) || str(f.type);
    const message = str(f.message);
    if (name.startsWith('Baml')) return errorFromFields(name, message, f);
    return fromClassChain(message || String(payload));
  }
  return new BamlError(String(payload));
}
