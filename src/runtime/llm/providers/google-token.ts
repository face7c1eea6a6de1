// What every Google credential shares: the access-token cache (a token is reused until a minute
// before it expires; concurrent callers share one request), the POST or GET that fetches a token
// and reads `{ access_token, expires_in }`, the OAuth refresh-token grant of `authorized_user`
// credentials, and reading a local file where the platform has a file system. Errors name the
// endpoint and the status, never a token, a refresh token or a client secret.

import { BamlError } from '../../errors/index.js';
import { ExpiringCache } from '../expiring-cache.js';
import { localFileReader } from '../local-file.js';

/** Tokens are renewed this long before they expire. */
const EXPIRY_MARGIN_MS = 60_000;
/** gcp_auth's (and so BAML's) endpoint for the refresh-token grant of user credentials. */
export const USER_TOKEN_URI = 'https://accounts.google.com/o/oauth2/token';

export interface FetchedToken {
  token: string;
  expiresAt: number;
}

/** Where a client's access tokens and (when the client names none) its project come from. */
export interface GoogleTokenSource {
  /** The cache key of this source's tokens (held in memory only, never printed). */
  readonly key: string;
  fetchToken(fetchFn: typeof fetch): Promise<FetchedToken>;
  projectId(fetchFn: typeof fetch): Promise<string>;
  /** For a default source: what must also work for it to be chosen (after its first token). */
  probe?(fetchFn: typeof fetch): Promise<unknown>;
}

const tokenCache = new ExpiringCache<string>(EXPIRY_MARGIN_MS);

/** Forgets cached tokens. */
export function clearTokenCache(): void {
  tokenCache.clear();
}

/** Remembers a token fetched while resolving a source, so the first call does not fetch twice. */
export function primeToken(key: string, token: FetchedToken): void {
  tokenCache.set(key, { value: token.token, expiresAt: token.expiresAt });
}

/**
 * The source's access token, from the cache while it is fresh; concurrent calls share one fetch.
 */
export function cachedToken(source: GoogleTokenSource, fetchFn: typeof fetch): Promise<string> {
  return tokenCache.get(source.key, async () => {
    const t = await source.fetchToken(fetchFn);
    return { value: t.token, expiresAt: t.expiresAt };
  });
}

function causeText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What a refusal says: its status and the OAuth error fields of a JSON body, nothing else. */
function refusal(status: number, text: string): string {
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text);
  } catch {}
  if (json && typeof json.error === 'string')
    return `${status} ${json.error}${typeof json.error_description === 'string' ? `: ${json.error_description}` : ''}`;
  return String(status);
}

/**
 * Fetches `url` and reads an OAuth token answer. A refusal's body is not echoed beyond its OAuth
 * error fields: a server may quote what it was sent (an assertion, a refresh token).
 */
export async function requestToken(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
): Promise<FetchedToken> {
  const now = Date.now();
  let response: Response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    throw new BamlError(`Failed to get an access token from ${url}: ${causeText(error)}`, {
      cause: error,
    });
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {}
  if (!response.ok)
    throw new BamlError(
      `Failed to get an access token from ${url}: ${refusal(response.status, text)}`,
    );
  if (typeof json.access_token !== 'string' || !json.access_token)
    throw new BamlError(
      `Failed to get an access token from ${url}: the answer has no access_token`,
    );
  const expiresIn = typeof json.expires_in === 'number' ? json.expires_in : 3600;
  return { token: json.access_token, expiresAt: now + expiresIn * 1000 };
}

/** `authorized_user` credentials, as `gcloud auth application-default login` writes them. */
export interface AuthorizedUser {
  client_id: string;
  client_secret: string;
  refresh_token: string;
  quota_project_id?: string;
  token_uri?: string;
}

/** The fields an `authorized_user` file needs, checked; `shown` names it in errors. */
export function toAuthorizedUser(value: unknown, shown: string): AuthorizedUser {
  const v = (value ?? {}) as Record<string, unknown>;
  for (const field of ['client_id', 'client_secret', 'refresh_token'])
    if (typeof v[field] !== 'string')
      throw new BamlError(
        `failed to deserialize ApplicationCredentials from ${shown}: missing field \`${field}\``,
      );
  return v as unknown as AuthorizedUser;
}

/** A token source for user credentials: the refresh-token grant, JSON-encoded like gcp_auth. */
export function authorizedUserSource(user: AuthorizedUser, origin: string): GoogleTokenSource {
  const uri = user.token_uri ?? USER_TOKEN_URI;
  return {
    key: `user\u0000${origin}\u0000${user.client_id}\u0000${user.refresh_token}\u0000${uri}`,
    fetchToken: (fetchFn) =>
      requestToken(fetchFn, uri, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          client_id: user.client_id,
          client_secret: user.client_secret,
          grant_type: 'refresh_token',
          refresh_token: user.refresh_token,
        }),
      }),
    projectId: async () => {
      if (user.quota_project_id) return user.quota_project_id;
      throw new BamlError('no project ID in user credentials');
    },
  };
}

/**
 * A local file's text where the platform can read files (Node, Bun, Deno); elsewhere an error
 * saying what to pass instead.
 */
export async function readCredentialsFile(path: string): Promise<string> {
  const read = localFileReader();
  if (!read)
    throw new BamlError(
      `Cannot read the credentials file ${path} on this platform: pass the service account JSON in options.credentials or GOOGLE_APPLICATION_CREDENTIALS_CONTENT`,
    );
  try {
    return await read(path);
  } catch (error) {
    throw new BamlError(`Failed to read credentials file ${path}: ${causeText(error)}`, {
      cause: error,
    });
  }
}
