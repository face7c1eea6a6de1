// IAM Identity Center (SSO) profiles: the access token `aws sso login` cached in
// ~/.aws/sso/cache/<sha1>.json (of the `sso_session` name, or of the legacy `sso_start_url`),
// exchanged at the SSO portal (GetRoleCredentials) for the role's temporary credentials.
// A token near its expiry is first renewed at SSO OIDC with the cached refresh token (sso-session
// profiles), the cache file rewritten; past that, the error says to run `aws sso login`.

import { readOptionalFile, writeLocalFile } from '../local-file.js';
import { homeDir, type ProfileFiles, type Section } from './profile-files.js';
import {
  type AwsCredentials,
  AwsCredentialsError,
  credentialsFromJson,
  endpointOverride,
  redactSecrets,
  type SourceContext,
} from './types.js';

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

interface SsoSettings {
  /** True for an `sso_session` profile (whose token can be refreshed), false for a legacy one. */
  session: boolean;
  /** The token cache file, named after the session name or (legacy) the start URL. */
  cachePath: string;
  region: string;
  accountId: string;
  roleName: string;
}

/** True for a profile that signs in through IAM Identity Center. */
export function isSsoProfile(profile: Section): boolean {
  return Boolean(profile.sso_session || profile.sso_start_url);
}

async function ssoSettings(
  profile: Section,
  name: string,
  files: ProfileFiles,
  env: SourceContext['env'],
): Promise<SsoSettings> {
  let cacheKey: string | undefined;
  let region: string | undefined;
  if (profile.sso_session) {
    const session = files.ssoSessions.get(profile.sso_session);
    if (!session)
      throw new AwsCredentialsError(
        `AWS profile "${name}" names sso_session "${profile.sso_session}", which has no [sso-session ${profile.sso_session}] section in ${files.paths.join(' or ')}`,
      );
    cacheKey = profile.sso_session;
    region = session.sso_region;
  } else {
    cacheKey = profile.sso_start_url;
    region = profile.sso_region;
  }
  const missing = [
    ['sso_region', region],
    ['sso_account_id', profile.sso_account_id],
    ['sso_role_name', profile.sso_role_name],
  ].find(([, v]) => !v)?.[0];
  if (missing || !cacheKey || !region || !profile.sso_account_id || !profile.sso_role_name)
    throw new AwsCredentialsError(`AWS profile "${name}" is an SSO profile without ${missing}`);
  const home = homeDir(env);
  if (home === undefined)
    throw new AwsCredentialsError(
      `AWS profile "${name}": no home directory (HOME) to find the SSO token cache in`,
    );
  return {
    session: Boolean(profile.sso_session),
    cachePath: `${home}/.aws/sso/cache/${await sha1Hex(cacheKey)}.json`,
    region,
    accountId: profile.sso_account_id,
    roleName: profile.sso_role_name,
  };
}

/** A token this close to its expiry is refreshed first (where it can be). */
const REFRESH_WINDOW_MS = 5 * 60_000;

type TokenCache = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/**
 * A new access token from SSO OIDC (CreateToken with the cached refresh token), written back
 * to the cache file; undefined when the cache holds no usable registration.
 */
async function refreshToken(
  cache: TokenCache,
  settings: SsoSettings,
  ctx: SourceContext,
): Promise<{ token: string; expiresAt: number } | { failed: string } | undefined> {
  const clientId = str(cache.clientId);
  const clientSecret = str(cache.clientSecret);
  const refresh = str(cache.refreshToken);
  const registrationEnds = Date.parse(str(cache.registrationExpiresAt) ?? '');
  if (!settings.session || !clientId || !clientSecret || !refresh) return undefined;
  if (Number.isFinite(registrationEnds) && registrationEnds <= Date.now()) return undefined;
  const base =
    endpointOverride(ctx.env, 'SSO_OIDC') ?? `https://oidc.${settings.region}.amazonaws.com`;
  let response: Response;
  try {
    response = await ctx.fetch(`${base}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        clientId,
        clientSecret,
        grantType: 'refresh_token',
        refreshToken: refresh,
      }),
    });
  } catch (error) {
    return { failed: error instanceof Error ? error.name : 'network error' };
  }
  let json: TokenCache = {};
  try {
    json = (await response.json()) as TokenCache;
  } catch {}
  const token = str(json.accessToken);
  if (!response.ok || !token)
    return { failed: `${response.status}${str(json.error) ? ` ${str(json.error)}` : ''}` };
  const expiresIn = typeof json.expiresIn === 'number' ? json.expiresIn : 3600;
  const expiresAt = Date.now() + expiresIn * 1000;
  const updated = {
    ...cache,
    accessToken: token,
    expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(str(json.refreshToken) ? { refreshToken: json.refreshToken } : {}),
  };
  await writeLocalFile(settings.cachePath, JSON.stringify(updated));
  return { token, expiresAt };
}

/** The cached SSO access token (refreshed near its expiry), or an error saying to sign in. */
async function cachedToken(settings: SsoSettings, name: string, ctx: SourceContext) {
  const login = `run \`aws sso login --profile ${name}\``;
  const path = settings.cachePath;
  let text: string | undefined;
  try {
    text = await readOptionalFile(path);
  } catch (error) {
    throw new AwsCredentialsError(
      `AWS profile "${name}": ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (text === undefined)
    throw new AwsCredentialsError(
      `AWS profile "${name}": no cached SSO token in ${path}: ${login}`,
    );
  let json: TokenCache = {};
  try {
    json = JSON.parse(text);
  } catch {}
  const token = str(json.accessToken);
  const expiresAt = Date.parse(str(json.expiresAt) ?? '');
  if (!token)
    throw new AwsCredentialsError(`AWS profile "${name}": ${path} holds no SSO access token`);
  const valid = Number.isFinite(expiresAt) && expiresAt > Date.now();
  if (valid && expiresAt - REFRESH_WINDOW_MS > Date.now()) return token;
  const refreshed = await refreshToken(json, settings, ctx);
  if (refreshed && 'token' in refreshed) return refreshed.token;
  if (valid) return token;
  const when = Number.isFinite(expiresAt) ? ` (at ${new Date(expiresAt).toISOString()})` : '';
  const why = refreshed ? ` and could not be refreshed (${refreshed.failed})` : '';
  throw new AwsCredentialsError(
    `AWS profile "${name}": the cached SSO token has expired${when}${why}: ${login}`,
  );
}

/** The role credentials of an SSO profile. */
export async function ssoCredentials(
  profile: Section,
  name: string,
  files: ProfileFiles,
  ctx: SourceContext,
): Promise<AwsCredentials> {
  const settings = await ssoSettings(profile, name, files, ctx.env);
  const token = await cachedToken(settings, name, ctx);
  const base =
    endpointOverride(ctx.env, 'SSO') ?? `https://portal.sso.${settings.region}.amazonaws.com`;
  const url = `${base}/federation/credentials?${new URLSearchParams({ role_name: settings.roleName, account_id: settings.accountId })}`;
  const what = `SSO GetRoleCredentials for AWS profile "${name}"`;
  let response: Response;
  try {
    response = await ctx.fetch(url, {
      method: 'GET',
      headers: { 'x-amz-sso_bearer_token': token, accept: 'application/json' },
    });
  } catch (error) {
    throw new AwsCredentialsError(
      `${what} failed: ${redactSecrets(error instanceof Error ? error.message : String(error), [token])}`,
    );
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {}
  if (!response.ok) {
    const message = typeof json.message === 'string' ? `: ${json.message}` : '';
    throw new AwsCredentialsError(
      `${what} failed: ${response.status}${redactSecrets(message, [token])}`,
    );
  }
  return credentialsFromJson(
    json.roleCredentials,
    {
      id: 'accessKeyId',
      secret: 'secretAccessKey',
      token: 'sessionToken',
      expiration: 'expiration',
    },
    what,
  );
}
