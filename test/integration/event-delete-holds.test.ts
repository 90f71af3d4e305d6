import { describe, expect, it } from 'vitest';
import { api } from './support.ts';
import { arrangeCrewWorld, ph, technicianShift } from './shifts-world.ts';

describe('DELETE /api/v1/events/{id} with shifts', () => {
  it('refuses while a shift still holds resources for the event, and deletes once it is cancelled', async () => {
    // prepare: an event with one confirmed shift
    const world = await arrangeCrewWorld(1);
    const technician = world.members[0]!;
    const created = await ph('POST', '/v1/shifts', world.planner, technicianShift(world.eventId, technician.userId, '2031-03-10T10:00:00Z', '2031-03-10T14:00:00Z'));
    expect(created.status).toBe(201);
    const organizerKey = (await api('POST', '/api/v1/api-keys', { token: world.planner.accessToken, body: {} })).body.data.key;
    // act
    const refused = await api('DELETE', `/api/v1/events/${world.eventId}`, { token: organizerKey });
    // assess
    expect(refused.status).toBe(409);
    expect(refused.body.details).toEqual({ shifts: 1, bookings: 0 });
    expect((await api('GET', `/api/v1/events/${world.eventId}`, { token: organizerKey })).status).toBe(200);

    const cancelled = await ph('DELETE', `/v1/shifts/${created.body.id}`, world.planner);
    expect(cancelled.status).toBe(200);
    expect((await api('DELETE', `/api/v1/events/${world.eventId}`, { token: organizerKey })).status).toBe(200);
  });
});
