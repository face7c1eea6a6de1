// IAM Identity Center (SSO) profiles: the access token `aws sso login` cached in
// ~/.aws/sso/cache/<sha1>.json (of the `sso_session` name, or of the legacy `sso_start_url`),
// exchanged at the SSO portal (GetRoleCredentials) for the role's temporary credentials.
// An expired token is reported, not refreshed: run `aws sso login` again.

import { readOptionalFile } from '../local-file.js';
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
  /** What names the token cache file: the session name, or the start URL (legacy). */
  cacheKey: string;
  region: string;
  accountId: string;
  roleName: string;
}

/** True for a profile that signs in through IAM Identity Center. */
export function isSsoProfile(profile: Section): boolean {
  return Boolean(profile.sso_session || profile.sso_start_url);
}

function ssoSettings(profile: Section, name: string, files: ProfileFiles): SsoSettings {
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
  return { cacheKey, region, accountId: profile.sso_account_id, roleName: profile.sso_role_name };
}

/** The cached SSO access token, or an error saying to sign in again. */
async function cachedToken(settings: SsoSettings, name: string, ctx: SourceContext) {
  const home = homeDir(ctx.env);
  const login = `run \`aws sso login --profile ${name}\``;
  if (home === undefined)
    throw new AwsCredentialsError(
      `AWS profile "${name}": no home directory (HOME) to find the SSO token cache in`,
    );
  const path = `${home}/.aws/sso/cache/${await sha1Hex(settings.cacheKey)}.json`;
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
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text);
  } catch {}
  const token = json.accessToken;
  const expiresAt = Date.parse(typeof json.expiresAt === 'string' ? json.expiresAt : '');
  if (typeof token !== 'string' || !token)
    throw new AwsCredentialsError(`AWS profile "${name}": ${path} holds no SSO access token`);
  if (!Number.isFinite(expiresAt) || expiresAt <= Date.now())
    throw new AwsCredentialsError(
      `AWS profile "${name}": the cached SSO token has expired${Number.isFinite(expiresAt) ? ` (at ${new Date(expiresAt).toISOString()})` : ''}: ${login}`,
    );
  return token;
}

/** The role credentials of an SSO profile. */
export async function ssoCredentials(
  profile: Section,
  name: string,
  files: ProfileFiles,
  ctx: SourceContext,
): Promise<AwsCredentials> {
  const settings = ssoSettings(profile, name, files);
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
