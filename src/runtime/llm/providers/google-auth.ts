// Google Cloud access tokens for `vertex-ai`, on Web Crypto: a service account's credentials
// (the `credentials` option as an object, JSON text or file path, `credentials_content`, or the
// GOOGLE_APPLICATION_CREDENTIALS / GOOGLE_APPLICATION_CREDENTIALS_CONTENT variables) are turned
// into an RS256-signed JWT, exchanged at the account's `token_uri` for an access token, and the
// token is cached until a minute before it expires.

import { BamlError } from '../../errors/index.js';
import type { ResolvedValue } from '../config-value.js';
import { type Expiring, ExpiringCache } from '../expiring-cache.js';
import { fileErrorReason, localFileReader } from '../local-file.js';
import { stringOption } from './provider-options.js';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const DEFAULT_TOKEN_URI = 'https://oauth2.googleapis.com/token';
/** Tokens are renewed this long before they expire. */
const EXPIRY_MARGIN_MS = 60_000;

interface ServiceAccount {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

const tokenCache = new ExpiringCache<string>(EXPIRY_MARGIN_MS);

/** Forgets cached tokens (tests). */
export function clearGoogleTokenCache(): void {
  tokenCache.clear();
}

/** Where a client's credentials come from, before they are read. */
type CredentialSource =
  | { kind: 'json'; text: string }
  | { kind: 'object'; value: Record<string, ResolvedValue> }
  | { kind: 'file'; path: string };

/** A string is the credentials themselves when it is JSON, else the path of a file holding them. */
function fromString(text: string): CredentialSource {
  try {
    JSON.parse(text);
  } catch {
    return { kind: 'file', path: text };
  }
  return { kind: 'json', text };
}

/** The credentials the client names, or undefined when it names none (BAML's system default). */
export function credentialSource(
  options: Record<string, ResolvedValue>,
  env: Record<string, string | undefined>,
): CredentialSource | undefined {
  const credentials = options.credentials;
  if (typeof credentials === 'string') return fromString(credentials);
  if (credentials && typeof credentials === 'object' && !Array.isArray(credentials))
    return { kind: 'object', value: credentials };
  const content = stringOption(options, 'credentials_content');
  if (content !== undefined) return { kind: 'json', text: content };
  const fromEnv = env.GOOGLE_APPLICATION_CREDENTIALS;
  if (fromEnv !== undefined) return fromString(fromEnv);
  const contentEnv = env.GOOGLE_APPLICATION_CREDENTIALS_CONTENT;
  if (contentEnv !== undefined) return { kind: 'json', text: contentEnv };
  return undefined;
}

/** Reads a credentials file where the platform can (Node, Bun, Deno); elsewhere says how not to. */
async function readCredentialsFile(path: string): Promise<string> {
  const read = localFileReader();
  if (!read)
    throw new BamlError(
      `Cannot read the credentials file ${path} on this platform: pass the service account JSON in options.credentials or GOOGLE_APPLICATION_CREDENTIALS_CONTENT`,
    );
  try {
    return await read(path);
  } catch (error) {
    throw new BamlError(`Failed to read credentials file ${path}: ${fileErrorReason(error)}`, {
      cause: error,
    });
  }
}

function toServiceAccount(value: unknown, shown: string): ServiceAccount {
  const v = (value ?? {}) as Record<string, unknown>;
  for (const field of ['private_key', 'client_email'])
    if (typeof v[field] !== 'string')
      throw new BamlError(
        `Failed to parse credentials as JSON string: ${shown}\n\nCaused by:\n    failed to deserialize ApplicationCredentials: missing field \`${field}\``,
      );
  return v as unknown as ServiceAccount;
}

async function loadServiceAccount(source: CredentialSource): Promise<ServiceAccount> {
  switch (source.kind) {
    case 'object':
      return toServiceAccount(source.value, '{…}');
    case 'json':
      // Never echo key material: only an empty or tiny object is shown, like BAML's `"{}"`.
      return toServiceAccount(
        JSON.parse(source.text),
        source.text.length <= 4 ? JSON.stringify(source.text) : 'credentials JSON',
      );
    case 'file': {
      const text = await readCredentialsFile(source.path);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BamlError(`Failed to parse credentials file ${source.path} as JSON`);
      }
      return toServiceAccount(parsed, source.path);
    }
  }
}

function base64UrlEncode(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The PKCS#8 key in a PEM block, as Web Crypto wants it. */
async function importPrivateKey(pem: string): Promise<CryptoKey> {
  const match = /-----BEGIN PRIVATE KEY-----([\s\S]*?)-----END PRIVATE KEY-----/.exec(
    pem.replace(/\\n/g, '\n'),
  );
  const body = match?.[1]?.replace(/\s+/g, '');
  if (!body) throw new BamlError('no private key found in credentials private key data');
  let der: Uint8Array<ArrayBuffer>;
  try {
    der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
  } catch {
    throw new BamlError('no private key found in credentials private key data');
  }
  try {
    return await crypto.subtle.importKey(
      'pkcs8',
      der,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
  } catch {
    throw new BamlError('the credentials private key is not a valid RSA key');
  }
}

/**
 * A signed JWT asking `tokenUri` for a cloud-platform token (RFC 7523).
 *
 * @example
 * await signJwt(account, 'https://oauth2.googleapis.com/token', Date.now()) // 'eyJ…'
 */
export async function signJwt(
  account: ServiceAccount,
  tokenUri: string,
  nowMs: number,
): Promise<string> {
  const key = await importPrivateKey(account.private_key);
  const iat = Math.floor(nowMs / 1000);
  const header: Record<string, string> = { alg: 'RS256', typ: 'JWT' };
  if (account.private_key_id) header.kid = account.private_key_id;
  const claims = { iss: account.client_email, scope: SCOPE, aud: tokenUri, iat, exp: iat + 3600 };
  const unsigned = `${base64UrlEncode(JSON.stringify(header))}.${base64UrlEncode(JSON.stringify(claims))}`;
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key,
    new TextEncoder().encode(unsigned),
  );
  return `${unsigned}.${base64UrlEncode(new Uint8Array(signature))}`;
}

async function exchange(account: ServiceAccount, fetchFn: typeof fetch): Promise<Expiring<string>> {
  const tokenUri = account.token_uri ?? DEFAULT_TOKEN_URI;
  const now = Date.now();
  const assertion = await signJwt(account, tokenUri, now);
  let response: Response;
  try {
    response = await fetchFn(tokenUri, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString(),
    });
  } catch (error) {
    throw new BamlError(
      `Failed to get an access token from ${tokenUri}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {}
  if (!response.ok || typeof json.access_token !== 'string')
    throw new BamlError(
      `Failed to get an access token from ${tokenUri}: ${response.status} ${text.slice(0, 500)}`,
    );
  const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : 3600;
  return { value: json.access_token, expiresAt: now + expiresIn * 1000 };
}

/**
 * An access token for the service account `source` names, from the cache while it is fresh.
 * Concurrent calls share one exchange.
 */
export async function googleAccessToken(
  source: CredentialSource,
  fetchFn: typeof fetch,
): Promise<string> {
  const account = await loadServiceAccount(source);
  const cacheKey = `${account.client_email}\u0000${account.private_key_id ?? account.private_key}\u0000${account.token_uri ?? ''}`;
  return tokenCache.get(cacheKey, () => exchange(account, fetchFn));
}
