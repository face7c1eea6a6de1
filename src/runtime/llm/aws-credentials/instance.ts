// Credentials of the compute a program runs on: the ECS / EKS container credentials endpoint
// (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI, with AWS_CONTAINER_AUTHORIZATION_TOKEN
// or _TOKEN_FILE) and the EC2 instance metadata service, IMDSv2 (a session token from a PUT,
// then the instance role's credentials; AWS_EC2_METADATA_SERVICE_ENDPOINT,
// AWS_EC2_METADATA_DISABLED; only where there is a file system, i.e. a server runtime). Each
// returns undefined when it does not apply.

import { localFileReader, readOptionalFile } from '../local-file.js';
import {
  type AwsCredentials,
  AwsCredentialsError,
  credentialsFromJson,
  type SourceContext,
} from './types.js';

const ECS_HOST = 'http://169.254.170.2';
/** Hosts a plain-http full URI may name: loopback, and the ECS / EKS agents' addresses. */
const HTTP_HOSTS =
  /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost|169\.254\.170\.2|169\.254\.170\.23|\[fd00:ec2::23\])$/;
const CONTAINER_TIMEOUT_MS = 5_000;
const IMDS_TIMEOUT_MS = 1_000;
const CREDENTIAL_FIELDS = {
  id: 'AccessKeyId',
  secret: 'SecretAccessKey',
  token: 'Token',
  expiration: 'Expiration',
};

function containerUrl(env: SourceContext['env']): string | undefined {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  if (relative) return `${ECS_HOST}${relative.startsWith('/') ? '' : '/'}${relative}`;
  const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  if (!full) return undefined;
  let url: URL;
  try {
    url = new URL(full);
  } catch {
    throw new AwsCredentialsError('AWS_CONTAINER_CREDENTIALS_FULL_URI is not a URL');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && HTTP_HOSTS.test(url.hostname)))
    return full;
  throw new AwsCredentialsError(
    `AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or http to a loopback or ECS/EKS agent address (got ${url.protocol}//${url.hostname})`,
  );
}

async function containerToken(env: SourceContext['env']): Promise<string | undefined> {
  const file = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  let token = env.AWS_CONTAINER_AUTHORIZATION_TOKEN;
  if (file) {
    let text: string | undefined;
    try {
      text = await readOptionalFile(file);
    } catch (error) {
      throw new AwsCredentialsError(
        `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (text === undefined)
      throw new AwsCredentialsError(
        `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names ${file}, which cannot be read here`,
      );
    token = text.trim();
  }
  if (token && /[\r\n]/.test(token))
    throw new AwsCredentialsError('The container authorization token contains a line break');
  return token || undefined;
}

/** The container credentials endpoint's credentials; undefined outside ECS / EKS. */
export async function containerCredentials(
  ctx: SourceContext,
): Promise<AwsCredentials | undefined> {
  const url = containerUrl(ctx.env);
  if (url === undefined) return undefined;
  const token = await containerToken(ctx.env);
  let response: Response;
  try {
    response = await ctx.fetch(url, {
      headers: { accept: 'application/json', ...(token ? { authorization: token } : {}) },
      signal: AbortSignal.timeout(CONTAINER_TIMEOUT_MS),
    });
  } catch (error) {
    throw new AwsCredentialsError(
      `The container credentials endpoint ${url} did not answer (${error instanceof Error ? error.name : 'error'})`,
    );
  }
  if (!response.ok)
    throw new AwsCredentialsError(
      `The container credentials endpoint ${url} answered ${response.status} ${response.statusText}`,
    );
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new AwsCredentialsError(`The container credentials endpoint ${url} answered no JSON`);
  }
  return credentialsFromJson(json, CREDENTIAL_FIELDS, `The container credentials endpoint ${url}`);
}

function imdsEndpoint(env: SourceContext['env']): string {
  const set = env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  if (set) return set.replace(/\/+$/, '');
  return env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE?.toLowerCase() === 'ipv6'
    ? 'http://[fd00:ec2::254]'
    : 'http://169.254.169.254';
}

/** One IMDS request; undefined when the service cannot be reached (not on EC2). */
async function imds(
  ctx: SourceContext,
  url: string,
  init: RequestInit,
): Promise<Response | undefined> {
  try {
    return await ctx.fetch(url, { ...init, signal: AbortSignal.timeout(IMDS_TIMEOUT_MS) });
  } catch {
    return undefined;
  }
}

/** The EC2 instance role's credentials through IMDSv2; undefined off EC2 or without a role. */
export async function instanceCredentials(ctx: SourceContext): Promise<AwsCredentials | undefined> {
  if (ctx.env.AWS_EC2_METADATA_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  // A browser or an edge worker (no file system) is not an EC2 host: no stray request from it.
  if (!localFileReader()) return undefined;
  const base = imdsEndpoint(ctx.env);
  const tokenResponse = await imds(ctx, `${base}/latest/api/token`, {
    method: 'PUT',
    headers: { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' },
  });
  // No answer, or IMDSv2 turned off (403) or absent: not on EC2 as far as we can tell.
  if (!tokenResponse?.ok) return undefined;
  const token = (await tokenResponse.text()).trim();
  const headers = { 'x-aws-ec2-metadata-token': token };
  const rolesUrl = `${base}/latest/meta-data/iam/security-credentials/`;
  const roles = await imds(ctx, rolesUrl, { headers });
  if (!roles || roles.status === 404) return undefined;
  if (!roles.ok)
    throw new AwsCredentialsError(
      `The EC2 instance metadata service answered ${roles.status} for the instance role`,
    );
  const role = (await roles.text())
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!role) return undefined;
  const what = `The EC2 instance metadata service (role ${role})`;
  const response = await imds(ctx, `${rolesUrl}${encodeURIComponent(role)}`, { headers });
  if (!response) throw new AwsCredentialsError(`${what} did not answer`);
  if (!response.ok) throw new AwsCredentialsError(`${what} answered ${response.status}`);
  let json: Record<string, unknown> = {};
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new AwsCredentialsError(`${what} answered no JSON`);
  }
  if (json.Code !== undefined && json.Code !== 'Success')
    throw new AwsCredentialsError(`${what} answered Code ${String(json.Code)}`);
  return credentialsFromJson(json, CREDENTIAL_FIELDS, what);
}
