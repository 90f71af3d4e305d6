/**
 * Deployed login: the credentials are exchanged with the configured Auth0 tenant (Resource Owner
 * Password grant with a realm), for an access token of the PlanningHub audience. Auth0 keeps the
 * passwords; the product never sees a hash of them.
 */
import { config } from '../config.ts';

export interface Auth0Config {
  domain: string;
  clientId: string;
  clientSecret?: string;
  audience: string;
  realm: string;
}

export function auth0ConfigFromEnv(): Auth0Config | undefined {
  return config.auth0;
}

export type Auth0Outcome = { ok: true; accessToken: string; expiresIn: number } | { ok: false; reason: 'invalid_credentials' | 'unavailable' };

/**
 * `clientIp` is the caller's address (API Gateway's sourceIp). Without it Auth0's brute-force
 * protection sees every login come from the function's address, and a burst of wrong passwords
 * would block the account for everyone; with it (and "Trust Token Endpoint IP Header" on a
 * confidential application) Auth0 too blocks only the attacking source.
 */
export async function exchangeWithAuth0(config: Auth0Config, email: string, password: string, clientIp?: string): Promise<Auth0Outcome> {
  let response: Response;
  try {
    response = await fetch(`https://${config.domain}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(clientIp ? { 'auth0-forwarded-for': clientIp } : {}) },
      body: JSON.stringify({
        grant_type: 'http://auth0.com/oauth/grant-type/password-realm',
        realm: config.realm,
        username: email,
        password,
        audience: config.audience,
        client_id: config.clientId,
        ...(config.clientSecret ? { client_secret: config.clientSecret } : {}),
        scope: 'openid email',
      }),
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    return { ok: false, reason: 'unavailable' };
  }
  if (response.status === 401 || response.status === 403) return { ok: false, reason: 'invalid_credentials' };
  if (!response.ok) return { ok: false, reason: 'unavailable' };
  const body = (await response.json()) as { access_token?: string; expires_in?: number };
  if (!body.access_token) return { ok: false, reason: 'unavailable' };
  return { ok: true, accessToken: body.access_token, expiresIn: body.expires_in ?? 3600 };
}
