/**
 * The endpoint mode `organization: 'none'` (a signed-in person outside any organisation, e.g. their
 * own invitations), through the real middy chain with API Gateway v2 events; no SDK involved.
 */
import { describe, expect, it } from 'vitest';
import { endpoint } from '../../shared/http/endpoint.ts';
import type { ApiEvent, AuthorizerContext, Context, Surface } from '../../shared/http/types.ts';

const context = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

function event(authorizer: AuthorizerContext, headers: Record<string, string> = {}): ApiEvent {
  return {
    version: '2.0',
    routeKey: 'GET /v1/invitations',
    rawPath: '/v1/invitations',
    rawQueryString: '',
    headers,
    requestContext: { requestId: 'gateway-request-id', http: { method: 'GET', path: '/v1/invitations' }, authorizer: { lambda: authorizer } } as unknown as ApiEvent['requestContext'],
    isBase64Encoded: false,
  } as ApiEvent;
}

/** What the authorizer hands over for a verified JWT that names no organisation. */
const personWithoutOrganization: AuthorizerContext = { principal: 'user', userId: 'user_1', organizationId: '', authType: 'jwt', member: false, roles: '' };

const echo = (spec: { surface: Surface; organization?: 'required' | 'none' }) => endpoint(spec, async ({ principal }) => ({ statusCode: 200, body: principal }));

describe("endpoint mode organization: 'none'", () => {
  it('lets a verified person through without X-Organization-ID nor membership, with no organisation and no roles', async () => {
    // act
    const response = await echo({ surface: 'planninghub', organization: 'none' })(event(personWithoutOrganization), context);
    // assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body!)).toEqual({ userId: 'user_1', organizationId: '', authType: 'jwt', roles: [], scopes: ['eventlite:read', 'eventlite:write', 'planninghub:read', 'planninghub:write'] });
  });

  it('ignores a membership the token or header names: the route acts for the person only', async () => {
    const member: AuthorizerContext = { principal: 'user', userId: 'user_1', organizationId: 'org_1', authType: 'jwt', member: true, roles: 'admin' };
    const response = await echo({ surface: 'planninghub', organization: 'none' })(event(member, { 'x-organization-id': 'org_1' }), context);
    expect(JSON.parse(response.body!)).toMatchObject({ organizationId: '', roles: [] });
  });

  it('refuses API keys (403 JWT_REQUIRED)', async () => {
    const key: AuthorizerContext = { principal: 'user', userId: 'user_1', organizationId: 'org_1', authType: 'apiKey', apiKeyId: 'k1', member: true, roles: 'admin' };
    const response = await echo({ surface: 'planninghub', organization: 'none' })(event(key), context);
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body!).error.code).toBe('JWT_REQUIRED');
  });

  it('leaves every other route as before: a person without organisation is a 401 there', async () => {
    const response = await echo({ surface: 'planninghub' })(event(personWithoutOrganization), context);
    expect(response.statusCode).toBe(401);
    const eventlite = await echo({ surface: 'eventlite' })(event(personWithoutOrganization), context);
    expect(eventlite.statusCode).toBe(401);
  });

  it('still refuses anonymous callers (401)', async () => {
    const response = await echo({ surface: 'planninghub', organization: 'none' })(event({ principal: 'anonymous', reason: 'missing credentials' }), context);
    expect(response.statusCode).toBe(401);
  });
});
