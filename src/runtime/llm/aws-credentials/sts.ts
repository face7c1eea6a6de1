// AWS STS: AssumeRoleWithWebIdentity (a web identity token file and a role, as EKS service
// accounts set them up; unsigned) and AssumeRole (a profile's `role_arn` over its
// `source_profile`'s credentials; signed with SigV4). Both speak the Query protocol: a form
// POST answered in XML.

import { AwsV4Signer } from 'aws4fetch';
import { localFileReader, readOptionalFile } from '../local-file.js';
import {
  type AwsCredentials,
  AwsCredentialsError,
  endpointOverride,
  redactSecrets,
  type SourceContext,
} from './types.js';

/** The STS endpoint: an override, else the regional one, else the global one. */
function stsEndpoint(ctx: SourceContext): string {
  return (
    endpointOverride(ctx.env, 'STS') ??
    (ctx.region ? `https://sts.${ctx.region}.amazonaws.com` : 'https://sts.amazonaws.com')
  );
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of the first `<name>` element. */
function xmlField(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1] === undefined ? undefined : unescapeXml(match[1].trim());
}

/** SigV4 headers for a request (AssumeRole is signed, AssumeRoleWithWebIdentity is not). */
type SignHeaders = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<Record<string, string>>;

/** Sends one STS action and reads the `<Credentials>` of its answer. */
async function stsCall(
  action: string,
  params: Record<string, string>,
  ctx: SourceContext,
  sign: SignHeaders | undefined,
  secrets: (string | undefined)[],
): Promise<AwsCredentials> {
  const url = `${stsEndpoint(ctx)}/`;
  const body = new URLSearchParams({ Action: action, Version: '2011-06-15', ...params }).toString();
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
  };
  if (sign) Object.assign(headers, await sign(url, headers, body));
  let response: Response;
  try {
    response = await ctx.fetch(url, { method: 'POST', headers, body });
  } catch (error) {
    throw new AwsCredentialsError(
      `STS ${action} at ${url} failed: ${redactSecrets(error instanceof Error ? error.message : String(error), secrets)}`,
    );
  }
  const xml = await response.text();
  if (!response.ok) {
    const code = xmlField(xml, 'Code') ?? response.statusText;
    const message = xmlField(xml, 'Message');
    throw new AwsCredentialsError(
      `STS ${action} at ${url} failed: ${response.status} ${code}${message ? `: ${redactSecrets(message, secrets)}` : ''}`,
    );
  }
  const id = xmlField(xml, 'AccessKeyId');
  const secret = xmlField(xml, 'SecretAccessKey');
  if (!id || !secret)
    throw new AwsCredentialsError(`STS ${action} at ${url} returned no credentials`);
  const token = xmlField(xml, 'SessionToken');
  const expiresAt = Date.parse(xmlField(xml, 'Expiration') ?? '');
  return {
    accessKeyId: id,
    secretAccessKey: secret,
    ...(token ? { sessionToken: token } : {}),
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}

export interface WebIdentity {
  roleArn: string;
  tokenFile: string;
  sessionName: string | undefined;
  /** Where the settings came from, for messages (`AWS_WEB_IDENTITY_TOKEN_FILE`, `profile x`). */
  origin: string;
}

/** AssumeRoleWithWebIdentity with the token the file holds (read anew each time: it rotates). */
export async function webIdentityCredentials(
  identity: WebIdentity,
  ctx: SourceContext,
): Promise<AwsCredentials> {
  if (!localFileReader())
    throw new AwsCredentialsError(
      `Cannot read the web identity token file (${identity.origin}) on this platform`,
    );
  let text: string | undefined;
  try {
    text = await readOptionalFile(identity.tokenFile);
  } catch (error) {
    throw new AwsCredentialsError(
      `${identity.origin}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (text === undefined)
    throw new AwsCredentialsError(
      `${identity.origin}: the web identity token file ${identity.tokenFile} does not exist`,
    );
  const token = text.trim();
  return stsCall(
    'AssumeRoleWithWebIdentity',
    {
      RoleArn: identity.roleArn,
      RoleSessionName: identity.sessionName || `tsbaml-${Date.now()}`,
      WebIdentityToken: token,
    },
    ctx,
    undefined,
    [token],
  );
}

export interface AssumeRole {
  roleArn: string;
  sessionName: string | undefined;
  externalId: string | undefined;
  durationSeconds: string | undefined;
}

/** AssumeRole, signed with `source` (the source profile's credentials). */
export async function assumeRoleCredentials(
  role: AssumeRole,
  source: AwsCredentials,
  ctx: SourceContext,
): Promise<AwsCredentials> {
  const params: Record<string, string> = {
    RoleArn: role.roleArn,
    RoleSessionName: role.sessionName || `tsbaml-${Date.now()}`,
  };
  if (role.externalId) params.ExternalId = role.externalId;
  if (role.durationSeconds) params.DurationSeconds = role.durationSeconds;
  const sign: SignHeaders = async (url, headers, body) => {
    const signed = await new AwsV4Signer({
      method: 'POST',
      url,
      headers,
      body,
      service: 'sts',
      region: ctx.region ?? 'us-east-1',
      accessKeyId: source.accessKeyId,
      secretAccessKey: source.secretAccessKey,
      ...(source.sessionToken ? { sessionToken: source.sessionToken } : {}),
    }).sign();
    const out: Record<string, string> = {};
    signed.headers.forEach((value, name) => {
      out[name] = value;
    });
    return out;
  };
  return stsCall('AssumeRole', params, ctx, sign, [
    source.secretAccessKey,
    source.sessionToken,
    params.ExternalId,
  ]);
}
