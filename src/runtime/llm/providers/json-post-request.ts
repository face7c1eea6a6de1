// Every provider sends its request the same way: a JSON POST whose headers are the content type,
// the provider's own headers, the API key under the provider's header name, and last the user's
// `headers { … }` (so a user can override any of them). The key is also listed as a secret, so
// printing the request (raw curl, errors) redacts it.

import type { ResolvedValue } from '../config-value.js';
import type { ProviderRequest } from './provider.js';
import { userHeaders } from './provider-options.js';

/** The header carrying the API key, and the key to redact; both empty when there is no key. */
export interface Credential {
  headers: Record<string, string>;
  secrets: string[];
}

/**
 * The key under `header` (as `Bearer <key>` for `scheme: 'bearer'`), or nothing without a key.
 *
 * @example
 * keyCredential('x-api-key', 'sk-1') // { headers: { 'x-api-key': 'sk-1' }, secrets: ['sk-1'] }
 */
export function keyCredential(
  header: string,
  key: string | undefined,
  scheme?: 'bearer',
): Credential {
  if (!key) return { headers: {}, secrets: [] };
  return { headers: { [header]: scheme === 'bearer' ? `Bearer ${key}` : key }, secrets: [key] };
}

/**
 * The request for `body` at `url`; `providerHeaders` go before the credential header.
 *
 * @example
 * jsonPostRequest(url, body, options, keyCredential('x-api-key', key), { 'anthropic-version': '2023-06-01' })
 */
export function jsonPostRequest(
  url: string,
  body: unknown,
  options: Record<string, ResolvedValue>,
  credential: Credential,
  providerHeaders: Record<string, string> = {},
): ProviderRequest {
  return {
    url,
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...providerHeaders,
      ...credential.headers,
      ...userHeaders(options),
    },
    body,
    secrets: credential.secrets,
  };
}
