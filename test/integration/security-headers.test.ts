/**
 * OWASP API8 response headers: `X-Content-Type-Options: nosniff` on every answer (the gateway's
 * own 404 and preflight included) and `Cache-Control: no-store` on every authenticated one, so
 * that profiles, contracts, rates or check-in tokens are never kept by a cache.
 */
import { describe, expect, it } from 'vitest';
import { admin, api, colleague, type ApiResponse } from './support.ts';

const phHeaders = () => ({ 'x-organization-id': admin().organizationId });

const expectNoSniff = (response: ApiResponse) => expect(response.headers.get('x-content-type-options')).toBe('nosniff');
const expectNoStore = (response: ApiResponse) => expect(response.headers.get('cache-control')).toBe('no-store');

describe('API8:2023 Security Misconfiguration — response headers', () => {
  it('authenticated PlanningHub reads are no-store and nosniff', async () => {
    // Prepare
    const { accessToken, organizationId } = admin();
    const reads = ['/v1/users/me', '/v1/technicians', '/v1/members', '/v1/events', '/v1/shifts', '/v1/equipment'];

    // Act
    const responses = await Promise.all(reads.map((path) => api('GET', path, { token: accessToken, headers: { 'x-organization-id': organizationId } })));

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(200);
      expectNoStore(response);
      expectNoSniff(response);
    }
  });

  it('authenticated EventLite reads are no-store and nosniff', async () => {
    // Prepare
    const { apiKey } = admin();

    // Act
    const responses = await Promise.all(['/api/v1/events', '/api/v1/api-keys'].map((path) => api('GET', path, { token: apiKey })));

    // Assess
    for (const response of responses) {
      expect(response.status).toBe(200);
      expectNoStore(response);
      expectNoSniff(response);
    }
  });

  it('errors of both surfaces are no-store and nosniff', async () => {
    // Prepare
    const { accessToken, apiKey } = admin();

    // Act
    const responses = await Promise.all([
      api('GET', '/v1/users/me'),
      api('GET', '/v1/events', { token: accessToken }),
      api('GET', '/v1/events?limit=0', { token: accessToken, headers: phHeaders() }),
      api('GET', '/v1/events/evt_does_not_exist', { token: accessToken, headers: phHeaders() }),
      api('GET', '/api/v1/events/does-not-exist', { token: apiKey }),
      api('POST', '/api/v1/events', { token: apiKey, rawBody: '{', headers: { 'content-type': 'application/json' } }),
    ]);

    // Assess
    expect(responses.map((response) => response.status)).toEqual([401, 400, 400, 404, 404, 400]);
    for (const response of responses) {
      expectNoStore(response);
      expectNoSniff(response);
    }
  });

  it('login answers, successful or not, are no-store and nosniff', async () => {
    // Act
    const ok = await api('POST', '/v1/auth/login', { body: { email: colleague().email, password: 'securePassword123!', organization_id: colleague().organizationId } });
    const malformed = await api('POST', '/v1/auth/login', { body: { email: 'not an email' } });

    // Assess
    expect([ok.status, malformed.status]).toEqual([200, 400]);
    for (const response of [ok, malformed]) {
      expectNoStore(response);
      expectNoSniff(response);
    }
  });

  it("the gateway's own answers (unknown route, preflight) are nosniff", async () => {
    // Act
    const unknown = await api('GET', '/v1/nowhere');
    const preflight = await api('OPTIONS', '/v1/events', { headers: { origin: 'https://app.example', 'access-control-request-method': 'GET' } });

    // Assess
    expect([unknown.status, preflight.status]).toEqual([404, 204]);
    expectNoSniff(unknown);
    expectNoSniff(preflight);
  });

  it('public documents keep their short cache, with nosniff; health is not cached', async () => {
    // Act
    const openapi = await api('GET', '/api/v1/openapi');
    const health = await api('GET', '/health');

    // Assess
    expect(openapi.headers.get('cache-control')).toBe('public, max-age=300');
    expectNoSniff(openapi);
    expectNoStore(health);
    expectNoSniff(health);
  });
});
