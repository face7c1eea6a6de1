// The SSO profiles of the AWS credential chain on loopback: the token `aws sso login` caches
// (sso-session and legacy start-URL profiles), the portal's GetRoleCredentials, the renewal of
// an expiring token at SSO OIDC with the cache file rewritten, and secret-free errors.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAwsCredentials } from '../../src/runtime/llm/aws-credentials/chain.js';
import {
  credentialServer,
  expectNoSecret,
  failure,
  HOUR,
  home,
  later,
  ok,
  reply,
  request,
  routes,
} from './aws-credentials-fixtures.js';

const { server, requestsTo } = credentialServer();

describe('SSO profiles', () => {
  const ssoConfig =
    '[profile sso]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-west-2\n[sso-session my-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = us-west-2\n';
  const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');
  const portal = () =>
    routes({
      'GET /sso/federation/credentials': ok({
        roleCredentials: {
          accessKeyId: 'ASIASSO',
          secretAccessKey: 'sso-secret',
          sessionToken: 'sso-session-token',
          expiration: Date.now() + HOUR,
        },
      }),
    });

  it('exchanges the cached sso-session token at the portal, once while it is fresh', async () => {
    const dir = home({
      '.aws/config': ssoConfig,
      [`.aws/sso/cache/${sha1('my-sso')}.json`]: JSON.stringify({
        accessToken: 'sso-bearer-token',
        expiresAt: later(),
      }),
    });
    server.respond(portal());
    const env = { HOME: dir, AWS_ENDPOINT_URL_SSO: `${server.baseUrl}/sso` };
    const creds = await resolveAwsCredentials(request(env, { profile: 'sso' }));
    expect(creds).toMatchObject({
      accessKeyId: 'ASIASSO',
      secretAccessKey: 'sso-secret',
      sessionToken: 'sso-session-token',
    });
    const sent = requestsTo('/sso/federation/credentials')[0];
    expect(sent?.headers['x-amz-sso_bearer_token']).toBe('sso-bearer-token');
    expect(new URL(sent?.url ?? '', 'http://x').searchParams.get('account_id')).toBe(
      '111122223333',
    );
    expect(new URL(sent?.url ?? '', 'http://x').searchParams.get('role_name')).toBe('Dev');
    await resolveAwsCredentials(request(env, { profile: 'sso' }));
    expect(requestsTo('/sso/federation/credentials')).toHaveLength(1);
  });

  it('reads a legacy profile (sso_start_url) from the cache named after the start URL', async () => {
    const url = 'https://legacy.awsapps.com/start';
    const dir = home({
      '.aws/config': `[default]\nsso_start_url = ${url}\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n`,
      [`.aws/sso/cache/${sha1(url)}.json`]: JSON.stringify({
        accessToken: 'legacy-token',
        expiresAt: later(),
      }),
    });
    server.respond(portal());
    const creds = await resolveAwsCredentials(
      request({ HOME: dir, AWS_ENDPOINT_URL_SSO: `${server.baseUrl}/sso` }),
    );
    expect(creds.accessKeyId).toBe('ASIASSO');
    expect(requestsTo('/sso/federation/credentials')[0]?.headers['x-amz-sso_bearer_token']).toBe(
      'legacy-token',
    );
  });

  it('says to sign in again when the token expired or is missing, and hides a portal refusal token', async () => {
    const expired = home({
      '.aws/config': ssoConfig,
      [`.aws/sso/cache/${sha1('my-sso')}.json`]: JSON.stringify({
        accessToken: 'expired-bearer-token',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      }),
    });
    const e1 = await failure(request({ HOME: expired }, { profile: 'sso' }));
    expect(e1.message).toContain('the cached SSO token has expired');
    expect(e1.message).toContain('aws sso login --profile sso');
    expectNoSecret(e1, 'expired-bearer-token');
    const e2 = await failure(
      request({ HOME: home({ '.aws/config': ssoConfig }) }, { profile: 'sso' }),
    );
    expect(e2.message).toContain('no cached SSO token');

    const refused = home({
      '.aws/config': ssoConfig,
      [`.aws/sso/cache/${sha1('my-sso')}.json`]: JSON.stringify({
        accessToken: 'refused-bearer-token',
        expiresAt: later(),
      }),
    });
    server.respond(
      routes({
        'GET /sso/federation/credentials': reply(
          401,
          '{"message":"Session token not found or invalid: refused-bearer-token"}',
        ),
      }),
    );
    const e3 = await failure(
      request({ HOME: refused, AWS_ENDPOINT_URL_SSO: `${server.baseUrl}/sso` }, { profile: 'sso' }),
    );
    expect(e3.message).toContain('SSO GetRoleCredentials for AWS profile "sso" failed: 401');
    expectNoSecret(e3, 'refused-bearer-token');
  });
});

describe('SSO token refresh', () => {
  const config =
    '[profile sso]\nsso_session = my-sso\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session my-sso]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-central-1\n';
  const cacheFile = `.aws/sso/cache/${createHash('sha1').update('my-sso').digest('hex')}.json`;
  const expiredCache = JSON.stringify({
    startUrl: 'https://example.awsapps.com/start',
    region: 'eu-central-1',
    accessToken: 'old-bearer-token',
    expiresAt: new Date(Date.now() - 60_000).toISOString(),
    clientId: 'client-id-1',
    clientSecret: 'client-secret-value',
    registrationExpiresAt: later(30 * 24 * HOUR),
    refreshToken: 'refresh-token-value',
  });

  it('renews an expired token at SSO OIDC, rewrites the cache, and uses the new token', async () => {
    const dir = home({ '.aws/config': config, [cacheFile]: expiredCache });
    server.respond(
      routes({
        'POST /oidc/token': ok({
          accessToken: 'new-bearer-token',
          expiresIn: 28800,
          refreshToken: 'new-refresh-token',
          tokenType: 'Bearer',
        }),
        'GET /sso/federation/credentials': ok({
          roleCredentials: {
            accessKeyId: 'ASIAREFRESHED',
            secretAccessKey: 's',
            sessionToken: 't',
            expiration: Date.now() + HOUR,
          },
        }),
      }),
    );
    const creds = await resolveAwsCredentials(
      request(
        {
          HOME: dir,
          AWS_ENDPOINT_URL_SSO: `${server.baseUrl}/sso`,
          AWS_ENDPOINT_URL_SSO_OIDC: `${server.baseUrl}/oidc`,
        },
        { profile: 'sso' },
      ),
    );
    expect(creds.accessKeyId).toBe('ASIAREFRESHED');
    expect(requestsTo('/oidc/token')[0]?.body).toEqual({
      clientId: 'client-id-1',
      clientSecret: 'client-secret-value',
      grantType: 'refresh_token',
      refreshToken: 'refresh-token-value',
    });
    expect(requestsTo('/sso/federation/credentials')[0]?.headers['x-amz-sso_bearer_token']).toBe(
      'new-bearer-token',
    );
    const rewritten = JSON.parse(readFileSync(join(dir, cacheFile), 'utf8'));
    expect(rewritten).toMatchObject({
      accessToken: 'new-bearer-token',
      refreshToken: 'new-refresh-token',
      clientId: 'client-id-1',
    });
    expect(Date.parse(rewritten.expiresAt)).toBeGreaterThan(Date.now() + 7 * HOUR);
  });

  it('says to sign in again when the refresh is refused, without the refresh secrets', async () => {
    const dir = home({ '.aws/config': config, [cacheFile]: expiredCache });
    server.respond(
      routes({
        'POST /oidc/token': reply(
          400,
          '{"error":"invalid_grant","error_description":"bad refresh-token-value"}',
        ),
      }),
    );
    const e = await failure(
      request(
        { HOME: dir, AWS_ENDPOINT_URL_SSO_OIDC: `${server.baseUrl}/oidc` },
        { profile: 'sso' },
      ),
    );
    expect(e.message).toContain('could not be refreshed (400 invalid_grant)');
    expect(e.message).toContain('aws sso login --profile sso');
    expectNoSecret(e, 'refresh-token-value', 'client-secret-value', 'old-bearer-token');
  });
});
