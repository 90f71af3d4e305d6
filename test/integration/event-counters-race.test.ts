/**
 * The organisation's event counters (the `total` of GET /api/v1/events, issue 14 "Lists cost one
 * page") against a full recount, after simultaneous creations, deletions and status changes sent
 * through the gateway from both surfaces, several of them on the same event at once (a status
 * change racing another and a deletion, two deletions of one event). Whatever each request
 * answered, the counter item must equal the events the table holds, per status, and the list's
 * totals must say the same.
 *
 * EVENT_COUNTERS_RACE_ROUNDS sets the number of rounds (default 3).
 */
import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { api, arrangeOrganization, tableClient, uniqueTitle, type ApiResponse } from './support.ts';
import { callerOf, ph } from './shifts-world.ts';
import { recountEvents } from './event-recount.ts';

const ROUNDS = Number(process.env.EVENT_COUNTERS_RACE_ROUNDS ?? 3);
const STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'] as const;
type Status = (typeof STATUSES)[number];


/** The counter item as the API's writes left it (read only to check them). */
async function counters(organizationId: string): Promise<Record<Status, number>> {
  const { client, tableName } = tableClient();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.eventCounters(organizationId), ConsistentRead: true }));
  return Object.fromEntries(STATUSES.map((status) => [status, Number(Item?.[status] ?? 0)])) as Record<Status, number>;
}

describe('event counters under simultaneous writes', () => {
  for (let round = 1; round <= ROUNDS; round++) {
    it(`equal a full recount after creations, deletions and status changes at once (round ${round})`, { timeout: 60_000 }, async () => {
      // prepare
      const [member] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
      const planner = callerOf(member!);
      const lite = (method: string, path: string, body?: unknown) => api(method, path, { token: member!.apiKey, body });
      const create = (status: Status) => lite('POST', '/api/v1/events', { title: uniqueTitle('Compteur'), mode: 'ONLINE', startAt: '2031-05-01T18:00:00Z', status });
      const existing: string[] = [];
      for (const status of ['DRAFT', 'DRAFT', 'PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'DRAFT'] as const) {
        const created = await create(status);
        expect(created.status).toBe(201);
        existing.push(created.body.data.id);
      }
      const [a, b, c, d, e, f] = existing as [string, string, string, string, string, string];

      // act
      const answers: ApiResponse[] = await Promise.all([
        create('DRAFT'),
        create('PUBLISHED'),
        create('PUBLISHED'),
        ph('POST', '/v1/events', planner, { name: uniqueTitle('Production'), start_date: '2031-06-01', end_date: '2031-06-02' }),
        ph('POST', '/v1/events', planner, { name: uniqueTitle('Production'), start_date: '2031-06-03', end_date: '2031-06-04' }),
        // One draft published, cancelled from the other surface and deleted, all at once.
        lite('PATCH', `/api/v1/events/${a}`, { status: 'PUBLISHED' }),
        ph('PATCH', `/v1/events/${a}`, planner, { status: 'cancelled' }),
        lite('DELETE', `/api/v1/events/${a}`),
        // One event deleted twice at once.
        lite('DELETE', `/api/v1/events/${b}`),
        lite('DELETE', `/api/v1/events/${b}`),
        // One published event closed and cancelled at once.
        lite('PATCH', `/api/v1/events/${c}`, { status: 'CLOSED' }),
        ph('PATCH', `/v1/events/${c}`, planner, { status: 'cancelled' }),
        ph('PATCH', `/v1/events/${d}`, planner, { status: 'closed' }),
        lite('DELETE', `/api/v1/events/${e}`),
        lite('PATCH', `/api/v1/events/${f}`, { status: 'PUBLISHED' }),
        // An edit that keeps the status moves nothing.
        lite('PATCH', `/api/v1/events/${f}`, { title: uniqueTitle('Renommé') }),
      ]);

      // assess
      expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
      const expected = await recountEvents(member!.organizationId, 'exclude');
      expect(await counters(member!.organizationId)).toEqual(expected);
      const all = await lite('GET', '/api/v1/events?limit=1');
      expect(all.body.pagination.total).toBe(STATUSES.reduce((sum, status) => sum + expected[status], 0));
      for (const status of STATUSES) {
        const filtered = await lite('GET', `/api/v1/events?status=${status}&limit=100`);
        expect({ status, total: filtered.body.pagination.total, listed: filtered.body.data.length }).toEqual({ status, total: expected[status], listed: expected[status] });
      }
    });
  }
});
