/**
 * Deleting an event while something is allocated for it: the delete and the booking (or shift)
 * sent at the same moment through the gateway. Either the delete is refused (409) and the event
 * keeps its hold, or the allocation is refused (404) and nothing of it remains: never both
 * accepted, which used to leave a confirmed booking blocking equipment for a deleted event.
 *
 * EVENT_DELETE_RACE_ROUNDS sets the number of rounds (default 10; the race used to be lost in
 * about 9 rounds out of 10, so the default catches it). See docs/event-views.md, "Deleting".
 */
import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { api, tableClient, uniqueTitle, type ArrangedMember } from './support.ts';
import { arrangeCrewWorld, ph, technicianShift, type Caller } from './shifts-world.ts';

const ROUNDS = Number(process.env.EVENT_DELETE_RACE_ROUNDS ?? 10);

interface World {
  planner: Caller;
  /** The same admin's EventLite key (organiser of the events it creates). */
  apiKey: string;
  technician: ArrangedMember;
}

async function arrangeWorld(): Promise<World> {
  const crew = await arrangeCrewWorld(1);
  const issued = await api('POST', '/api/v1/api-keys', { token: crew.planner.accessToken, body: { name: 'race' } });
  expect(issued.status).toBe(201);
  return { planner: crew.planner, apiKey: issued.body.data.key, technician: crew.members[0]! };
}

async function newEvent(world: World): Promise<string> {
  const created = await ph('POST', '/v1/events', world.planner, { name: uniqueTitle('Race'), start_date: '2031-03-01', end_date: '2031-03-31' });
  expect(created.status).toBe(201);
  return created.body.id;
}

async function newItem(world: World): Promise<string> {
  const created = await ph('POST', '/v1/equipment', world.planner, { name: 'Race console', category: 'sound', subcategory: 'mixing_console' });
  expect(created.status).toBe(201);
  return created.body.id;
}

const book = (world: World, eventId: string, equipmentId: string, day: number) =>
  ph('POST', '/v1/equipment/book', world.planner, {
    equipment_id: equipmentId,
    event_id: eventId,
    start_time: `2031-03-${String(day).padStart(2, '0')}T10:00:00Z`,
    end_time: `2031-03-${String(day).padStart(2, '0')}T14:00:00Z`,
  });

const deleteEvent = (world: World, eventId: string) => api('DELETE', `/api/v1/events/${eventId}`, { token: world.apiKey });
const getEvent = (world: World, eventId: string) => ph('GET', `/v1/events/${eventId}`, world.planner);

/** What the table holds for the event's counter (read only to check what the API left behind). */
async function activeHolds(world: World, eventId: string): Promise<number | undefined> {
  const { client, tableName } = tableClient();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.event(world.planner.organizationId, eventId), ConsistentRead: true }));
  return Item?.activeHolds as number | undefined;
}

describe('Deleting an event while allocating for it (never both accepted)', () => {
  it(`a booking and the delete at the same moment: exactly one wins, ${ROUNDS} rounds`, { timeout: 60_000 + ROUNDS * 10_000 }, async () => {
    const world = await arrangeWorld();
    for (let round = 0; round < ROUNDS; round++) {
      // prepare: an event with nothing on it, an item free on the slot
      const [eventId, equipmentId] = await Promise.all([newEvent(world), newItem(world)]);
      // act
      const [deleted, booked] = await Promise.all([deleteEvent(world, eventId), book(world, eventId, equipmentId, 2)]);
      // assess
      const outcome = `round ${round}: delete ${deleted.status}, booking ${booked.status} ${booked.text}`;
      expect([deleted.status, booked.status].filter((status) => status === 200 || status === 201), outcome).toHaveLength(1);
      if (booked.status === 201) {
        expect(deleted.status, outcome).toBe(409);
        expect(deleted.body.details, outcome).toEqual({ shifts: 0, bookings: 1 });
        expect((await getEvent(world, eventId)).status).toBe(200);
        expect((await ph('GET', `/v1/equipment/bookings/${booked.body.booking_id}`, world.planner)).body.status).toBe('confirmed');
        expect(await activeHolds(world, eventId)).toBe(1);
      } else {
        expect(deleted.status, outcome).toBe(200);
        expect([404, 409], outcome).toContain(booked.status);
        expect((await getEvent(world, eventId)).status).toBe(404);
        // Nothing of the refused booking holds the item: the same slot books for another event.
        const again = await book(world, await newEvent(world), equipmentId, 2);
        expect(again.status, again.text).toBe(201);
      }
    }
  });

  it(`a shift and the delete at the same moment: exactly one wins, ${ROUNDS} rounds`, { timeout: 60_000 + ROUNDS * 10_000 }, async () => {
    const world = await arrangeWorld();
    for (let round = 0; round < ROUNDS; round++) {
      // prepare: an event with nothing on it; each round on a day of its own, so earlier winners do not collide
      const eventId = await newEvent(world);
      const day = String(round + 1).padStart(2, '0');
      const body = technicianShift(eventId, world.technician.userId, `2031-03-${day}T10:00:00Z`, `2031-03-${day}T14:00:00Z`);
      // act
      const [deleted, created] = await Promise.all([deleteEvent(world, eventId), ph('POST', '/v1/shifts', world.planner, body)]);
      // assess
      const outcome = `round ${round}: delete ${deleted.status}, shift ${created.status} ${created.text}`;
      expect([deleted.status, created.status].filter((status) => status === 200 || status === 201), outcome).toHaveLength(1);
      if (created.status === 201) {
        expect(deleted.status, outcome).toBe(409);
        expect(deleted.body.details, outcome).toEqual({ shifts: 1, bookings: 0 });
        expect((await getEvent(world, eventId)).status).toBe(200);
        expect((await ph('GET', `/v1/shifts/${created.body.id}`, world.planner)).status).toBe(200);
      } else {
        expect(deleted.status, outcome).toBe(200);
        expect([404, 409], outcome).toContain(created.status);
        expect((await getEvent(world, eventId)).status).toBe(404);
        // The technician is free on that slot: a shift for another event takes it.
        const again = await ph('POST', '/v1/shifts', world.planner, technicianShift(await newEvent(world), world.technician.userId, `2031-03-${day}T10:00:00Z`, `2031-03-${day}T14:00:00Z`));
        expect(again.status, again.text).toBe(201);
      }
    }
  });
});

describe('Deleting an event once its holds are given back (the counter stays exact)', () => {
  it('refuses while a booking holds, counts a double cancel once, and deletes when the last hold goes', async () => {
    // prepare: two bookings on one event
    const world = await arrangeWorld();
    const eventId = await newEvent(world);
    const [first, second] = await Promise.all([newItem(world), newItem(world)]);
    const a = await book(world, eventId, first, 3);
    const b = await book(world, eventId, second, 3);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await activeHolds(world, eventId)).toBe(2);
    // act: the first booking cancelled twice at once
    const cancels = await Promise.all([1, 2].map(() => ph('DELETE', `/v1/equipment/bookings/${a.body.booking_id}`, world.planner)));
    // assess
    expect(cancels.map((response) => response.status)).toEqual([200, 200]);
    expect(await activeHolds(world, eventId)).toBe(1);
    const refused = await deleteEvent(world, eventId);
    expect([refused.status, refused.body.details]).toEqual([409, { shifts: 0, bookings: 1 }]);
    expect((await getEvent(world, eventId)).status).toBe(200);

    expect((await ph('DELETE', `/v1/equipment/bookings/${b.body.booking_id}`, world.planner)).status).toBe(200);
    expect(await activeHolds(world, eventId)).toBe(0);
    expect((await deleteEvent(world, eventId)).status).toBe(200);
    expect((await getEvent(world, eventId)).status).toBe(404);
  });

  it('counts a shift once whether it is cancelled by DELETE or PATCH status, twice or not', async () => {
    // prepare: two shifts on one event
    const world = await arrangeWorld();
    const eventId = await newEvent(world);
    const shift = (day: string) => technicianShift(eventId, world.technician.userId, `2031-03-${day}T10:00:00Z`, `2031-03-${day}T14:00:00Z`);
    const one = await ph('POST', '/v1/shifts', world.planner, shift('20'));
    const two = await ph('POST', '/v1/shifts', world.planner, shift('22'));
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(await activeHolds(world, eventId)).toBe(2);
    // act: the first cancelled twice at once, the second through PATCH
    const cancels = await Promise.all([1, 2].map(() => ph('DELETE', `/v1/shifts/${one.body.id}`, world.planner)));
    expect(cancels.map((response) => response.status)).toEqual([200, 200]);
    expect(await activeHolds(world, eventId)).toBe(1);
    expect((await deleteEvent(world, eventId)).status).toBe(409);
    const patched = await ph('PATCH', `/v1/shifts/${two.body.id}`, world.planner, { status: 'cancelled' }, { 'if-match': `"${two.body.version}"` });
    expect(patched.status, patched.text).toBe(200);
    // assess
    expect(await activeHolds(world, eventId)).toBe(0);
    expect((await deleteEvent(world, eventId)).status).toBe(200);
  });

  it('an event edit at the same moment as bookings never puts back a stale count (bookings do not move the version)', { timeout: 120_000 }, async () => {
    const world = await arrangeWorld();
    const eventId = await newEvent(world);
    let booked = 0;
    for (let round = 0; round < 5; round++) {
      // prepare
      const items = await Promise.all([newItem(world), newItem(world)]);
      // act: two bookings and an edit on each surface, at once
      const [elPatch, phPatch, ...bookings] = await Promise.all([
        api('PATCH', `/api/v1/events/${eventId}`, { token: world.apiKey, body: { subtitle: `round ${round}` } }),
        ph('PATCH', `/v1/events/${eventId}`, world.planner, { description: `round ${round}` }),
        ...items.map((item) => book(world, eventId, item, 4)),
      ]);
      // assess: the edits were not made to retry by the bookings, and the counter is every booking
      expect([elPatch.status, phPatch.status], `${elPatch.text} ${phPatch.text}`).toEqual([200, 200]);
      expect(bookings.map((response) => response.status)).toEqual([201, 201]);
      booked += 2;
      expect(await activeHolds(world, eventId)).toBe(booked);
    }
  });
});
