// The AWS credentials of an `aws-bedrock` client, found as BAML finds them (BAML hands the
// client's keys to the AWS SDK, else the SDK's default chain):
//   1. the client's access_key_id / secret_access_key / session_token; when it sets none of
//      them, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN (BAML reads these
//      itself, so a partial set is refused the same way);
//   2. the profile (the `profile` option, else AWS_PROFILE, else `default`) in the shared files:
//      static keys, an SSO login, a role assumed over a source profile or a web identity;
//   3. a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN) exchanged at STS;
//   4. the ECS / EKS container credentials endpoint;
//   5. the EC2 instance metadata service (IMDSv2).
// Temporary credentials are cached until five minutes before they expire.

import { BamlClientError } from '../../errors/index.js';
import { ExpiringCache } from '../expiring-cache.js';
import { containerCredentials, instanceCredentials } from './instance.js';
import { loadProfileFiles, type ProfileFiles, profileName, type Section } from './profile-files.js';
import { isSsoProfile, ssoCredentials } from './sso.js';
import { assumeRoleCredentials, webIdentityCredentials } from './sts.js';
import { type AwsCredentials, AwsCredentialsError, type SourceContext } from './types.js';

export type { AwsCredentials } from './types.js';

/** Temporary credentials are renewed this long before they expire. */
const EXPIRY_MARGIN_MS = 5 * 60_000;
const cache = new ExpiringCache<AwsCredentials | undefined>(EXPIRY_MARGIN_MS);

/** Forgets cached credentials (tests). */
export function clearAwsCredentialCache(): void {
  cache.clear();
}

/** How long temporary credentials that state no expiry are kept. */
const UNDATED_TTL_MS = 15 * 60_000;

/** Caches what `produce` gives until shortly before it expires (a miss is not kept). */
function cached(
  key: string,
  produce: () => Promise<AwsCredentials | undefined>,
): Promise<AwsCredentials | undefined> {
  return cache.get(key, async () => {
    const value = await produce();
    if (!value) return { value, expiresAt: 0 };
    return { value, expiresAt: value.expiresAt ?? Date.now() + UNDATED_TTL_MS };
  });
}

type Env = Record<string, string | undefined>;
const containerKey = (env: Env) =>
  [
    'ecs',
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
    env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
  ].join('\0');
const stsKey = (env: Env) => `${env.AWS_ENDPOINT_URL_STS}\0${env.AWS_ENDPOINT_URL}`;
const imdsKey = (env: Env) =>
  [
    'imds',
    env.AWS_EC2_METADATA_DISABLED,
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT,
    env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE,
  ].join('\0');

export interface AwsCredentialRequest {
  clientName: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  sessionToken: string | undefined;
  profile: string | undefined;
  /** The client's region, for STS. */
  region: string | undefined;
  env: Env;
  fetch: typeof fetch;
}

const nonEmpty = (v: string | undefined) => (v ? v : undefined);

/** Step 1: the client's keys, else the AWS_* variables; undefined when neither sets any. */
function explicitCredentials(req: AwsCredentialRequest): AwsCredentials | undefined {
  let id = nonEmpty(req.accessKeyId);
  let secret = nonEmpty(req.secretAccessKey);
  let token = nonEmpty(req.sessionToken);
  if (id === undefined && secret === undefined && token === undefined) {
    id = nonEmpty(req.env.AWS_ACCESS_KEY_ID);
    secret = nonEmpty(req.env.AWS_SECRET_ACCESS_KEY);
    token = nonEmpty(req.env.AWS_SESSION_TOKEN);
  }
  if (id === undefined && secret === undefined && token === undefined) return undefined;
  if (id === undefined || secret === undefined)
    throw new AwsCredentialsError(
      token === undefined
        ? 'If either access_key_id or secret_access_key are provided, both must be provided.'
        : 'If either access_key_id or secret_access_key are provided, both must be provided. If session_token is provided, all three must be provided.',
    );
  return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
}

function staticKeys(profile: Section, name: string): AwsCredentials | undefined {
  const id = profile.aws_access_key_id;
  const secret = profile.aws_secret_access_key;
  if (!id && !secret) return undefined;
  if (!id || !secret)
    throw new AwsCredentialsError(
      `AWS profile "${name}" sets ${id ? 'aws_access_key_id without aws_secret_access_key' : 'aws_secret_access_key without aws_access_key_id'}`,
    );
  const token = profile.aws_session_token;
  return { accessKeyId: id, secretAccessKey: secret, ...(token ? { sessionToken: token } : {}) };
}

/** The credentials a `credential_source` names (for a role assumed over them). */
async function credentialSource(source: string, name: string, ctx: SourceContext) {
  switch (source) {
    case 'Environment':
      return staticKeys(
        {
          aws_access_key_id: ctx.env.AWS_ACCESS_KEY_ID ?? '',
          aws_secret_access_key: ctx.env.AWS_SECRET_ACCESS_KEY ?? '',
          aws_session_token: ctx.env.AWS_SESSION_TOKEN ?? '',
        },
        name,
      );
    case 'EcsContainer':
      return cached(containerKey(ctx.env), () => containerCredentials(ctx));
    case 'Ec2InstanceMetadata':
      return cached(imdsKey(ctx.env), () => instanceCredentials(ctx));
    default:
      throw new AwsCredentialsError(
        `AWS profile "${name}" has credential_source ${source}: expected Environment, EcsContainer or Ec2InstanceMetadata`,
      );
  }
}

/** Step 2 for one profile; undefined when it holds no way to get credentials. */
async function profileCredentials(
  name: string,
  files: ProfileFiles,
  ctx: SourceContext,
  seen: string[],
): Promise<AwsCredentials | undefined> {
  const profile = files.profiles.get(name);
  if (!profile)
    throw new AwsCredentialsError(`AWS profile "${name}" not found in ${files.paths.join(' or ')}`);
  if (seen.includes(name))
    throw new AwsCredentialsError(
      `AWS profiles form a source_profile loop: ${[...seen, name].join(' -> ')}`,
    );
  // Everything the profile's temporary credentials depend on.
  const key = [
    ...files.paths,
    name,
    JSON.stringify(profile),
    ctx.region,
    stsKey(ctx.env),
    ctx.env.AWS_ENDPOINT_URL_SSO,
    ctx.env.HOME,
  ].join('\0');
  if (profile.role_arn) {
    const roleArn = profile.role_arn;
    if (profile.web_identity_token_file)
      return cached(`web\0${key}`, () =>
        webIdentityCredentials(
          {
            roleArn,
            tokenFile: profile.web_identity_token_file ?? '',
            sessionName: profile.role_session_name,
            origin: `AWS profile "${name}"`,
          },
          ctx,
        ),
      );
    let source: AwsCredentials | undefined;
    if (profile.source_profile === name) source = staticKeys(profile, name);
    else if (profile.source_profile)
      source = await profileCredentials(profile.source_profile, files, ctx, [...seen, name]);
    else if (profile.credential_source)
      source = await credentialSource(profile.credential_source, name, ctx);
    else
      throw new AwsCredentialsError(
        `AWS profile "${name}" sets role_arn without source_profile, credential_source or web_identity_token_file`,
      );
    if (!source)
      throw new AwsCredentialsError(`AWS profile "${name}": its source of credentials gave none`);
    const base = source;
    return cached(`role\0${key}\0${base.accessKeyId}`, () =>
      assumeRoleCredentials(
        {
          roleArn,
          sessionName: profile.role_session_name,
          externalId: profile.external_id,
          durationSeconds: profile.duration_seconds,
        },
        base,
        ctx,
      ),
    );
  }
  if (isSsoProfile(profile))
    return cached(`sso\0${key}`, () => ssoCredentials(profile, name, files, ctx));
  if (profile.credential_process)
    throw new AwsCredentialsError(
      `AWS profile "${name}" uses credential_process, which tsbaml cannot run (its runtime starts no processes): export the credentials to AWS_* variables instead`,
    );
  return staticKeys(profile, name);
}

async function chain(req: AwsCredentialRequest): Promise<AwsCredentials | undefined> {
  const explicit = explicitCredentials(req);
  if (explicit) return explicit;
  const ctx: SourceContext = { env: req.env, fetch: req.fetch, region: req.region };
  let files: ProfileFiles | undefined;
  try {
    files = await loadProfileFiles(req.env);
  } catch (error) {
    throw new AwsCredentialsError(error instanceof Error ? error.message : String(error));
  }
  const name = profileName(req.profile, req.env);
  const chosen = Boolean(req.profile || req.env.AWS_PROFILE);
  if (files && (chosen || files.profiles.has(name))) {
    const fromProfile = await profileCredentials(name, files, ctx, []);
    if (fromProfile) return fromProfile;
  }
  const { AWS_WEB_IDENTITY_TOKEN_FILE: tokenFile, AWS_ROLE_ARN: roleArn } = req.env;
  if (tokenFile && roleArn)
    return cached(`web\0${tokenFile}\0${roleArn}\0${req.region}\0${stsKey(req.env)}`, () =>
      webIdentityCredentials(
        {
          roleArn,
          tokenFile,
          sessionName: req.env.AWS_ROLE_SESSION_NAME,
          origin: 'AWS_WEB_IDENTITY_TOKEN_FILE',
        },
        ctx,
      ),
    );
  const container = await cached(containerKey(req.env), () => containerCredentials(ctx));
  if (container) return container;
  return cached(imdsKey(req.env), () => instanceCredentials(ctx));
}

/**
 * The credentials a client signs with, or a BamlClientError saying what was tried (a client
 * error, as in BAML, so retries and fallbacks apply). Messages never hold a key or token.
 */
export async function resolveAwsCredentials(req: AwsCredentialRequest): Promise<AwsCredentials> {
  let found: AwsCredentials | undefined;
  try {
    found = await chain(req);
  } catch (error) {
    if (error instanceof AwsCredentialsError)
      throw new BamlClientError(`client ${req.clientName}: ${error.message}`);
    throw error;
  }
  if (found) return found;
  throw new BamlClientError(
    `client ${req.clientName}: no AWS credentials found: set access_key_id and secret_access_key in the client options, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or a profile in the shared AWS files (profile "${profileName(req.profile, req.env)}"), or AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN, or run where the ECS or EC2 metadata endpoints give a role`,
  );
}
