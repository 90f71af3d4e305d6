/**
 * The real middy chain of endpoint(), invoked with API Gateway v2 events; no SDK involved. It
 * covers what the gateway cannot provoke on demand: an unexpected exception inside a handler.
 */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { endpoint } from '../../shared/http/endpoint.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import type { ApiEvent, Context } from '../../shared/http/types.ts';

const context = { awsRequestId: 'lambda-request-id', getRemainingTimeInMillis: () => 1000 } as unknown as Context;

function event(overrides: Partial<ApiEvent> = {}): ApiEvent {
  return {
    version: '2.0',
    routeKey: 'POST /things',
    rawPath: '/things',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-organization-id': 'org_1' },
    requestContext: {
      requestId: 'gateway-request-id',
      http: { method: 'POST', path: '/things' },
      authorizer: { lambda: { principal: 'user', userId: 'user_1', organizationId: 'org_1', authType: 'apiKey', member: true, roles: 'admin', scopes: 'eventlite:read,eventlite:write,planninghub:read,planninghub:write' } },
    } as unknown as ApiEvent['requestContext'],
    isBase64Encoded: false,
    ...overrides,
  } as ApiEvent;
}

describe('endpoint() pipeline', () => {
  it('turns an unexpected error into a generic 500 with the request id, stack only in the logs', async () => {
    // prepare
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const handler = endpoint({ surface: 'planninghub' }, async () => {
      throw new Error('database exploded at /var/task/secret.ts:12');
    });
    // act
    const response = await handler(event(), context);
    // assess
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(response.body!)).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'Erreur interne du serveur', request_id: 'gateway-request-id' },
    });
    expect(response.body).not.toContain('exploded');
    expect(response.headers?.['X-Request-Id']).toBe('gateway-request-id');
    const logged = stderr.mock.calls.map(([line]) => String(line)).join('');
    expect(logged).toContain('database exploded');
    expect(logged).toContain('"stack"');
    stderr.mockRestore();
  });

  it('uses the EventLite envelope for the same failure', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const handler = endpoint({ surface: 'eventlite' }, async () => {
      throw new TypeError('boom');
    });
    const response = await handler(event({ headers: { 'accept-language': 'en', 'x-organization-id': 'org_1' } }), context);
    expect(JSON.parse(response.body!)).toEqual({ error: 'Internal server error', requestId: 'gateway-request-id' });
    vi.restoreAllMocks();
  });

  it('maps domain errors to their status with the code and message unchanged', async () => {
    const handler = endpoint({ surface: 'planninghub' }, async () => {
      throw new DomainError('conflict', 'RESOURCE_CONFLICT', { fr: 'Conflit', en: 'Conflict' }, { booking_id: 'b1' });
    });
    const response = await handler(event(), context);
    expect(response.statusCode).toBe(409);
    expect(JSON.parse(response.body!)).toEqual({ error: { code: 'RESOURCE_CONFLICT', message: 'Conflit', details: { booking_id: 'b1' } } });
  });

  it('validates the body and names every field at fault', async () => {
    const handler = endpoint({ surface: 'planninghub', body: z.strictObject({ start: z.iso.datetime(), count: z.number().int() }) }, async ({ body }) => ({
      statusCode: 200,
      body,
    }));
    const response = await handler(event({ body: JSON.stringify({ start: 'tomorrow', count: 1.5, extra: true }) }), context);
    expect(response.statusCode).toBe(400);
    const fields = JSON.parse(response.body!).error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(['start', 'count', 'extra']);
  });

  it('refuses anonymous callers before reading the body', async () => {
    const handler = endpoint({ surface: 'eventlite', body: z.object({}) }, async () => ({ statusCode: 200 }));
    const anonymous = event({ body: '{not json' });
    (anonymous.requestContext as { authorizer: unknown }).authorizer = { lambda: { principal: 'anonymous', reason: 'missing credentials' } };
    const response = await handler(anonymous, context);
    expect(response.statusCode).toBe(401);
    expect(JSON.parse(response.body!)).toEqual({ error: 'Unauthorized - Invalid or missing API key' });
  });

  it('decodes base64 bodies and passes the typed input to the handler', async () => {
    const handler = endpoint({ surface: 'eventlite', body: z.object({ n: z.number() }) }, async ({ body, principal }) => ({
      statusCode: 201,
      body: { doubled: body.n * 2, user: principal.userId, roles: principal.roles },
    }));
    const response = await handler(event({ body: Buffer.from('{"n":21}').toString('base64'), isBase64Encoded: true }), context);
    expect(response.statusCode).toBe(201);
    expect(JSON.parse(response.body!)).toEqual({ doubled: 42, user: 'user_1', roles: ['admin'] });
  });
});

describe('access rules', () => {
  it('requires X-Organization-ID on PlanningHub endpoints', async () => {
    const handler = endpoint({ surface: 'planninghub' }, async () => ({ statusCode: 200 }));
    const response = await handler(event({ headers: {} }), context);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body!).error.code).toBe('MISSING_ORGANIZATION_ID');
  });

  it('refuses a member whose roles do not allow the endpoint, and lets admins through', async () => {
    const handler = endpoint({ surface: 'planninghub', roles: ['stage_manager'] }, async () => ({ statusCode: 204 }));
    const technician = event();
    (technician.requestContext as { authorizer: { lambda: { roles: string } } }).authorizer.lambda.roles = 'technician,sound_engineer';
    const refused = await handler(technician, context);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body!).error.code).toBe('INSUFFICIENT_ROLE');
    expect((await handler(event(), context)).statusCode).toBe(204);
  });
});
