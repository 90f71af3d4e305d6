/**
 * The Auth0 password-realm exchange of POST /v1/auth/login. Auth0 cannot be reached from here (no
 * network, no tenant), so `fetch` is stubbed: these tests pin the request we send and how each
 * answer is read.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auth0ConfigFromEnv, exchangeWithAuth0 } from '../../shared/auth/auth0.ts';

const config = { domain: 'sonopro.eu.auth0.com', clientId: 'client-1', clientSecret: 'secret-1', audience: 'https://planninghub-spectacle.fr/api', realm: 'Username-Password-Authentication' };

afterEach(() => vi.unstubAllGlobals());

describe('exchangeWithAuth0', () => {
  it('asks for a token of the PlanningHub audience with the password-realm grant', async () => {
    // prepare
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ access_token: 'eyJ.auth0.token', expires_in: 86400, token_type: 'Bearer' }), { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    // act
    const outcome = await exchangeWithAuth0(config, 'jmichel@sonopro.fr', 'securePassword123!');
    // assess
    expect(outcome).toEqual({ ok: true, accessToken: 'eyJ.auth0.token', expiresIn: 86400 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://sonopro.eu.auth0.com/oauth/token');
    expect(JSON.parse(init.body as string)).toEqual({
      grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
      realm: 'Username-Password-Authentication',
      username: 'jmichel@sonopro.fr',
      password: 'securePassword123!',
      audience: 'https://planninghub-spectacle.fr/api',
      client_id: 'client-1',
      client_secret: 'secret-1',
      scope: 'openid email',
    });
  });

  it.each([
    [403, { error: 'invalid_grant' }, { ok: false, reason: 'invalid_credentials' }],
    [401, { error: 'unauthorized' }, { ok: false, reason: 'invalid_credentials' }],
    [429, { error: 'too_many_attempts' }, { ok: false, reason: 'unavailable' }],
    [500, {}, { ok: false, reason: 'unavailable' }],
    [200, { no_token: true }, { ok: false, reason: 'unavailable' }],
  ])('reads a %i answer as %j', async (status, body, expected) => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(body), { status })));
    expect(await exchangeWithAuth0(config, 'a@b.fr', 'x')).toEqual(expected);
  });

  it('treats a network failure as the provider being unavailable, not as wrong credentials', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('fetch failed'))));
    expect(await exchangeWithAuth0(config, 'a@b.fr', 'x')).toEqual({ ok: false, reason: 'unavailable' });
  });
});

describe('auth0ConfigFromEnv', () => {
  it('is off until a domain and a client id are configured', () => {
    expect(auth0ConfigFromEnv()).toBeUndefined();
    vi.stubEnv('AUTH0_DOMAIN', 'sonopro.eu.auth0.com');
    vi.stubEnv('AUTH0_CLIENT_ID', 'client-1');
    expect(auth0ConfigFromEnv()).toMatchObject({ domain: 'sonopro.eu.auth0.com', clientId: 'client-1', realm: 'Username-Password-Authentication' });
    vi.unstubAllEnvs();
  });
});
