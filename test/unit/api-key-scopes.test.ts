import { describe, expect, it } from 'vitest';
import {
  API_KEY_SCOPES,
  apiKeyExpiry,
  decodeScopes,
  encodeScopes,
  isApiKeyExpired,
  MAX_API_KEY_LIFETIME_SECONDS,
  requiredScope,
  scopesBeyond,
} from '../../shared/domain/api-key.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import type { ApiEvent, Context } from '../../shared/http/types.ts';

describe('API5:2023 Broken Function Level Authorization — the scope a route needs', () => {
  it.each([
    ['eventlite', 'GET', 'eventlite:read'],
    ['eventlite', 'HEAD', 'eventlite:read'],
    ['eventlite', 'POST', 'eventlite:write'],
    ['eventlite', 'PATCH', 'eventlite:write'],
    ['eventlite', 'DELETE', 'eventlite:write'],
    ['planninghub', 'get', 'planninghub:read'],
    ['planninghub', 'PUT', 'planninghub:write'],
    ['planninghub', 'DELETE', 'planninghub:write'],
    ['system', 'GET', null],
  ])('%s %s needs %s', (surface, method, expected) => {
    expect(requiredScope(surface, method)).toBe(expected);
  });

  it('finds the scopes a request asks beyond those held', () => {
    expect(scopesBeyond(['eventlite:read', 'eventlite:write'], ['eventlite:read'])).toEqual([]);
    expect(scopesBeyond(['eventlite:write'], ['eventlite:write', 'planninghub:write'])).toEqual(['planninghub:write']);
  });

  it('decodes only known scopes from the authorizer context', () => {
    expect(decodeScopes(encodeScopes(API_KEY_SCOPES))).toEqual([...API_KEY_SCOPES]);
    expect(decodeScopes('eventlite:read,admin:*,')).toEqual(['eventlite:read']);
    expect(decodeScopes(undefined)).toEqual([]);
  });
});

describe('API2:2023 Broken Authentication — API key expiry', () => {
  const now = new Date('2026-01-01T00:00:00.500Z');
  const nowSeconds = Math.floor(now.getTime() / 1000);

  it('has none unless asked, or inherits the issuing key\'s', () => {
    expect(apiKeyExpiry(undefined, now)).toEqual({ expiresAt: null });
    expect(apiKeyExpiry(undefined, now, nowSeconds + 60)).toEqual({ expiresAt: nowSeconds + 60 });
  });

  it('is rounded down to the second, never later than asked', () => {
    expect(apiKeyExpiry('2026-01-01T00:10:00.900Z', now)).toEqual({ expiresAt: nowSeconds + 600 });
  });

  it('refuses the past, more than a year ahead, and outliving the issuing key', () => {
    expect(apiKeyExpiry('2025-12-31T23:59:59Z', now)).toEqual({ problem: 'past' });
    // Rounded down to the current second: already past.
    expect(apiKeyExpiry('2026-01-01T00:00:00.900Z', now)).toEqual({ problem: 'past' });
    expect(apiKeyExpiry(new Date((nowSeconds + MAX_API_KEY_LIFETIME_SECONDS + 1) * 1000).toISOString(), now)).toEqual({ problem: 'too_far' });
    expect(apiKeyExpiry(new Date((nowSeconds + MAX_API_KEY_LIFETIME_SECONDS) * 1000).toISOString(), now)).toEqual({
      expiresAt: nowSeconds + MAX_API_KEY_LIFETIME_SECONDS,
    });
    expect(apiKeyExpiry('2026-01-01T02:00:00Z', now, nowSeconds + 3600)).toEqual({ problem: 'beyond_parent' });
  });

  it('is expired from its instant on', () => {
    expect(isApiKeyExpired(null, now)).toBe(false);
    expect(isApiKeyExpired(nowSeconds + 1, now)).toBe(false);
    expect(isApiKeyExpired(nowSeconds, now)).toBe(true);
  });
});

describe('API5:2023 Broken Function Level Authorization — the pipeline enforces scopes', () => {
  const context = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 1000 } as unknown as Context;
  const call = (method: string, lambda: Record<string, unknown>) =>
    ({
      version: '2.0',
      routeKey: `${method} /v1/things`,
      rawPath: '/v1/things',
      rawQueryString: '',
      headers: { 'x-organization-id': 'org_1' },
      requestContext: { requestId: 'r', http: { method, path: '/v1/things' }, authorizer: { lambda } },
      isBase64Encoded: false,
    }) as unknown as ApiEvent;
  const user = { principal: 'user', userId: 'user_1', organizationId: 'org_1', member: true, roles: 'admin' };
  const ok = endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 204 }));

  it('refuses a key without the scope, and a key whose context carries no scopes at all', async () => {
    const readOnly = await ok(call('DELETE', { ...user, authType: 'apiKey', scopes: 'planninghub:read' }), context);
    const none = await ok(call('GET', { ...user, authType: 'apiKey' }), context);
    expect(readOnly.statusCode).toBe(403);
    expect(JSON.parse(readOnly.body!).error).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: [{ field: 'scope', message: 'planninghub:write' }] });
    expect(none.statusCode).toBe(403);
  });

  it('lets a key with the scope and a JWT through', async () => {
    expect((await ok(call('GET', { ...user, authType: 'apiKey', scopes: 'planninghub:read' }), context)).statusCode).toBe(204);
    expect((await ok(call('DELETE', { ...user, authType: 'jwt' }), context)).statusCode).toBe(204);
  });
});
