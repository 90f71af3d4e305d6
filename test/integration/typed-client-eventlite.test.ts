/**
 * A whole EventLite flow through the typed client (clients/index.ts: openapi-fetch over the types
 * generated from the document, docs/clients.md): create an event, publish it, register two
 * people, list the registrations. Every answer is also checked against the document
 * (setup-contract.ts).
 */
import { describe, expect, it } from 'vitest';
import { eventLiteClient } from '../../clients/index.ts';
import { arrangeOrganization, baseUrl, uniqueTitle } from './support.ts';

describe('EventLite through the typed client', () => {
  it('creates an event, publishes it, registers people and lists them', async () => {
    // prepare
    const [organiser] = await arrangeOrganization({ members: 1 });
    const client = eventLiteClient({ baseUrl: baseUrl(), token: organiser!.apiKey });
    const startAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    // act
    const created = await client.POST('/api/v1/events', { body: { title: uniqueTitle('Typed client meetup'), mode: 'ONLINE', startAt, capacity: 1, waitlist: true } });
    const id = created.data!.data.id;
    const published = await client.PATCH('/api/v1/events/{id}', { params: { path: { id } }, body: { status: 'PUBLISHED' } });
    const first = await client.POST('/api/v1/events/{id}/registrations', { params: { path: { id } }, body: { name: 'Alice Martin', email: 'alice@example.com' } });
    const second = await client.POST('/api/v1/events/{id}/registrations', { params: { path: { id } }, body: { name: 'Bruno Petit', email: 'bruno@example.com' } });
    const listed = await client.GET('/api/v1/events/{id}/registrations', { params: { path: { id } } });
    // assess
    expect(created.response.status).toBe(201);
    expect(published.data?.data.status).toBe('PUBLISHED');
    expect([first.response.status, second.response.status]).toEqual([201, 201]);
    expect(listed.data?.data.map((registration) => [registration.email, registration.status])).toEqual([
      ['alice@example.com', 'CONFIRMED'],
      ['bruno@example.com', 'WAITLISTED'],
    ]);
  });
});
