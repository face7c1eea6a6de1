// Google Cloud access tokens for `vertex-ai`, on Web Crypto. The credentials a client names (the
// `credentials` option as an object, JSON text or file path, `credentials_content`, or the
// GOOGLE_APPLICATION_CREDENTIALS / GOOGLE_APPLICATION_CREDENTIALS_CONTENT variables, in BAML's
// order) are a service account's, turned into an RS256-signed JWT and exchanged at the account's
// `token_uri`, or `authorized_user` credentials, whose refresh token is exchanged. A client that
// names none uses application default credentials (google-adc.ts). Tokens are cached until a
// minute before they expire (google-token.ts).

import { BamlError } from '../../errors/index.js';
import type { ResolvedValue } from '../config-value.js';
import { clearDefaultSource, defaultTokenSource } from './google-adc.js';
import {
  authorizedUserSource,
  cachedToken,
  clearTokenCache,
  type GoogleTokenSource,
  readCredentialsFile,
  requestToken,
  toAuthorizedUser,
} from './google-token.js';
import { stringOption } from './provider-options.js';

const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

interface ServiceAccount {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri: string;
  project_id?: string;
}

/** Forgets cached tokens and the application default credentials found (tests). */
export function clearGoogleTokenCache(): void {
  clearTokenCache();
  clearDefaultSource();
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

function toServiceAccount(value: unknown, shown: string): ServiceAccount {
  const v = (value ?? {}) as Record<string, unknown>;
  for (const field of ['private_key', 'client_email', 'token_uri'])
    if (typeof v[field] !== 'string')
      throw new BamlError(
        `Failed to parse credentials as JSON string: ${shown}\n\nCaused by:\n    failed to deserialize ApplicationCredentials: missing field \`${field}\``,
      );
  return v as unknown as ServiceAccount;
}

/** The parsed credentials: a service account's, or `authorized_user` ones. */
function toSource(value: unknown, shown: string, origin: string): GoogleTokenSource {
  if ((value as { type?: unknown } | null)?.type === 'authorized_user')
    return authorizedUserSource(toAuthorizedUser(value, shown), origin);
  return serviceAccountSource(toServiceAccount(value, shown));
}

async function loadCredentials(source: CredentialSource): Promise<GoogleTokenSource> {
  switch (source.kind) {
    case 'object':
      return toSource(source.value, '{…}', 'object');
    case 'json':
      // Never echo key material: only an empty or tiny object is shown, like BAML's `"{}"`.
      return toSource(
        JSON.parse(source.text),
        source.text.length <= 4 ? JSON.stringify(source.text) : 'credentials JSON',
        'json',
      );
    case 'file': {
      const text = await readCredentialsFile(source.path);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new BamlError(`Failed to parse credentials file ${source.path} as JSON`);
      }
      return toSource(parsed, source.path, source.path);
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

function serviceAccountSource(account: ServiceAccount): GoogleTokenSource {
  const tokenUri = account.token_uri;
  return {
    key: `sa\u0000${account.client_email}\u0000${account.private_key_id ?? account.private_key}\u0000${tokenUri}`,
    async fetchToken(fetchFn) {
      const assertion = await signJwt(account, tokenUri, Date.now());
      return requestToken(fetchFn, tokenUri, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion,
        }).toString(),
      });
    },
    projectId: async () => {
      if (account.project_id) return account.project_id;
      throw new BamlError('no project ID in application credentials');
    },
  };
}

/** A client's Google credentials: a token, and the project they belong to. */
export interface GoogleAuth {
  token(): Promise<string>;
  projectId(): Promise<string>;
}

/**
 * The credentials `source` names, or application default credentials without one. Tokens come
 * from the cache while fresh; a key Web Crypto cannot import fails before any request.
 */
export async function googleAuth(
  source: CredentialSource | undefined,
  env: Record<string, string | undefined>,
  fetchFn: typeof fetch,
): Promise<GoogleAuth> {
  const tokens = source ? await loadCredentials(source) : await defaultTokenSource(env, fetchFn);
  return {
    token: () => cachedToken(tokens, fetchFn),
    projectId: () => tokens.projectId(fetchFn),
  };
}
