// Shared by the AWS credential chain tests: loopback routes speaking STS / SSO / ECS / IMDS
// replies, temp home directories holding profile files, and secret-free error checks.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, expect } from 'vitest';
import { BamlClientError } from '../../src/runtime/errors/index.js';
import {
  type AwsCredentialRequest,
  clearAwsCredentialCache,
  resolveAwsCredentials,
} from '../../src/runtime/llm/aws-credentials/chain.js';
import type { Handler, LoopbackServer, RecordedRequest } from './loopback-server.js';
import { withLoopback } from './with-loopback.js';

export type { Handler };

export const HOUR = 3600_000;
export const later = (ms = HOUR) => new Date(Date.now() + ms).toISOString();

/** Answers by `METHOD /path` (query string ignored); anything else is a 404. */
export function routes(table: Record<string, Handler>): Handler {
  return (req, res) => {
    const handler = table[`${req.method} ${req.url.split('?')[0]}`];
    if (handler) return handler(req, res);
    res.writeHead(404);
    res.end();
  };
}
export function reply(status: number, body: string, type = 'application/json'): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': type });
    res.end(body);
  };
}
export const ok = (body: unknown) => reply(200, JSON.stringify(body));
export const stsOk = (
  action: string,
  id: string,
  secret: string,
  token: string,
  expiration = later(),
) =>
  reply(
    200,
    `<${action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><${action}Result><Credentials><AccessKeyId>${id}</AccessKeyId><SecretAccessKey>${secret}</SecretAccessKey><SessionToken>${token}</SessionToken><Expiration>${expiration}</Expiration></Credentials></${action}Result></${action}Response>`,
    'text/xml',
  );
/** A fresh home directory with the given files (paths relative to it). */
export function home(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsbaml-aws-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function request(
  env: Record<string, string | undefined>,
  extra: Partial<AwsCredentialRequest> = {},
): AwsCredentialRequest {
  return {
    clientName: 'Bedrock',
    accessKeyId: undefined,
    secretAccessKey: undefined,
    sessionToken: undefined,
    profile: undefined,
    region: 'us-east-1',
    // IMDS is off unless a test turns it on: no request may leave loopback.
    env: { AWS_EC2_METADATA_DISABLED: 'true', ...env },
    fetch,
    ...extra,
  };
}
export async function failure(req: AwsCredentialRequest): Promise<Error> {
  const e = await resolveAwsCredentials(req).catch((x) => x);
  expect(e).toBeInstanceOf(BamlClientError);
  return e as Error;
}
export function expectNoSecret(error: Error, ...secrets: string[]) {
  for (const s of secrets) {
    expect(error.message).not.toContain(s);
    expect(String(error.stack)).not.toContain(s);
  }
}

/**
 * The loopback server of a test file (the credential cache cleared before each test), and the
 * requests it got on one path (query string aside).
 */
export function credentialServer(): {
  server: LoopbackServer;
  requestsTo: (path: string) => RecordedRequest[];
} {
  const server = withLoopback(clearAwsCredentialCache);
  beforeEach(() => clearAwsCredentialCache());
  return {
    server,
    requestsTo: (path) => server.requests.filter((r) => r.url.split('?')[0] === path),
  };
}
