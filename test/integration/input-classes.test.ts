/**
 * The attack's fuzzing found one example of each class of odd input that answered 500. The fuzz test
 * (fuzz-routes.test.ts) covers the classes on every route with generated values; this file replays
 * each original finding, deterministically, and checks the answer is the surface's 400 naming the
 * field at fault, with nothing written.
 */
import { describe, expect, it } from 'vitest';
import { admin, api, uniqueTitle } from './support.ts';

const validEvent = (title: string) => ({ title, mode: 'IN_PERSON', startAt: '2031-06-01T18:00:00Z', capacity: 20 });

const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

async function eventTitled(title: string) {
  const { accessToken, organizationId } = admin();
  const list = await api('GET', `/v1/events?q=${encodeURIComponent(title)}`, { token: accessToken, headers: { 'x-organization-id': organizationId } });
  expect(list.status).toBe(200);
  return (list.body.results as Array<{ name: string }>).filter((event) => event.name === title);
}

describe('API8:2023 Security Misconfiguration — each class of odd input the fuzzing found is a 400 naming the field', () => {
  it('an X-Organization-ID of 2 KB (over any DynamoDB key) is a 400 naming the header, on both credentials', async () => {
    // Prepare
    const { accessToken, apiKey } = admin();
    const huge = 'o'.repeat(2048);

    // Act
    const withJwt = await api('GET', '/v1/events', { token: accessToken, headers: { 'x-organization-id': huge } });
    const withKey = await api('GET', '/v1/events', { token: apiKey, headers: { 'x-organization-id': huge } });

    // Assess
    for (const response of [withJwt, withKey]) {
      expect(response.status).toBe(400);
      expect(response.body.error.details).toEqual([{ field: 'X-Organization-ID', message: 'De 1 à 128 lettres, chiffres ou _ - . : | @' }]);
    }
  });

  it('a latitude of 1e-131 (below what DynamoDB stores) is a 400 naming latitude, and no event is written', async () => {
    // Prepare
    const title = uniqueTitle('Underflow');

    // Act
    const response = await api('POST', '/api/v1/events', { token: admin().apiKey, body: { ...validEvent(title), latitude: 1e-131 } });

    // Assess
    expect(response.status).toBe(400);
    expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain('latitude');
    expect(await eventTitled(title)).toEqual([]);
  });

  it('a start in year 0050 is a 400 naming startAt, on EventLite and on a PlanningHub production', async () => {
    // Prepare
    const { apiKey, accessToken, organizationId } = admin();
    const title = uniqueTitle('Antiquity');

    // Act
    const eventLite = await api('POST', '/api/v1/events', { token: apiKey, body: { ...validEvent(title), startAt: '0050-06-01T18:00:00Z' } });
    const planningHub = await api('POST', '/v1/events', {
      token: accessToken,
      headers: { 'x-organization-id': organizationId },
      body: { name: title, start_date: '0050-06-01', end_date: '0050-06-02' },
    });

    // Assess
    expect(eventLite.status).toBe(400);
    expect(eventLite.body.details.map((detail: { field: string }) => detail.field)).toContain('startAt');
    expect(planningHub.status).toBe(400);
    expect(planningHub.body.error.details.map((detail: { field: string }) => detail.field)).toContain('start_date');
    expect(await eventTitled(title)).toEqual([]);
  });

  it('a JSON body nested 2,000 deep is a 400, not a stack overflow, on both surfaces', async () => {
    // Prepare
    const { apiKey, accessToken, organizationId } = admin();
    const rawBody = deepObject(2000);
    const headers = { 'content-type': 'application/json' };

    // Act
    const eventLite = await api('POST', '/api/v1/events', { token: apiKey, rawBody, headers });
    const planningHub = await api('POST', '/v1/events', { token: accessToken, rawBody, headers: { ...headers, 'x-organization-id': organizationId } });

    // Assess
    expect(eventLite.status).toBe(400);
    expect(typeof eventLite.body.error).toBe('string');
    expect(planningHub.status).toBe(400);
    expect(planningHub.body.error.code).toBeTypeOf('string');
  });

  it('a tampered cursor is a 400 naming cursor, on the shift and event lists', async () => {
    // Prepare
    const { accessToken, organizationId } = admin();
    const forged = Buffer.from(JSON.stringify({ pk: 'ORG#someone_else', sk: 'SHIFT#x', extra: 'ORG#'.repeat(400) })).toString('base64url');
    const headers = { 'x-organization-id': organizationId };

    // Act
    const shifts = await api('GET', `/v1/shifts?cursor=${forged}`, { token: accessToken, headers });
    const garbage = await api('GET', `/v1/shifts?cursor=${'%25'.repeat(3)}not-base64`, { token: accessToken, headers });

    // Assess
    for (const response of [shifts, garbage]) {
      expect(response.status).toBe(400);
      expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain('cursor');
    }
  });

  it('invalid percent-encoding in a path parameter is a 400, and the next request is served', async () => {
    // Prepare
    const { apiKey, accessToken, organizationId } = admin();

    // Act
    const eventLite = await api('GET', '/api/v1/events/%ff', { token: apiKey });
    const planningHub = await api('GET', '/v1/events/%E0%A4%A', { token: accessToken, headers: { 'x-organization-id': organizationId } });
    const truncated = await api('GET', '/v1/shifts/abc%', { token: accessToken, headers: { 'x-organization-id': organizationId } });
    const image = await api('GET', '/api/v1/images/events/%E0%A4%A/x.png');
    const after = await api('GET', '/api/v1/events', { token: apiKey });

    // Assess
    expect([eventLite.status, typeof eventLite.body.error]).toEqual([400, 'string']);
    for (const response of [planningHub, truncated]) expect([response.status, response.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect([400, 404]).toContain(image.status); // no such image either way; never a 5xx
    expect(after.status).toBe(200);
  });
});
