/**
 * One authorization policy for an event on both surfaces (shared/domain/event-policy.ts): a member
 * refused on PlanningHub must not do the same thing through EventLite, and the other way round.
 */
import { describe, expect, it } from 'vitest';
import { api, arrangeOrganization, uniqueTitle, type ArrangedMember } from './support.ts';

const ph = (method: string, path: string, caller: ArrangedMember, body?: unknown) =>
  api(method, path, { token: caller.accessToken, body, headers: { 'x-organization-id': caller.organizationId, 'accept-language': 'en' } });
const el = (method: string, path: string, caller: ArrangedMember, body?: unknown) =>
  api(method, path, { token: caller.apiKey, body, headers: { 'accept-language': 'en' } });

const setRoles = async (admin: ArrangedMember, member: ArrangedMember, roles: string[]) => {
  const response = await ph('PATCH', `/v1/members/${member.userId}`, admin, { roles });
  expect(response.status, response.text).toBe(200);
};

/** An admin, an organiser and another stage manager in an organisation of the test's own. */
async function arrangeTeam() {
  const [admin, organiser, peer] = await arrangeOrganization({ members: 3, roles: ['admin'] });
  await setRoles(admin!, organiser!, ['stage_manager']);
  await setRoles(admin!, peer!, ['sound_engineer', 'stage_manager']);
  return { admin: admin!, organiser: organiser!, peer: peer! };
}

/** One production created on PlanningHub and one event created on EventLite, both by the organiser. */
async function eventsOf(organiser: ArrangedMember): Promise<string[]> {
  const production = await ph('POST', '/v1/events', organiser, { name: uniqueTitle('Production'), start_date: '2031-05-01', end_date: '2031-05-03' });
  const eventLite = await el('POST', '/api/v1/events', organiser, { title: uniqueTitle('Public event'), mode: 'IN_PERSON', startAt: '2031-05-01T18:00:00.000Z' });
  expect([production.status, eventLite.status]).toEqual([201, 201]);
  return [production.body.id, eventLite.body.data.id];
}

const snapshot = async (admin: ArrangedMember, id: string) => {
  const response = await el('GET', `/api/v1/events/${id}`, admin);
  expect(response.status).toBe(200);
  return response.body.data;
};

describe('API5:2023 Broken Function Level Authorization — one policy for an event, whatever the surface', () => {
  it('a demoted organiser can neither change nor delete their event, on either surface, and the event is unchanged', async () => {
    // prepare: the organiser's events, then the organiser demoted to technician by an admin
    const { admin, organiser } = await arrangeTeam();
    const ids = await eventsOf(organiser);
    const before = await Promise.all(ids.map((id) => snapshot(admin, id)));
    await setRoles(admin, organiser, ['technician']);
    for (const id of ids) {
      // act
      const phPatch = await ph('PATCH', `/v1/events/${id}`, organiser, { name: 'Renamed by a technician', status: 'cancelled' });
      const elPatch = await el('PATCH', `/api/v1/events/${id}`, organiser, { title: 'Renamed by a technician', status: 'CANCELLED', capacity: 1 });
      const elDelete = await el('DELETE', `/api/v1/events/${id}`, organiser);
      // assess
      expect([phPatch.status, phPatch.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
      expect(elPatch.status).toBe(403);
      expect(elPatch.body).toEqual({ error: 'Forbidden - Insufficient role: one of stage_manager, admin is required' });
      expect([elDelete.status, elDelete.body]).toEqual([403, elPatch.body]);
    }
    expect(await Promise.all(ids.map((id) => snapshot(admin, id)))).toEqual(before);
  });

  it('an organiser who is a planner changes their event on both surfaces', async () => {
    // prepare
    const { organiser } = await arrangeTeam();
    const [production, eventLite] = await eventsOf(organiser);
    // act
    const phPatch = await ph('PATCH', `/v1/events/${eventLite}`, organiser, { name: 'Renamed on PlanningHub' });
    const elPatch = await el('PATCH', `/api/v1/events/${production}`, organiser, { title: 'Renamed on EventLite' });
    const elDelete = await el('DELETE', `/api/v1/events/${production}`, organiser);
    // assess
    expect([phPatch.status, elPatch.status, elDelete.status]).toEqual([200, 200, 200]);
  });

  it("a stage manager who does not organise the event is refused on both surfaces (EventLite keeps the seed's 403)", async () => {
    // prepare
    const { admin, organiser, peer } = await arrangeTeam();
    const ids = await eventsOf(organiser);
    const before = await Promise.all(ids.map((id) => snapshot(admin, id)));
    for (const id of ids) {
      // act
      const phPatch = await ph('PATCH', `/v1/events/${id}`, peer, { name: 'Taken over' });
      const elPatch = await el('PATCH', `/api/v1/events/${id}`, peer, { title: 'Taken over' });
      const elDelete = await el('DELETE', `/api/v1/events/${id}`, peer);
      // assess
      expect([phPatch.status, phPatch.body.error.code]).toEqual([403, 'NOT_EVENT_ORGANIZER']);
      expect([elPatch.status, elPatch.body]).toEqual([403, { error: "Forbidden - You don't own this event" }]);
      expect([elDelete.status, elDelete.body]).toEqual([403, { error: "Forbidden - You don't own this event" }]);
    }
    expect(await Promise.all(ids.map((id) => snapshot(admin, id)))).toEqual(before);
  });

  it('an admin changes and deletes any event of the organisation, on both surfaces', async () => {
    // prepare
    const { admin, organiser } = await arrangeTeam();
    const [production, eventLite] = await eventsOf(organiser);
    // act
    const elPatch = await el('PATCH', `/api/v1/events/${production}`, admin, { title: 'Renamed by the admin' });
    const phPatch = await ph('PATCH', `/v1/events/${eventLite}`, admin, { name: 'Renamed by the admin' });
    const elDelete = await el('DELETE', `/api/v1/events/${eventLite}`, admin);
    // assess
    expect([elPatch.status, phPatch.status, elDelete.status]).toEqual([200, 200, 200]);
  });

  it('a member without a planner role creates no event, on either surface', async () => {
    // prepare
    const { admin, organiser } = await arrangeTeam();
    await setRoles(admin, organiser, ['technician', 'lighting_engineer']);
    // act
    const production = await ph('POST', '/v1/events', organiser, { name: uniqueTitle('Production'), start_date: '2031-05-01', end_date: '2031-05-03' });
    const eventLite = await el('POST', '/api/v1/events', organiser, { title: uniqueTitle('Public event'), mode: 'IN_PERSON', startAt: '2031-05-01T18:00:00.000Z' });
    // assess
    expect([production.status, production.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
    expect([eventLite.status, eventLite.body]).toEqual([403, { error: 'Forbidden - Insufficient role: one of stage_manager, admin is required' }]);
    expect((await el('GET', '/api/v1/events?limit=100', admin)).body.data).toEqual([]);
  });
});
