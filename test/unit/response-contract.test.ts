/**
 * The integration tests' response contract (test/integration/response-contract.ts): a response
 * that departs from the OpenAPI document (a wrong body, an undocumented status or route, another
 * content type, a body where none is declared) is reported, and the checked fetch throws on it.
 */
import { describe, expect, it } from 'vitest';
import { contractFetch, responseContract, ResponseDriftError, type OpenApiDocument } from '../integration/response-contract.ts';
import eventLiteDocument from '../../shared/openapi/eventlite.openapi.json' with { type: 'json' };
import planningHubDocument from '../../shared/openapi/planninghub.openapi.json' with { type: 'json' };

const json = (status: number, body: unknown, method = 'DELETE', url = '/v1/members/user_1') => ({ method, url, status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });
const contract = responseContract();

describe('response contract', () => {
  it('accepts a response the document declares', () => {
    // act
    const found = contract.violations(json(200, { status: 'removed', user_id: 'user_1' }));
    // assess
    expect(found).toEqual([]);
  });

  it('reports a body that departs from the schema: a missing field, an extra one, a wrong type', () => {
    // act
    const missing = contract.violations(json(200, { status: 'removed' }));
    const extra = contract.violations(json(200, { status: 'removed', user_id: 'user_1', removed_at: '2026-01-01' }));
    const wrongType = contract.violations(json(200, { status: 'removed', user_id: 42 }));
    const wrongError = contract.violations(json(404, { error: 'Not a member' }));
    // assess
    expect(missing.join()).toMatch(/RemoveMember.*200.*user_id/);
    expect(extra.join()).toMatch(/additional properties.*removed_at/);
    expect(wrongType.join()).toMatch(/user_id must be string/);
    expect(wrongError.join()).toMatch(/404: body\/error must be object/);
  });

  it('reports a status, a route or a content type the document does not declare, and a body where none is', () => {
    // prepare
    const { '/v1/members/{user_id}': _removed, ...paths } = planningHubDocument.paths;
    const withoutRoute = responseContract({ eventlite: eventLiteDocument as unknown as OpenApiDocument, planninghub: { ...planningHubDocument, paths } as unknown as OpenApiDocument });
    // act
    const status = contract.violations(json(418, { error: { code: 'TEAPOT', message: 'no' } }));
    const route = withoutRoute.violations(json(200, { status: 'removed', user_id: 'user_1' }));
    const contentType = contract.violations({ ...json(200, { status: 'removed', user_id: 'user_1' }), contentType: 'text/plain' });
    const bodyOn204 = contract.violations({ method: 'DELETE', url: '/v1/documents/doc_1', status: 204, contentType: 'application/json', body: '{}' });
    const csv = contract.violations({ method: 'GET', url: '/api/v1/events/e1/registrations/export.csv', status: 200, contentType: 'text/csv; charset=utf-8', body: '"id"\n' });
    // assess
    expect(status.join()).toMatch(/418: status not in the document/);
    expect(route.join()).toMatch(/DELETE \/v1\/members\/\{user_id\} is not in the planninghub document/);
    expect(contentType.join()).toMatch(/content type text\/plain, the document declares application\/json/);
    expect(bodyOn204.join()).toMatch(/a body the document does not declare/);
    expect(csv).toEqual([]);
  });

  it('holds the unknown paths of a surface to its error envelope', () => {
    // act
    const enveloped = contract.violations({ method: 'GET', url: '/v1/nowhere', status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'NOT_FOUND', message: 'No such route' } }) });
    const bare = contract.violations({ method: 'GET', url: '/api/v1/nowhere', status: 404, contentType: 'application/json', body: JSON.stringify({ message: 'Not Found' }) });
    // assess
    expect(enveloped).toEqual([]);
    expect(bare.join()).toMatch(/NotFound\) 404: body must have required property 'error'/);
  });

  it('makes the checked fetch throw on a drifted response of the gateway, and leaves other origins alone', async () => {
    // prepare
    const drifted = async () => new Response(JSON.stringify({ status: 'removed' }), { status: 200, headers: { 'content-type': 'application/json' } });
    const checked = contractFetch(drifted as typeof fetch, () => 'http://127.0.0.1:3000');
    // act
    const gateway = checked('http://127.0.0.1:3000/v1/members/user_1', { method: 'DELETE' });
    const s3 = await checked('http://127.0.0.1:4566/riders/documents/x', { method: 'DELETE' });
    // assess
    await expect(gateway).rejects.toThrow(ResponseDriftError);
    await expect(gateway).rejects.toThrow(/RemoveMember\) 200: body must have required property 'user_id'/);
    expect(s3.status).toBe(200);
  });
});
