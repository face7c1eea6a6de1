// The AWS credential chain of `aws-bedrock` (src/runtime/llm/aws-credentials/), every source on
// loopback: profile files in temp directories, and local servers speaking the wire formats of
// STS (Query/XML), the ECS container endpoint and EC2 IMDSv2 (SSO: aws-credentials-sso.test.ts).
// Precedence, caching until shortly before expiry, and errors that never hold a secret.
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  type AwsCredentialRequest,
  clearAwsCredentialCache,
  resolveAwsCredentials,
} from '../../src/runtime/llm/aws-credentials/chain.js';
import {
  credentialServer,
  expectNoSecret,
  failure,
  type Handler,
  home,
  later,
  ok,
  reply,
  request,
  routes,
  stsOk,
} from './aws-credentials-fixtures.js';

const { server, requestsTo } = credentialServer();

describe('explicit keys and AWS_* variables', () => {
  const profileHome = () =>
    home({
      '.aws/credentials':
        '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = file-secret\n',
    });

  it('uses the client keys over the variables and the profile files', async () => {
    const creds = await resolveAwsCredentials(
      request(
        { HOME: profileHome(), AWS_ACCESS_KEY_ID: 'AKIDENV', AWS_SECRET_ACCESS_KEY: 'env-secret' },
        { accessKeyId: 'AKIDOPT', secretAccessKey: 'opt-secret', sessionToken: 'opt-token' },
      ),
    );
    expect(creds).toEqual({
      accessKeyId: 'AKIDOPT',
      secretAccessKey: 'opt-secret',
      sessionToken: 'opt-token',
    });
  });

  it('uses the variables over the profile files, even with a profile named', async () => {
    const creds = await resolveAwsCredentials(
      request(
        {
          HOME: profileHome(),
          AWS_ACCESS_KEY_ID: 'AKIDENV',
          AWS_SECRET_ACCESS_KEY: 'env-secret',
          AWS_SESSION_TOKEN: 'env-token',
        },
        { profile: 'default' },
      ),
    );
    expect(creds).toEqual({
      accessKeyId: 'AKIDENV',
      secretAccessKey: 'env-secret',
      sessionToken: 'env-token',
    });
  });

  it("refuses half a key pair with BAML's messages, naming no secret", async () => {
    const half = await failure(request({}, { secretAccessKey: 'opt-secret-value' }));
    expect(half.message).toBe(
      'client Bedrock: If either access_key_id or secret_access_key are provided, both must be provided.',
    );
    expectNoSecret(half, 'opt-secret-value');
    const tokenOnly = await failure(request({ AWS_SESSION_TOKEN: 'stray-session-token' }));
    expect(tokenOnly.message).toContain(
      'If session_token is provided, all three must be provided.',
    );
    expectNoSecret(tokenOnly, 'stray-session-token');
  });
});

describe('shared profile files', () => {
  it('reads the default profile, a named one ([profile x] in config), and AWS_PROFILE', async () => {
    const dir = home({
      '.aws/credentials':
        '# keys\n[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = default-secret\n\n[work]\naws_access_key_id=AKIDWORK\naws_secret_access_key=work-secret ; comment\naws_session_token = work-token\n',
      '.aws/config':
        '[profile dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = dev-secret\n',
    });
    const get = (extra: Partial<AwsCredentialRequest>, env: Record<string, string> = {}) =>
      resolveAwsCredentials(request({ HOME: dir, ...env }, extra));
    expect(await get({})).toEqual({
      accessKeyId: 'AKIDDEFAULT',
      secretAccessKey: 'default-secret',
    });
    expect(await get({ profile: 'work' })).toEqual({
      accessKeyId: 'AKIDWORK',
      secretAccessKey: 'work-secret',
      sessionToken: 'work-token',
    });
    expect((await get({}, { AWS_PROFILE: 'dev' })).accessKeyId).toBe('AKIDDEV');
    // The `profile` option wins over AWS_PROFILE.
    expect((await get({ profile: 'work' }, { AWS_PROFILE: 'dev' })).accessKeyId).toBe('AKIDWORK');
  });

  it('prefers the credentials file to the config file, and follows AWS_*_FILE', async () => {
    const dir = home({
      'elsewhere/creds': '[default]\naws_secret_access_key = from-credentials-file\n',
      'elsewhere/conf':
        '[default]\naws_access_key_id = AKIDCONF\naws_secret_access_key = from-config-file\n',
    });
    const creds = await resolveAwsCredentials(
      request({
        HOME: '/nonexistent-home',
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'elsewhere/creds'),
        AWS_CONFIG_FILE: join(dir, 'elsewhere/conf'),
      }),
    );
    expect(creds).toEqual({ accessKeyId: 'AKIDCONF', secretAccessKey: 'from-credentials-file' });
  });

  it('reports a named profile that does not exist, and a half key pair, without secrets', async () => {
    const dir = home({
      '.aws/credentials': '[half]\naws_secret_access_key = half-secret-value\n',
    });
    const missing = await failure(request({ HOME: dir }, { profile: 'nope' }));
    expect(missing.message).toContain('AWS profile "nope" not found in');
    const half = await failure(request({ HOME: dir }, { profile: 'half' }));
    expect(half.message).toContain(
      'AWS profile "half" sets aws_secret_access_key without aws_access_key_id',
    );
    expectNoSecret(half, 'half-secret-value');
  });

  it('skips the files and IMDS where the platform has no file system', async () => {
    const dir = home({
      '.aws/credentials': '[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = s\n',
    });
    const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
    try {
      // Nor is the instance metadata service asked: no EC2 host lacks a file system.
      const e = await failure(
        request({
          HOME: dir,
          AWS_EC2_METADATA_DISABLED: 'false',
          AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.baseUrl}/imds`,
        }),
      );
      expect(e.message).toContain('no AWS credentials found');
      expect(server.requests).toHaveLength(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('assumes a role over a source profile, signing the STS call with its keys', async () => {
    const dir = home({
      '.aws/config':
        '[profile base]\nregion = eu-west-1\n[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\nrole_session_name = me\nexternal_id = ext-1\n',
      '.aws/credentials':
        '[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n',
    });
    server.respond(
      routes({ 'POST /sts/': stsOk('AssumeRole', 'ASIAROLE', 'role-secret', 'role-token') }),
    );
    const env = { HOME: dir, AWS_ENDPOINT_URL_STS: `${server.baseUrl}/sts` };
    const creds = await resolveAwsCredentials(request(env, { profile: 'admin' }));
    expect(creds).toMatchObject({ accessKeyId: 'ASIAROLE', sessionToken: 'role-token' });
    const sent = requestsTo('/sts/')[0];
    const form = new URLSearchParams(String(sent?.body));
    expect(Object.fromEntries(form)).toEqual({
      Action: 'AssumeRole',
      Version: '2011-06-15',
      RoleArn: 'arn:aws:iam::123456789012:role/Admin',
      RoleSessionName: 'me',
      ExternalId: 'ext-1',
    });
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDBASE\/\d{8}\/us-east-1\/sts\/aws4_request, /,
    );
    // Cached: a second call asks STS nothing.
    await resolveAwsCredentials(request(env, { profile: 'admin' }));
    expect(requestsTo('/sts/')).toHaveLength(1);
  });

  it('refuses credential_process, which needs a child process', async () => {
    const dir = home({
      '.aws/config': '[default]\ncredential_process = /bin/creds --secret xyz\n',
    });
    const e = await failure(request({ HOME: dir }));
    expect(e.message).toContain('credential_process');
    expectNoSecret(e, '--secret xyz');
  });
});

describe('web identity, containers and instances', () => {
  it('exchanges the web identity token file at STS (AssumeRoleWithWebIdentity)', async () => {
    const dir = home({ token: 'eyJ.web-identity-token\n' });
    server.respond(
      routes({
        'POST /sts/': stsOk('AssumeRoleWithWebIdentity', 'ASIAWEB', 'web-secret', 'web-token'),
      }),
    );
    const env = {
      AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'),
      AWS_ROLE_ARN: 'arn:aws:iam::1:role/Pod',
      AWS_ROLE_SESSION_NAME: 'pod-session',
      AWS_ENDPOINT_URL_STS: `${server.baseUrl}/sts`,
    };
    const creds = await resolveAwsCredentials(request(env));
    expect(creds).toMatchObject({ accessKeyId: 'ASIAWEB', sessionToken: 'web-token' });
    const sent = requestsTo('/sts/')[0];
    expect(Object.fromEntries(new URLSearchParams(String(sent?.body)))).toEqual({
      Action: 'AssumeRoleWithWebIdentity',
      Version: '2011-06-15',
      RoleArn: 'arn:aws:iam::1:role/Pod',
      RoleSessionName: 'pod-session',
      WebIdentityToken: 'eyJ.web-identity-token',
    });
    expect(sent?.headers.authorization).toBeUndefined();
    // Fresh: no second exchange.
    await resolveAwsCredentials(request(env));
    expect(requestsTo('/sts/')).toHaveLength(1);

    // Credentials about to expire are exchanged again on the next call.
    clearAwsCredentialCache();
    server.requests.length = 0;
    server.respond(
      routes({
        'POST /sts/': stsOk('AssumeRoleWithWebIdentity', 'ASIASOON', 's', 't', later(60_000)),
      }),
    );
    await resolveAwsCredentials(request(env));
    await resolveAwsCredentials(request(env));
    expect(requestsTo('/sts/')).toHaveLength(2);

    clearAwsCredentialCache();
    server.respond(
      routes({
        'POST /sts/': reply(
          400,
          '<ErrorResponse><Error><Type>Sender</Type><Code>InvalidIdentityToken</Code><Message>Bad token eyJ.web-identity-token</Message></Error></ErrorResponse>',
          'text/xml',
        ),
      }),
    );
    const e = await failure(request(env));
    expect(e.message).toContain('400 InvalidIdentityToken');
    expectNoSecret(e, 'eyJ.web-identity-token');
  });

  it('asks the container endpoint with its authorization token (file over variable)', async () => {
    const dir = home({ 'ecs-token': 'container-auth-token\n' });
    server.respond(
      routes({
        'GET /ecs/creds': ok({
          AccessKeyId: 'ASIAECS',
          SecretAccessKey: 'ecs-secret',
          Token: 'ecs-token',
          Expiration: later(),
        }),
      }),
    );
    const creds = await resolveAwsCredentials(
      request({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.baseUrl}/ecs/creds`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(dir, 'ecs-token'),
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'ignored-token',
      }),
    );
    expect(creds).toMatchObject({ accessKeyId: 'ASIAECS', sessionToken: 'ecs-token' });
    expect(requestsTo('/ecs/creds')[0]?.headers.authorization).toBe('container-auth-token');
  });

  it('resolves a relative container URI against the ECS agent address', async () => {
    const seen: string[] = [];
    const agent: typeof fetch = (input, init) => {
      const url = String(input);
      seen.push(url);
      return fetch(url.replace('http://169.254.170.2', server.baseUrl), init);
    };
    server.respond(
      routes({
        'GET /v2/credentials/abc': ok({
          AccessKeyId: 'ASIAREL',
          SecretAccessKey: 'rel-secret',
          Token: 't',
          Expiration: later(),
        }),
      }),
    );
    const creds = await resolveAwsCredentials({
      ...request({ AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc' }),
      fetch: agent,
    });
    expect(creds.accessKeyId).toBe('ASIAREL');
    expect(seen).toEqual(['http://169.254.170.2/v2/credentials/abc']);
  });

  it('refuses a plain-http container URI to a remote host, and hides the token on a refusal', async () => {
    const e1 = await failure(
      request({ AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://example.com/creds' }),
    );
    expect(e1.message).toContain('AWS_CONTAINER_CREDENTIALS_FULL_URI must use https');
    server.respond(routes({ 'GET /ecs/creds': reply(403, 'denied container-secret-token') }));
    const e2 = await failure(
      request({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.baseUrl}/ecs/creds`,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-secret-token',
      }),
    );
    expect(e2.message).toContain('answered 403');
    expectNoSecret(e2, 'container-secret-token');
  });

  function imds(expiration: () => string): Handler {
    return routes({
      'PUT /imds/latest/api/token': reply(200, 'imds-session-token', 'text/plain'),
      'GET /imds/latest/meta-data/iam/security-credentials/': reply(
        200,
        'web-role\n',
        'text/plain',
      ),
      'GET /imds/latest/meta-data/iam/security-credentials/web-role': (req, res) =>
        ok({
          Code: 'Success',
          AccessKeyId: `ASIAIMDS${requestsTo(req.url).length}`,
          SecretAccessKey: 'imds-secret',
          Token: 'imds-token',
          Expiration: expiration(),
        })(req, res),
    });
  }

  it('gets the instance role through IMDSv2, cached until shortly before it expires', async () => {
    const env = {
      AWS_EC2_METADATA_DISABLED: 'false',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.baseUrl}/imds`,
    };
    server.respond(imds(() => later()));
    expect((await resolveAwsCredentials(request(env))).accessKeyId).toBe('ASIAIMDS1');
    const token = requestsTo('/imds/latest/api/token')[0];
    expect(token?.method).toBe('PUT');
    expect(token?.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    for (const r of requestsTo('/imds/latest/meta-data/iam/security-credentials/web-role'))
      expect(r.headers['x-aws-ec2-metadata-token']).toBe('imds-session-token');
    // Fresh for an hour: the second call is served from the cache.
    expect((await resolveAwsCredentials(request(env))).accessKeyId).toBe('ASIAIMDS1');
    expect(server.requests).toHaveLength(3);

    // Credentials two minutes from expiry are inside the renewal margin: each call renews.
    clearAwsCredentialCache();
    server.requests.length = 0;
    server.respond(imds(() => later(2 * 60_000)));
    expect((await resolveAwsCredentials(request(env))).accessKeyId).toBe('ASIAIMDS1');
    expect((await resolveAwsCredentials(request(env))).accessKeyId).toBe('ASIAIMDS2');
  });

  it('leaves IMDS alone when AWS_EC2_METADATA_DISABLED is true', async () => {
    server.respond(imds(() => later()));
    const e = await failure(
      request({
        AWS_EC2_METADATA_DISABLED: 'TRUE',
        AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.baseUrl}/imds`,
      }),
    );
    expect(e.message).toContain('no AWS credentials found');
    expect(server.requests).toHaveLength(0);
  });

  it('reports an IMDS refusal without the session token', async () => {
    server.respond(
      routes({
        'PUT /imds/latest/api/token': reply(200, 'imds-secret-session', 'text/plain'),
        'GET /imds/latest/meta-data/iam/security-credentials/': reply(200, 'r', 'text/plain'),
        'GET /imds/latest/meta-data/iam/security-credentials/r': ok({
          Code: 'AssumeRoleUnauthorizedAccess',
          Message: 'imds-secret-session',
        }),
      }),
    );
    const e = await failure(
      request({
        AWS_EC2_METADATA_DISABLED: '',
        AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.baseUrl}/imds`,
      }),
    );
    expect(e.message).toContain('Code AssumeRoleUnauthorizedAccess');
    expectNoSecret(e, 'imds-secret-session');
  });
});

describe('precedence of the chain', () => {
  it('takes the profile, then web identity, then the container, then the instance', async () => {
    const dir = home({
      '.aws/credentials': '[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n',
      token: 'web-token',
    });
    server.respond(
      routes({
        'POST /sts/': stsOk('AssumeRoleWithWebIdentity', 'ASIAWEB', 'w', 't'),
        'GET /ecs/creds': ok({
          AccessKeyId: 'ASIAECS',
          SecretAccessKey: 'e',
          Token: 't',
          Expiration: later(),
        }),
        'PUT /imds/latest/api/token': reply(200, 'tok', 'text/plain'),
        'GET /imds/latest/meta-data/iam/security-credentials/': reply(200, 'r', 'text/plain'),
        'GET /imds/latest/meta-data/iam/security-credentials/r': ok({
          Code: 'Success',
          AccessKeyId: 'ASIAIMDS',
          SecretAccessKey: 'i',
          Token: 't',
          Expiration: later(),
        }),
      }),
    );
    const all: Record<string, string | undefined> = {
      HOME: dir,
      AWS_WEB_IDENTITY_TOKEN_FILE: join(dir, 'token'),
      AWS_ROLE_ARN: 'arn:aws:iam::1:role/R',
      AWS_ENDPOINT_URL_STS: `${server.baseUrl}/sts`,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${server.baseUrl}/ecs/creds`,
      AWS_EC2_METADATA_DISABLED: 'false',
      AWS_EC2_METADATA_SERVICE_ENDPOINT: `${server.baseUrl}/imds`,
    };
    const id = async (env: Record<string, string | undefined>) =>
      (await resolveAwsCredentials(request(env))).accessKeyId;
    expect(await id(all)).toBe('AKIDPROFILE');
    expect(await id({ ...all, HOME: '/nonexistent-home' })).toBe('ASIAWEB');
    expect(await id({ ...all, HOME: undefined, AWS_ROLE_ARN: undefined })).toBe('ASIAECS');
    expect(
      await id({
        ...all,
        HOME: undefined,
        AWS_ROLE_ARN: undefined,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
      }),
    ).toBe('ASIAIMDS');
    // A default profile without keys (only a region) lets the chain go on.
    const regionOnly = home({ '.aws/config': '[default]\nregion = eu-north-1\n' });
    expect(await id({ ...all, HOME: regionOnly, AWS_ROLE_ARN: undefined })).toBe('ASIAECS');
  });
});
