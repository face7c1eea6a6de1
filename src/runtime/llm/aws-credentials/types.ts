// What every AWS credential source gives, and how sources say "not here, ask the next one".

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Epoch milliseconds, for temporary credentials. */
  expiresAt?: number;
}

type Env = Record<string, string | undefined>;

/** What a source reads: the client's environment and the `fetch` requests go through. */
export interface SourceContext {
  env: Env;
  fetch: typeof fetch;
  /** The region for regional endpoints (STS), if one is known. */
  region: string | undefined;
}

/**
 * Thrown for a failure the user must fix (bad configuration, a refused request); the chain stops
 * there. Messages name files, variables and statuses, never a key, token or secret.
 */
export class AwsCredentialsError extends Error {
  override readonly name = 'AwsCredentialsError';
}

/** An endpoint override: AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL. */
export function endpointOverride(env: Env, service: string): string | undefined {
  const url = env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL;
  return url ? url.replace(/\/+$/, '') : undefined;
}

/** `text` with every secret replaced, for messages built from a response. */
export function redactSecrets(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('<redacted>');
  return out;
}

/** Credentials from a JSON object's fields, or an error naming the missing field. */
export function credentialsFromJson(
  value: unknown,
  fields: { id: string; secret: string; token: string; expiration: string },
  source: string,
): AwsCredentials {
  const v = (value ?? {}) as Record<string, unknown>;
  const id = v[fields.id];
  const secret = v[fields.secret];
  if (typeof id !== 'string' || !id || typeof secret !== 'string' || !secret)
    throw new AwsCredentialsError(
      `${source} returned no credentials (missing ${typeof id === 'string' && id ? fields.secret : fields.id})`,
    );
  const token = v[fields.token];
  const expiration = v[fields.expiration];
  const expiresAt =
    typeof expiration === 'number'
      ? expiration
      : typeof expiration === 'string'
        ? Date.parse(expiration)
        : Number.NaN;
  return {
    accessKeyId: id,
    secretAccessKey: secret,
    ...(typeof token === 'string' && token ? { sessionToken: token } : {}),
    ...(Number.isFinite(expiresAt) ? { expiresAt } : {}),
  };
}
