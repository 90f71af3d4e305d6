/**
 * PATCH /v1/users/me/availability and GET /v1/availability through the local gateway.
 *
 * Every test works on members it creates (never on the demo's Jean-Michel, whose profile other
 * files assert verbatim). Shifts do not exist yet: where a test needs one, its arrange step writes a
 * technician allocation item straight into the table, as shared/store/allocations.ts writes them
 * (keys.technicianAllocation), which is exactly what the availability endpoint reads.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { admin, api, colleague, joinOrganization, outsider, tableClient, tokenFor } from './support.ts';
import * as keys from '../../shared/store/keys.ts';
import { allocationEntity } from '../../shared/store/allocations.ts';
import { MembershipEntity, OrganizationEntity, UserEntity } from '../../shared/store/entities/identity.ts';

const ph = (token: string, organizationId = 'org_123') => ({ token, headers: { 'x-organization-id': organizationId } });

/** A new member of the organisation (invited by its admin, accepted) and a token of their own. */
async function newMember(roles: string[], organization: { id: string; adminToken: string } = { id: 'org_123', adminToken: admin().accessToken }) {
  const lastName = `Tech-${randomUUID().slice(0, 8)}`;
  const member = await joinOrganization(organization, roles, { firstName: 'Lou', lastName });
  return { ...member, lastName };
}

/**
 * Arrange-only: the allocation item shared/store/allocations.ts writes when a shift holds a
 * technician (resource `technician`, owner the shift), written directly because no endpoint
 * creates shifts yet.
 */
async function arrangeAllocation(organizationId: string, userId: string, shiftId: string, startAt: string, endAt: string) {
  const { client, tableName } = tableClient();
  const allocationId = `alloc_${randomUUID()}`;
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: allocationEntity.toItem({
        organizationId,
        resource: { type: 'technician', id: userId },
        allocation: { id: allocationId, start: Date.parse(startAt), end: Date.parse(endAt), quantity: 1, ownerType: 'shift', ownerId: shiftId, eventId: 'event_456', attributes: { shiftId } },
        createdAt: new Date().toISOString(),
      }),
    }),
  );
}

const patchAvailability = (token: string, body: unknown, organizationId = 'org_123') =>
  api('PATCH', '/v1/users/me/availability', { ...ph(token, organizationId), body });
const myAvailability = async (token: string) => (await api('GET', '/v1/users/me', ph(token))).body.availability;
const teamAvailability = (query: string, token = colleague().accessToken) => api('GET', `/v1/availability?${query}`, ph(token));

describe('PATCH /v1/users/me/availability', () => {
  it("replays the spec's example, warning included, with shift_101 on the evening of 2024-02-21", async () => {
    // prepare
    const tech = await newMember(['technician']);
    await arrangeAllocation('org_123', tech.userId, 'shift_101', '2024-02-21T17:00:00.000Z', '2024-02-21T22:00:00.000Z');
    // act
    const response = await patchAvailability(tech.token, { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null });
    // assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'success',
      availability: { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': [] },
      warnings: [
        {
          date: '2024-02-21',
          message: 'Ce créneau chevauche un shift existant (shift_101). Le conflit sera résolu par le régisseur.',
          severity: 'medium',
        },
      ],
    });
    expect(await myAvailability(tech.token)).toEqual({ '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'] });
  });

  it('gives no warnings when no shift overlaps', async () => {
    const tech = await newMember(['sound_engineer']);
    const response = await patchAvailability(tech.token, { '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null });
    expect(response.status).toBe(200);
    expect(response.body.warnings).toEqual([]);
  });

  it('warns for a range crossing midnight into a shift the next morning, not for a range that only touches one', async () => {
    // prepare: a shift on 2024-05-10 from 08:00 to 10:00 Paris time (UTC+2)
    const tech = await newMember(['technician']);
    await arrangeAllocation('org_123', tech.userId, 'shift_morning', '2024-05-10T06:00:00.000Z', '2024-05-10T08:00:00.000Z');
    // act
    const response = await patchAvailability(tech.token, { '2024-05-09': ['20:00-09:00'], '2024-05-10': ['10:00-18:00'] });
    // assess
    expect(response.status).toBe(200);
    expect(response.body.warnings).toEqual([
      { date: '2024-05-09', message: 'Ce créneau chevauche un shift existant (shift_morning). Le conflit sera résolu par le régisseur.', severity: 'medium' },
    ]);
  });

  it('ignores shifts of other technicians', async () => {
    const tech = await newMember(['technician']);
    const other = await newMember(['technician']);
    await arrangeAllocation('org_123', other.userId, 'shift_other', '2024-02-21T17:00:00.000Z', '2024-02-21T22:00:00.000Z');
    const response = await patchAvailability(tech.token, { '2024-02-21': ['14:00-03:00'] });
    expect(response.body.warnings).toEqual([]);
  });

  it('stores a range crossing midnight under its own date, ending the next morning', async () => {
    // prepare
    const tech = await newMember(['technician']);
    // act
    const response = await patchAvailability(tech.token, { '2024-03-05': ['22:00-06:00'] });
    // assess
    expect(response.body.availability).toEqual({ '2024-03-05': ['22:00-06:00'] });
    expect(await myAvailability(tech.token)).toEqual({ '2024-03-05': ['22:00-06:00'] });
    const team = await teamAvailability(`from=2024-03-05&to=2024-03-06&user_ids=${tech.userId}`);
    expect(team.body.results[0].intervals).toEqual([{ date: '2024-03-05', start_time: '2024-03-05T21:00:00Z', end_time: '2024-03-06T05:00:00Z' }]);
  });

  it('clears a date sent as null or [] and keeps the dates not sent', async () => {
    // prepare
    const tech = await newMember(['technician']);
    await patchAvailability(tech.token, { '2024-06-01': ['08:00-12:00'], '2024-06-02': ['09:00-17:00'], '2024-06-03': ['10:00-11:00'] });
    // act
    const response = await patchAvailability(tech.token, { '2024-06-01': null, '2024-06-03': [] });
    // assess
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'success', availability: { '2024-06-01': [], '2024-06-03': [] }, warnings: [] });
    expect(await myAvailability(tech.token)).toEqual({ '2024-06-02': ['09:00-17:00'] });
  });

  it('merges overlapping and touching ranges of one day, sorted', async () => {
    const tech = await newMember(['technician']);
    const response = await patchAvailability(tech.token, {
      '2024-04-10': ['14:00-18:00', '08:00-12:00', '11:00-15:00'],
      '2024-04-11': ['12:00-13:00', '10:00-12:00', '20:00-22:00'],
    });
    expect(response.status).toBe(200);
    expect(response.body.availability).toEqual({ '2024-04-10': ['08:00-18:00'], '2024-04-11': ['10:00-13:00', '20:00-22:00'] });
    expect(await myAvailability(tech.token)).toEqual({ '2024-04-10': ['08:00-18:00'], '2024-04-11': ['10:00-13:00', '20:00-22:00'] });
  });

  it.each([
    ['an hour past 23', '25:00-26:00', 'Plage horaire invalide pour le 2024-02-20 : « 25:00-26:00 » (format attendu HH:MM-HH:MM)'],
    ['a one-digit hour', '8:00-18:00', 'Plage horaire invalide pour le 2024-02-20 : « 8:00-18:00 » (format attendu HH:MM-HH:MM)'],
    ['minutes past 59', '10:60-12:00', 'Plage horaire invalide pour le 2024-02-20 : « 10:60-12:00 » (format attendu HH:MM-HH:MM)'],
    ['no end', '10:00', 'Plage horaire invalide pour le 2024-02-20 : « 10:00 » (format attendu HH:MM-HH:MM)'],
    ['an empty string', '', 'Plage horaire invalide pour le 2024-02-20 : «  » (format attendu HH:MM-HH:MM)'],
    ['24:00 as a start', '24:00-02:00', 'Plage horaire invalide pour le 2024-02-20 : « 24:00-02:00 » (format attendu HH:MM-HH:MM)'],
    ['spaces', '10:00 - 12:00', 'Plage horaire invalide pour le 2024-02-20 : « 10:00 - 12:00 » (format attendu HH:MM-HH:MM)'],
    ['an empty range', '10:00-10:00', 'Plage horaire vide pour le 2024-02-20 : « 10:00-10:00 » (le début et la fin sont identiques)'],
  ])('refuses %s with 400 INVALID_TIME_RANGE naming the date and the range', async (_label, range, message) => {
    // prepare
    const tech = await newMember(['technician']);
    // act
    const response = await patchAvailability(tech.token, { '2024-02-20': [range] });
    // assess
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'INVALID_TIME_RANGE', message, details: [{ date: '2024-02-20', range, message }] } });
  });

  it('names every fault at once, in English on request, and writes nothing', async () => {
    // prepare
    const tech = await newMember(['technician']);
    // act
    const response = await api('PATCH', '/v1/users/me/availability', {
      token: tech.token,
      headers: { 'x-organization-id': 'org_123', 'accept-language': 'en' },
      body: { '2024-02-19': ['09:00-17:00'], '2024-02-20': ['10:00-20:00', '99:00-10:00', 7], '2024-02-30': ['10:00-12:00'], '2024-02-21': '10:00-12:00' },
    });
    // assess
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('INVALID_TIME_RANGE');
    expect(response.body.error.details).toEqual([
      { date: '2024-02-20', range: '99:00-10:00', message: 'Invalid time range for 2024-02-20: "99:00-10:00" (expected HH:MM-HH:MM)' },
      { date: '2024-02-20', range: '7', message: 'Invalid time range for 2024-02-20: "7" (expected HH:MM-HH:MM)' },
      { date: '2024-02-30', range: null, message: 'Invalid date: "2024-02-30" (expected a calendar date as YYYY-MM-DD)' },
      { date: '2024-02-21', range: null, message: 'Invalid value for 2024-02-21: expected a list of HH:MM-HH:MM ranges or null' },
    ]);
    expect(response.body.error.message).toBe(response.body.error.details.map((d: { message: string }) => d.message).join('; '));
    expect(await myAvailability(tech.token)).toEqual({});
  });

  it('refuses an empty body and a body that is not an object with 400 VALIDATION_ERROR', async () => {
    const tech = await newMember(['technician']);
    const empty = await patchAvailability(tech.token, {});
    const list = await patchAvailability(tech.token, [['10:00-12:00']]);
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
    expect([list.status, list.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
  });

  it('stores daylight-saving days as declared and reads them with their real length', async () => {
    // prepare
    const tech = await newMember(['technician']);
    // act: the night of the spring change, a range inside the skipped hour, and the autumn fold
    const response = await patchAvailability(tech.token, {
      '2024-03-30': ['22:00-04:00'],
      '2024-03-31': ['02:30-05:00'],
      '2024-10-27': ['01:00-04:00'],
    });
    // assess: the local ranges are kept verbatim...
    expect(response.status).toBe(200);
    expect(await myAvailability(tech.token)).toEqual({ '2024-03-30': ['22:00-04:00'], '2024-03-31': ['02:30-05:00'], '2024-10-27': ['01:00-04:00'] });
    // ...and mean 5 h (not 6), 2 h (02:30 does not exist: it starts when the clock jumps to 03:00) and 4 h (not 3)
    const spring = await teamAvailability(`from=2024-03-30&to=2024-03-31&user_ids=${tech.userId}`);
    const autumn = await teamAvailability(`from=2024-10-27&to=2024-10-27&user_ids=${tech.userId}`);
    expect(spring.body.results[0].intervals).toEqual([
      { date: '2024-03-30', start_time: '2024-03-30T21:00:00Z', end_time: '2024-03-31T02:00:00Z' },
      { date: '2024-03-31', start_time: '2024-03-31T01:00:00Z', end_time: '2024-03-31T03:00:00Z' },
    ]);
    expect(autumn.body.results[0].intervals).toEqual([{ date: '2024-10-27', start_time: '2024-10-26T23:00:00Z', end_time: '2024-10-27T03:00:00Z' }]);
  });

  it("reads dates in the organisation's time zone", async () => {
    // prepare: an organisation in New York (no API creates organisations yet), with one stage manager
    const { client, tableName } = tableClient();
    const organizationId = `org_ny_${randomUUID().slice(0, 8)}`;
    const userId = `user_${randomUUID()}`;
    const now = new Date().toISOString();
    await client.send(new PutCommand({ TableName: tableName, Item: OrganizationEntity.toItem({ id: organizationId, name: 'NY Crew', timezone: 'America/New_York', createdAt: now }) }));
    await client.send(new PutCommand({ TableName: tableName, Item: UserEntity.toItem({ id: userId, email: `${userId}@ny.example`, firstName: 'Sam', lastName: 'Stage', phone: null, createdAt: now }) }));
    await client.send(new PutCommand({ TableName: tableName, Item: MembershipEntity.toItem({ organizationId, userId, roles: ['stage_manager'], createdAt: now }) }));
    const token = tokenFor(userId, organizationId);
    // act: 2024-03-10 is the spring change in New York (02:00 EST -> 03:00 EDT)
    const response = await patchAvailability(token, { '2024-03-10': ['01:00-04:00'] }, organizationId);
    // assess
    expect(response.status).toBe(200);
    const team = await api('GET', '/v1/availability?from=2024-03-10&to=2024-03-10', ph(token, organizationId));
    expect(team.body).toEqual({
      from: '2024-03-10',
      to: '2024-03-10',
      timezone: 'America/New_York',
      count: 1,
      results: [
        {
          user_id: userId,
          first_name: 'Sam',
          last_name: 'Stage',
          availability: { '2024-03-10': ['01:00-04:00'] },
          intervals: [{ date: '2024-03-10', start_time: '2024-03-10T06:00:00Z', end_time: '2024-03-10T08:00:00Z' }],
        },
      ],
    });
  });

  it('loses no date when PATCHes on different dates run at once', async () => {
    // prepare
    const tech = await newMember(['technician']);
    const dates = Array.from({ length: 12 }, (_, i) => `2024-09-${String(i + 1).padStart(2, '0')}`);
    // act
    const responses = await Promise.all(dates.map((date) => patchAvailability(tech.token, { [date]: ['09:00-17:00'] })));
    // assess
    expect(responses.map((response) => response.status)).toEqual(dates.map(() => 200));
    expect(await myAvailability(tech.token)).toEqual(Object.fromEntries(dates.map((date) => [date, ['09:00-17:00']])));
  });

  it('gives a member without a technician profile a minimal one', async () => {
    // prepare
    const tech = await newMember(['lighting_engineer']);
    expect((await api('GET', `/v1/technicians/${tech.userId}`, ph(tech.token))).status).toBe(404);
    // act
    await patchAvailability(tech.token, { '2024-07-01': ['10:00-12:00'] });
    // assess
    const profile = await api('GET', `/v1/technicians/${tech.userId}`, ph(tech.token));
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ user_id: tech.userId, specializations: [], employment_contract: null, availability: { '2024-07-01': ['10:00-12:00'] } });
  });

  it('requires a member of the organisation', async () => {
    const response = await patchAvailability(outsider().accessToken, { '2024-02-20': ['10:00-20:00'] });
    expect(response.status).toBe(403);
  });
});

describe('GET /v1/availability', () => {
  it("shows planners each technician's dates within the range, and only those", async () => {
    // prepare
    const first = await newMember(['technician']);
    const second = await newMember(['sound_engineer']);
    await patchAvailability(first.token, { '2024-02-14': ['10:00-12:00'], '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-21': ['14:00-03:00'] });
    await patchAvailability(second.token, { '2024-02-22': ['10:00-12:00'] });
    // act
    const response = await teamAvailability(`from=2024-02-15&to=2024-02-21&user_ids=${first.userId},${second.userId}`);
    // assess
    expect(response.status).toBe(200);
    const expected = [
      {
        user_id: first.userId,
        first_name: 'Lou',
        last_name: first.lastName,
        availability: { '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-21': ['14:00-03:00'] },
        intervals: [
          { date: '2024-02-15', start_time: '2024-02-15T07:00:00Z', end_time: '2024-02-15T17:00:00Z' },
          { date: '2024-02-15', start_time: '2024-02-15T19:00:00Z', end_time: '2024-02-16T01:00:00Z' },
          { date: '2024-02-21', start_time: '2024-02-21T13:00:00Z', end_time: '2024-02-22T02:00:00Z' },
        ],
      },
      { user_id: second.userId, first_name: 'Lou', last_name: second.lastName, availability: {}, intervals: [] },
    ].sort((a, b) => a.last_name.localeCompare(b.last_name, 'fr'));
    expect(response.body).toEqual({ from: '2024-02-15', to: '2024-02-21', timezone: 'Europe/Paris', count: 2, results: expected });
  });

  it('lists every technician of the organisation without user_ids, Jean-Michel included', async () => {
    const response = await teamAvailability('from=2024-02-15&to=2024-02-16', admin().accessToken);
    expect(response.status).toBe(200);
    expect(response.body.results.find((result: { user_id: string }) => result.user_id === 'user_456')).toMatchObject({
      first_name: 'Jean-Michel',
      last_name: 'Leroy',
      availability: { '2024-02-15': ['08:00-18:00', '20:00-02:00'], '2024-02-16': ['14:00-23:00'] },
    });
  });

  it("never shows another organisation's technicians, even when asked by id", async () => {
    // prepare
    const foreign = await newMember(['technician'], { id: 'org_999', adminToken: outsider().accessToken });
    await patchAvailability(foreign.token, { '2024-02-15': ['10:00-12:00'] }, 'org_999');
    // act
    const response = await teamAvailability(`from=2024-02-15&to=2024-02-15&user_ids=${foreign.userId}`);
    // assess
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([]);
  });

  it('is for planners: a technician gets 403', async () => {
    const tech = await newMember(['technician']);
    const response = await teamAvailability('from=2024-02-15&to=2024-02-21', tech.token);
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('INSUFFICIENT_ROLE');
  });

  it.each([
    ['from missing', 'to=2024-02-21', ['from']],
    ['to before from', 'from=2024-02-21&to=2024-02-15', ['to']],
    ['a range of more than 92 days', 'from=2024-01-01&to=2024-04-02', ['to']],
    ['a malformed date', 'from=2024-02-30&to=2024-03-01', ['from']],
    ['an unknown parameter', 'from=2024-02-15&to=2024-02-16&team=all', ['team']],
  ])('refuses %s with 400', async (_label, query, fields) => {
    const response = await teamAvailability(query);
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual(fields);
  });
});
