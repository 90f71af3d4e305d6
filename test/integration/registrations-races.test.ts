/**
 * Races on one event's registrations, through HTTP to the local gateway (Promise.all):
 * 200 simultaneous registrations on capacity 50, then 20 simultaneous cancellations of confirmed
 * ones. The counters must equal a full recount of the items every time.
 *
 * REGISTRATION_RACE_ROUNDS (default 2) repeats the whole scenario on fresh events, e.g.
 * `REGISTRATION_RACE_ROUNDS=5 npx vitest run test/integration/registrations-races.test.ts`;
 * REGISTRATION_RACE_ARRIVALS, REGISTRATION_RACE_CAPACITY and REGISTRATION_RACE_CANCELLATIONS
 * (default 200, 50, 20) size it. Each round prints how long the burst and the cancellations took.
 */
import { loadavg } from 'node:os';
import { describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, tableClient, uniqueTitle, type ArrangedMember } from './support.ts';

const setting = (name: string, fallback: number) => Math.max(1, Math.floor(Number(process.env[name] ?? fallback)) || fallback);
const ROUNDS = setting('REGISTRATION_RACE_ROUNDS', 2);
// The sizes by default; larger bursts on demand (REGISTRATION_RACE_ARRIVALS=1000 ...).
const CAPACITY = setting('REGISTRATION_RACE_CAPACITY', 50);
const ARRIVALS = Math.max(setting('REGISTRATION_RACE_ARRIVALS', 200), CAPACITY + 1);
const CANCELLATIONS = Math.min(setting('REGISTRATION_RACE_CANCELLATIONS', 20), CAPACITY, ARRIVALS - CAPACITY);

interface Wire {
  id: string;
  name: string;
  status: 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED';
  waitlistPosition: number | null;
}

async function everyRegistration(owner: ArrangedMember, eventId: string): Promise<Wire[]> {
  const all: Wire[] = [];
  for (let offset = 0; ; offset += 100) {
    const page = await api('GET', `/api/v1/events/${eventId}/registrations?limit=100&offset=${offset}`, { token: owner.apiKey });
    expect(page.status).toBe(200);
    all.push(...page.body.data);
    if (!page.body.pagination.has_more) return all;
  }
}

/** The items themselves, counted: registrations per status and waitlist entries. */
async function recount(organizationId: string, eventId: string) {
  const { client, tableName } = tableClient();
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ORG#${organizationId}#EVENT#${eventId}` }, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const registrations = items.filter((item) => String(item.sk).startsWith('REG#'));
  return {
    confirmed: registrations.filter((item) => item.status === 'CONFIRMED').length,
    waitlisted: registrations.filter((item) => item.status === 'WAITLISTED').length,
    waitlistEntries: items.filter((item) => String(item.sk).startsWith('WAIT#')).length,
    liveEmailMarkers: items.filter((item) => String(item.sk).startsWith('REGEMAIL#')).length,
  };
}

async function storedCounters(organizationId: string, eventId: string) {
  const { client, tableName } = tableClient();
  const { Items } = await client.send(
    new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk = :sk', ExpressionAttributeValues: { ':pk': `ORG#${organizationId}`, ':sk': `EVENT#${eventId}` }, ConsistentRead: true }),
  );
  return { confirmed: Items![0]!.confirmedCount as number, waitlisted: Items![0]!.waitlistCount as number };
}

async function promotedRecords(eventId: string): Promise<string[]> {
  const { client, tableName } = tableClient();
  const ids: string[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ TableName: tableName, FilterExpression: 'entity = :e AND eventId = :id AND #type = :t', ExpressionAttributeNames: { '#type': 'type' }, ExpressionAttributeValues: { ':e': 'OutboxEvent', ':id': eventId, ':t': 'registration.promoted' }, ExclusiveStartKey }),
    );
    for (const item of page.Items ?? []) ids.push((item.envelope as { data: { registrationId: string } }).data.registrationId);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return ids;
}

const positionsOf = (registrations: Wire[]) => registrations.filter((r) => r.status === 'WAITLISTED').map((r) => r.waitlistPosition!).sort((a, b) => a - b);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe(`registration races (${ROUNDS} round(s), REGISTRATION_RACE_ROUNDS)`, () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: ${ARRIVALS} simultaneous registrations on capacity ${CAPACITY}, then ${CANCELLATIONS} simultaneous cancellations`, { timeout: 240_000 + ARRIVALS * 1_000 }, async () => {
      // prepare
      const [owner] = await arrangeOrganization({ members: 1 });
      const created = await api('POST', '/api/v1/events', {
        token: owner!.apiKey,
        body: { title: uniqueTitle('Course'), mode: 'ONLINE', startAt: '2030-09-01T18:00:00Z', status: 'PUBLISHED', capacity: CAPACITY, waitlist: true },
      });
      const eventId: string = created.body.data.id;

      // act: everyone at once
      const burstStart = performance.now();
      const answers = await Promise.all(
        Array.from({ length: ARRIVALS }, (_, n) =>
          api('POST', `/api/v1/events/${eventId}/registrations`, { token: owner!.apiKey, body: { name: `Personne ${n}`, email: `p${n}@example.com` } }),
        ),
      );

      const burstSeconds = (performance.now() - burstStart) / 1000;

      // assess: 50 confirmed, 150 waitlisted at positions 1..150, counters = recount
      expect(answers.filter((a) => a.status !== 201).map((a) => `${a.status} ${JSON.stringify(a.body)}`)).toEqual([]);
      expect(answers.filter((a) => a.body.data.status === 'CONFIRMED')).toHaveLength(CAPACITY);
      expect(answers.filter((a) => a.body.data.status === 'WAITLISTED')).toHaveLength(ARRIVALS - CAPACITY);
      const afterArrivals = await everyRegistration(owner!, eventId);
      expect(afterArrivals).toHaveLength(ARRIVALS);
      expect(positionsOf(afterArrivals)).toEqual(oneTo(ARRIVALS - CAPACITY));
      expect(await recount(owner!.organizationId, eventId)).toEqual({ confirmed: CAPACITY, waitlisted: ARRIVALS - CAPACITY, waitlistEntries: ARRIVALS - CAPACITY, liveEmailMarkers: ARRIVALS });
      expect(await storedCounters(owner!.organizationId, eventId)).toEqual({ confirmed: CAPACITY, waitlisted: ARRIVALS - CAPACITY });

      // act: 20 confirmed people cancel at once
      const headOfWaitlist = afterArrivals
        .filter((r) => r.status === 'WAITLISTED')
        .sort((a, b) => a.waitlistPosition! - b.waitlistPosition!)
        .slice(0, CANCELLATIONS)
        .map((r) => r.id);
      const leaving = afterArrivals.filter((r) => r.status === 'CONFIRMED').slice(0, CANCELLATIONS);
      const cancellationStart = performance.now();
      const cancellations = await Promise.all(leaving.map((r) => api('DELETE', `/api/v1/events/${eventId}/registrations/${r.id}`, { token: owner!.apiKey })));
      console.info(
        `registration race round ${round}: ${ARRIVALS} arrivals in ${burstSeconds.toFixed(1)} s, ${CANCELLATIONS} cancellations in ${((performance.now() - cancellationStart) / 1000).toFixed(1)} s (load average ${loadavg()[0]!.toFixed(1)})`,
      );

      // assess: exactly the first 20 waitlisted were promoted, the rest moved up without gaps
      expect(cancellations.map((c) => c.status).filter((s) => s !== 200)).toEqual([]);
      const afterCancellations = await everyRegistration(owner!, eventId);
      const promoted = afterCancellations.filter((r) => headOfWaitlist.includes(r.id));
      expect(promoted.map((r) => r.status)).toEqual(Array(CANCELLATIONS).fill('CONFIRMED'));
      expect((await promotedRecords(eventId)).sort()).toEqual([...headOfWaitlist].sort());
      expect(afterCancellations.filter((r) => r.status === 'CONFIRMED')).toHaveLength(CAPACITY);
      expect(afterCancellations.filter((r) => r.status === 'CANCELLED')).toHaveLength(CANCELLATIONS);
      const waiting = ARRIVALS - CAPACITY - CANCELLATIONS;
      expect(positionsOf(afterCancellations)).toEqual(oneTo(waiting));
      // The order of those still waiting is unchanged: positions before minus 20.
      for (const r of afterCancellations.filter((x) => x.status === 'WAITLISTED')) {
        expect(r.waitlistPosition).toBe(afterArrivals.find((x) => x.id === r.id)!.waitlistPosition! - CANCELLATIONS);
      }
      expect(await recount(owner!.organizationId, eventId)).toEqual({ confirmed: CAPACITY, waitlisted: waiting, waitlistEntries: waiting, liveEmailMarkers: ARRIVALS - CANCELLATIONS });
      expect(await storedCounters(owner!.organizationId, eventId)).toEqual({ confirmed: CAPACITY, waitlisted: waiting });
    });
  }
});
