/**
 * The event counters' backfill (shared/app/events/backfill-event-counters.ts), called in this
 * process against the test runtime's table while events are written through the gateway. The
 * counters it leaves must equal the event items per status, deletions under way included, even
 * when an event write commits between its recount and its own write. The one spy below fakes
 * nothing: it lets a real creation (through the gateway) commit at the precise moment between
 * the recount's query and the backfill's conditional write; the refusal comes from DynamoDB Local.
 *
 * EVENT_COUNTERS_BACKFILL_ROUNDS sets the rounds of the simultaneous-writes test (default 3).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it, vi } from 'vitest';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { useRuntimeTableInProcess } from './call-recorder.ts';
import { api, arrangeOrganization, tableClient, uniqueTitle, type ArrangedMember } from './support.ts';
import { recountEvents } from './event-recount.ts';
import { callerOf, ph } from './shifts-world.ts';
import { documentClient } from '../../shared/store/client.ts';
import * as keys from '../../shared/store/keys.ts';
import { deleteEvent, getEvent } from '../../shared/store/events.ts';
import { EventEntity } from '../../shared/store/entities/events.ts';
import type { Event } from '../../shared/domain/event.ts';
import { backfillEventCounters } from '../../shared/app/events/backfill-event-counters.ts';

useRuntimeTableInProcess();

const ROUNDS = Number(process.env.EVENT_COUNTERS_BACKFILL_ROUNDS ?? 3);
const STATUSES = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'] as const;
type Status = (typeof STATUSES)[number];
type Counts = Record<Status, number>;
const noWait = { sleep: async () => {}, random: () => 0 };

const lite = (member: ArrangedMember, method: string, path: string, body?: unknown) => api(method, path, { token: member.apiKey, body });
const create = (member: ArrangedMember, status: 'DRAFT' | 'PUBLISHED') =>
  lite(member, 'POST', '/api/v1/events', { title: uniqueTitle('Rattrapage'), mode: 'ONLINE', startAt: '2031-05-01T18:00:00Z', status });

async function createEvents(member: ArrangedMember, statuses: readonly ('DRAFT' | 'PUBLISHED')[]): Promise<string[]> {
  const answers = await Promise.all(statuses.map((status) => create(member, status)));
  for (const answer of answers) expect(answer.status).toBe(201);
  return answers.map((answer) => answer.body.data.id as string);
}

/** The counter item as stored (read only to check what the backfill left). */
async function storedCounter(organizationId: string): Promise<Record<string, unknown> | undefined> {
  const { client, tableName } = tableClient();
  return (await client.send(new GetCommand({ TableName: tableName, Key: keys.eventCounters(organizationId), ConsistentRead: true }))).Item;
}

const countsOf = (item: Record<string, unknown> | undefined): Counts => Object.fromEntries(STATUSES.map((status) => [status, Number(item?.[status] ?? 0)])) as Counts;


const LEGACY_EVENTS = 400;

/** Event items put as a table deployed before the counters holds them: no counter moved. */
async function putLegacyEvents(organizationId: string, count: number): Promise<void> {
  const { client, tableName } = tableClient();
  const statuses: Status[] = ['DRAFT', 'PUBLISHED', 'CLOSED', 'CANCELLED'];
  const items = Array.from({ length: count }, (_, i) => {
    const id = `evt_legacy_${i}_${Math.random().toString(36).slice(2, 8)}`;
    const at = '2030-01-01T18:00:00.000Z';
    return EventEntity.toItem({ id, organizationId, title: `Ancien ${i}`, status: statuses[i % 4]!, startAt: at, endAt: at, timezone: 'Europe/Paris', version: 1 } as Event);
  });
  for (let i = 0; i < items.length; i += 25) {
    let pending = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}

/** An event whose deletion crashed half way (`deletingAt` set, the event still there), as the store leaves it. */
async function halfDelete(organizationId: string, eventId: string): Promise<void> {
  const event = (await getEvent(organizationId, eventId, true))!;
  await expect(deleteEvent(event, new Date(), { beforeChildren: async () => Promise.reject(new Error('crash before the children')) })).rejects.toThrow('crash before the children');
  const { client, tableName } = tableClient();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.event(organizationId, eventId), ConsistentRead: true }));
  expect(Item?.deletingAt).toBeDefined();
}

describe('event counters backfill', () => {
  it('restores wiped and corrupted counters to the recount, an event whose deletion crashed half way included', { timeout: 60_000 }, async () => {
    // prepare: three organisations, each left with a wrong counter in a way a table can hold one
    const [wiped] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
    const [legacy] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
    const [drifted] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
    const [, , halfDeleted] = await createEvents(wiped!, ['DRAFT', 'DRAFT', 'PUBLISHED', 'PUBLISHED']);
    const [toClose, toCancel] = await createEvents(legacy!, ['PUBLISHED', 'DRAFT', 'DRAFT']);
    expect((await lite(legacy!, 'PATCH', `/api/v1/events/${toClose}`, { status: 'CLOSED' })).status).toBe(200);
    expect((await lite(legacy!, 'PATCH', `/api/v1/events/${toCancel}`, { status: 'CANCELLED' })).status).toBe(200);
    await createEvents(drifted!, ['PUBLISHED']);
    await halfDelete(wiped!.organizationId, halfDeleted!);
    const { client, tableName } = tableClient();
    // No counter at all (a table deployed before the counters).
    await client.send(new DeleteCommand({ TableName: tableName, Key: keys.eventCounters(wiped!.organizationId) }));
    // Counts that never saw the events, and no `writes` (an item written before it existed).
    await client.send(new PutCommand({ TableName: tableName, Item: { ...keys.eventCounters(legacy!.organizationId), entity: 'EventCounters', DRAFT: 7, PUBLISHED: -2 } }));
    // Counts off by some, `writes` present.
    await client.send(new UpdateCommand({ TableName: tableName, Key: keys.eventCounters(drifted!.organizationId), UpdateExpression: 'SET PUBLISHED = :wrong, CLOSED = :wrong', ExpressionAttributeValues: { ':wrong': 5 } }));
    const writesBefore = Number((await storedCounter(drifted!.organizationId))?.writes);

    // act
    const run = await backfillEventCounters({ organizationIds: [wiped!.organizationId, legacy!.organizationId, drifted!.organizationId] });

    // assess
    const expected: Record<string, Counts> = {
      [wiped!.organizationId]: { DRAFT: 2, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 },
      [legacy!.organizationId]: { DRAFT: 1, PUBLISHED: 0, CLOSED: 1, CANCELLED: 1 },
      [drifted!.organizationId]: { DRAFT: 0, PUBLISHED: 1, CLOSED: 0, CANCELLED: 0 },
    };
    expect(run).toMatchObject({ organizations: 3, changed: 3, notDone: 0 });
    expect(run.results).toEqual([
      { organizationId: wiped!.organizationId, done: true, attempts: 1, changed: true, before: { DRAFT: 0, PUBLISHED: 0, CLOSED: 0, CANCELLED: 0 }, after: expected[wiped!.organizationId] },
      { organizationId: legacy!.organizationId, done: true, attempts: 1, changed: true, before: { DRAFT: 7, PUBLISHED: -2, CLOSED: 0, CANCELLED: 0 }, after: expected[legacy!.organizationId] },
      { organizationId: drifted!.organizationId, done: true, attempts: 1, changed: true, before: { DRAFT: 0, PUBLISHED: 5, CLOSED: 5, CANCELLED: 0 }, after: expected[drifted!.organizationId] },
    ]);
    for (const member of [wiped!, legacy!, drifted!]) {
      const item = await storedCounter(member.organizationId);
      expect(countsOf(item)).toEqual(expected[member.organizationId]);
      expect(item?.entity).toBe('EventCounters');
      // The list's total is the counter: the half-deleted event is counted (and hidden) until a second DELETE ends it.
      expect((await lite(member, 'GET', '/api/v1/events?limit=1')).body.pagination.total).toBe(STATUSES.reduce((sum, status) => sum + expected[member.organizationId]![status], 0));
    }
    expect((await storedCounter(drifted!.organizationId))?.writes).toBe(writesBefore + 1);
    // The second DELETE of the half-deleted event takes it off the backfilled counter.
    expect((await lite(wiped!, 'DELETE', `/api/v1/events/${halfDeleted}`)).status).toBe(200);
    expect(countsOf(await storedCounter(wiped!.organizationId))).toEqual({ DRAFT: 2, PUBLISHED: 1, CLOSED: 0, CANCELLED: 0 });
  });

  it('recounts again when an event write commits between its recount and its write, and lands the right numbers', { timeout: 60_000 }, async () => {
    // prepare: a wrong counter, and a creation through the gateway right after the recount's query
    const [member] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
    const organizationId = member!.organizationId;
    await createEvents(member!, ['DRAFT', 'PUBLISHED']);
    const { client, tableName } = tableClient();
    await client.send(new UpdateCommand({ TableName: tableName, Key: keys.eventCounters(organizationId), UpdateExpression: 'SET DRAFT = :wrong', ExpressionAttributeValues: { ':wrong': 9 } }));
    const send = documentClient.send.bind(documentClient);
    const interposed: number[] = [];
    vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
      const answer = await send(command as never);
      if (command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':pk'] === keys.organization(organizationId).pk && interposed.length === 0) {
        // The recount has read the events; another caller's creation commits before the backfill writes.
        interposed.push((await create(member!, 'PUBLISHED')).status);
      }
      return answer;
    }) as never);

    // act
    const run = await backfillEventCounters({ organizationIds: [organizationId], environment: noWait });

    // assess: the first write was refused (the creation moved the counter), the second counted the new event
    expect(interposed).toEqual([201]);
    expect(run.results).toEqual([
      { organizationId, done: true, attempts: 2, changed: true, before: { DRAFT: 9, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 }, after: { DRAFT: 1, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 } },
    ]);
    expect(countsOf(await storedCounter(organizationId))).toEqual({ DRAFT: 1, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 });
    expect(await recountEvents(organizationId, 'include')).toEqual({ DRAFT: 1, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 });
  });

  it('reports an organisation as not done when event writes keep moving its counter through every attempt', { timeout: 60_000 }, async () => {
    // prepare: a creation commits after every recount's query
    const [member] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
    const organizationId = member!.organizationId;
    await createEvents(member!, ['DRAFT']);
    const send = documentClient.send.bind(documentClient);
    vi.spyOn(documentClient, 'send').mockImplementation((async (command: unknown) => {
      const answer = await send(command as never);
      if (command instanceof QueryCommand && command.input.ExpressionAttributeValues?.[':pk'] === keys.organization(organizationId).pk) {
        expect((await create(member!, 'DRAFT')).status).toBe(201);
      }
      return answer;
    }) as never);

    // act
    const run = await backfillEventCounters({ organizationIds: [organizationId], retry: { maxAttempts: 3 }, environment: noWait });

    // assess: nothing written by the backfill; the counter still equals the events (the creations moved it)
    expect(run).toMatchObject({ organizations: 1, changed: 0, notDone: 1 });
    expect(run.results).toEqual([{ organizationId, done: false, attempts: 3, reason: 'busy' }]);
    expect(countsOf(await storedCounter(organizationId))).toEqual(await recountEvents(organizationId, 'include'));
    expect((await recountEvents(organizationId, 'include')).DRAFT).toBe(4);
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`leaves the counter equal to a recount while events are created, changed and deleted through the gateway at once (round ${round})`, { timeout: 60_000 }, async () => {
      // prepare: events written before the counters existed (as on a table deployed before them:
      // enough that a recount takes a while), a few through the API, and the counter left wrong
      const [member] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
      const organizationId = member!.organizationId;
      const planner = callerOf(member!);
      await putLegacyEvents(organizationId, LEGACY_EVENTS);
      const existing = await createEvents(member!, ['PUBLISHED', 'DRAFT', 'DRAFT']);
      const { client, tableName } = tableClient();
      await client.send(new UpdateCommand({ TableName: tableName, Key: keys.eventCounters(organizationId), UpdateExpression: 'SET DRAFT = :wrong, CANCELLED = :wrong', ExpressionAttributeValues: { ':wrong': 40 } }));
      // Writes spread over the backfill's run, so some commit between one of its reads and its write.
      const later = <T>(ms: number, write: () => Promise<T>) => new Promise<T>((resolve, reject) => setTimeout(() => write().then(resolve, reject), ms));
      const writes = [
        ...Array.from({ length: 14 }, (_, i) => () => later(i * 50, () => create(member!, i % 2 === 0 ? 'DRAFT' : 'PUBLISHED'))),
        () => later(300, () => ph('POST', '/v1/events', planner, { name: uniqueTitle('Production'), start_date: '2031-06-01', end_date: '2031-06-02' })),
        () => later(250, () => lite(member!, 'PATCH', `/api/v1/events/${existing[0]}`, { status: 'CLOSED' })),
        () => later(400, () => lite(member!, 'PATCH', `/api/v1/events/${existing[1]}`, { status: 'PUBLISHED' })),
        () => later(550, () => lite(member!, 'DELETE', `/api/v1/events/${existing[2]}`)),
      ];

      // act
      const [run, ...answers] = await Promise.all([later(200, () => backfillEventCounters({ organizationIds: [organizationId] })), ...writes.map((write) => write())]);

      // assess
      expect(answers.map((answer) => answer.status).filter((status) => status >= 300)).toEqual([]);
      expect(run.results).toMatchObject([{ organizationId, done: true }]);
      const expected = await recountEvents(organizationId, 'include');
      expect(countsOf(await storedCounter(organizationId))).toEqual(expected);
      expect(STATUSES.reduce((sum, status) => sum + expected[status], 0)).toBe(LEGACY_EVENTS + 3 + 14 + 1 - 1);
    });
  }
});

describe('npm run job -- backfill-event-counters', () => {
  it('runs the deployed handler once against the running local stack, for the organisations named', { timeout: 60_000 }, async () => {
    // prepare: a counter wiped
    const [member] = await arrangeOrganization({ members: 1, rateLimits: { standard: 10_000, critical: 10_000 } });
    const organizationId = member!.organizationId;
    await createEvents(member!, ['DRAFT', 'PUBLISHED', 'PUBLISHED']);
    const { client, tableName } = tableClient();
    await client.send(new DeleteCommand({ TableName: tableName, Key: keys.eventCounters(organizationId) }));
    const projectRoot = join(import.meta.dirname, '..', '..');

    // act
    const { stdout } = await promisify(execFile)(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/job.ts', 'backfill-event-counters', '--organization', organizationId], {
      cwd: projectRoot,
      env: { ...process.env, STATE_DIR: inject('issuerKeyDir'), LOG_SILENT: 'true' },
    });

    // assess
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      job: 'backfill-event-counters',
      organizations: 1,
      changed: 1,
      notDone: 0,
      results: [{ organizationId, done: true, attempts: 1, changed: true, before: { DRAFT: 0, PUBLISHED: 0, CLOSED: 0, CANCELLED: 0 }, after: { DRAFT: 1, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 } }],
    });
    expect(countsOf(await storedCounter(organizationId))).toEqual({ DRAFT: 1, PUBLISHED: 2, CLOSED: 0, CANCELLED: 0 });
  });
});
