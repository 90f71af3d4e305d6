/**
 * Shift creation does not grow with the technician's history (docs/architecture.md, "Performance
 * budgets": "creating a shift for a technician with 10,000 past allocations costs at most 1.2x the
 * same with 10"): the labour rules read one bounded range of the technician's allocations (the
 * ~23 weeks `labourRulesDataRange` asks for, plus the 7-day allocation margin), the conflict check
 * and the locks read the shift's own interval, never the technician's whole past.
 *
 * Over DynamoDB Local (in memory, started here), two technicians of one organisation with the same
 * profile and the same 10 recent shifts inside the labour window; the second also has 9,990 older
 * ones, all before the window: 10 vs 10,000 earlier shifts, of which the same 10 are read. The
 * history is written with BatchWriteItem through the key builders, as createShift leaves it: per
 * shift the technician's allocation (with the worked intervals the labour rules decode), the
 * technician's shift index item and the lock of every 6-hour stripe it touched, and per technician
 * the schedule item at the version those writes left. Shift items themselves are not written: no
 * read of a creation touches another shift's item.
 *
 * Then the CreateShift Lambda handler is invoked directly (an API Gateway v2 event with an
 * authorizer context, no HTTP) for new 6-hour shifts of both technicians at the same slots, two
 * days apart (lawful under every rule), interleaved, and the medians compared. Budget:
 * median(10,000) <= 1.2 x median(10).
 */
import * as path from 'node:path';
import { BatchWriteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as keys from '../shared/store/keys.ts';
import { MembershipEntity, OrganizationEntity, UserEntity } from '../shared/store/entities/identity.ts';
import { EventEntity } from '../shared/store/entities/events.ts';
import { allocationEntity, resourceLockEntity } from '../shared/store/allocations.ts';
import { technicianScheduleEntity, technicianShiftEntity } from '../shared/store/shifts.ts';
import { MAX_ALLOCATION_MS, stripesOf } from '../shared/domain/allocation.ts';
import { labourRulesDataRange } from '../shared/domain/labour-rules.ts';
import { resolveOrgSettings } from '../shared/domain/org-settings.ts';
import { encodeWorked } from '../shared/domain/shift.ts';
import type { ApiEvent, ApiResult, Context } from '../shared/http/types.ts';
import { round } from './stats.ts';
import type { Distribution } from './stats.ts';
import { compareHistories, prepareHandlerTable, sampleAlternately } from './history-comparison.ts';
import type { BenchContext, BenchSuite, SuiteOutcome } from './suite.ts';

export const SHIFT_HISTORY_BUDGET = 1.2;

const ORGANIZATION_ID = 'org_bench_shifts';
const EVENT_ID = 'event_bench_shifts';
const TIME_ZONE = 'Europe/Paris';
const SMALL_HISTORY = 10;
const LARGE_HISTORY = 10_000;
/** Shifts both technicians have inside the labour window: the realistic recent past that is read. */
const RECENT = 10;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SHIFT_LENGTH = 6 * HOUR;
/** Measured shifts: 10:00-16:00 in Paris (winter), one every 2 days from here. */
const MEASURED_START = Date.UTC(2031, 0, 6, 9);
const MEASURED_EVERY = 2 * DAY;
/** The recent shifts: one every 6 days over the 60 days before the first measured one. */
const RECENT_EVERY = 6 * DAY;
/** The older shifts: one a day, the last half a year before the measured ones (the window reaches back ~12 weeks). */
const OLD_END = MEASURED_START - 26 * 7 * DAY;

interface Subject {
  label: string;
  technicianId: string;
  history: number;
  samples: number[];
}

export interface ShiftHistoryBenchRow {
  label: string;
  technicianId: string;
  history: number;
  latencyMs: Distribution;
  ratio: number;
}

export const shiftHistorySuite: BenchSuite = {
  id: 'shift-history',
  title: 'Shift creation: a technician with 10,000 earlier shifts vs 10 (CreateShift handler over DynamoDB Local)',
  run: runShiftHistory,
};

/** The history of a technician: `count` shifts, the last RECENT of them inside the labour window. */
function historyOf(count: number): number[] {
  const recent = Array.from({ length: Math.min(count, RECENT) }, (_, i) => MEASURED_START - (RECENT - i) * RECENT_EVERY);
  const old = Array.from({ length: Math.max(0, count - RECENT) }, (_, i) => OLD_END - (count - RECENT - i) * DAY);
  return [...old, ...recent];
}

async function runShiftHistory(context: BenchContext): Promise<SuiteOutcome> {
  const { log } = context;
  const tableName = 'stagecrew-bench-shifts';
  await prepareHandlerTable(context, tableName);
  const world = await shiftWorld(tableName);
  const subjects: Subject[] = [
    { label: `${SMALL_HISTORY} earlier shifts`, technicianId: 'user_bench_small', history: SMALL_HISTORY, samples: [] },
    { label: `${LARGE_HISTORY.toLocaleString('en')} earlier shifts`, technicianId: 'user_bench_large', history: LARGE_HISTORY, samples: [] },
  ];

  // What the first measured shift's labour rules read, and where the history lies against it.
  const labour = resolveOrgSettings({ timeZone: TIME_ZONE }).labour;
  const range = labourRulesDataRange([{ start: MEASURED_START, end: MEASURED_START + SHIFT_LENGTH }], labour, TIME_ZONE);
  const readFrom = range.start - MAX_ALLOCATION_MS;
  const large = historyOf(LARGE_HISTORY);
  const inside = large.filter((start) => start >= readFrom).length;
  if (inside !== RECENT) throw new Error(`${inside} earlier shifts fall in the range the labour rules read, ${RECENT} expected`);
  log(
    `Labour rules read allocations starting ${new Date(readFrom).toISOString().slice(0, 10)} to ${new Date(range.end).toISOString().slice(0, 10)}: ` +
      `${RECENT} earlier shifts inside for both technicians, ${(LARGE_HISTORY - RECENT).toLocaleString('en')} before it (${new Date(large[0]!).toISOString().slice(0, 10)} to ${new Date(OLD_END).toISOString().slice(0, 10)}) for the second`,
  );

  const seedStart = performance.now();
  await world.seedOrganization();
  let written = 0;
  for (const subject of subjects) {
    await world.seedTechnician(subject.technicianId);
    written += await world.seedHistory(subject.technicianId, historyOf(subject.history));
  }
  log(`Seeded ${SMALL_HISTORY + LARGE_HISTORY} earlier shifts (${written.toLocaleString('en')} items) in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  // Control, not judged: the history is there, and a read of all of it would not fit the budget.
  const control = [];
  for (const subject of subjects) {
    // The first query of a partition pays for connections and pages: measure the second.
    await world.readWholeHistory(subject.technicianId);
    control.push({ technicianId: subject.technicianId, ...(await world.readWholeHistory(subject.technicianId)) });
  }
  log(`Control: reading the whole history takes ${control.map((entry) => `${entry.ms.toFixed(1)} ms (${entry.items.toLocaleString('en')} allocations)`).join(' vs ')}`);

  const perSubject = Math.max(30, context.runs * 2);
  const warmup = 5;
  const createOnce = async (subject: Subject, at: number): Promise<number> => {
    const t0 = performance.now();
    const response = await world.invokeCreate(subject.technicianId, at);
    const elapsed = performance.now() - t0;
    if (response.statusCode !== 201) throw new Error(`shift for ${subject.technicianId} answered ${response.statusCode}: ${response.body}`);
    return elapsed;
  };
  // Warm-up (module init, connections, the JIT, the event's first consumption map) is not
  // measured; both technicians of a round get the same slot.
  await sampleAlternately(subjects, warmup, perSubject, (subject, round) => createOnce(subject, MEASURED_START + round * MEASURED_EVERY));
  const comparison = compareHistories(subjects, 'technician', log);
  const rows: ShiftHistoryBenchRow[] = comparison.rows.map(({ subject, row }) => ({ ...row, technicianId: subject.technicianId }));
  const ratio = comparison.ratio;
  const passed = ratio <= SHIFT_HISTORY_BUDGET;
  log(`${perSubject} shifts per technician (after ${warmup} warm-up each); budget ${SHIFT_HISTORY_BUDGET}x: ${passed ? 'PASS' : 'FAIL'}`);
  return {
    passed,
    headline: `shift-history: ${ratio.toFixed(2)}x with ${LARGE_HISTORY.toLocaleString('en')} vs ${SMALL_HISTORY} earlier shifts (budget ${SHIFT_HISTORY_BUDGET}x; medians ${rows[1]!.latencyMs.median.toFixed(1)} vs ${rows[0]!.latencyMs.median.toFixed(1)} ms)`,
    data: {
      budget: SHIFT_HISTORY_BUDGET,
      ratio: round(ratio, 3),
      shiftsPerTechnician: perSubject,
      seededItems: written,
      labourRead: { from: new Date(readFrom).toISOString(), to: new Date(range.end).toISOString() },
      wholeHistoryRead: control,
      rows,
    },
  };
}

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

/** What the bench needs, imported once the environment points the SDK at DynamoDB Local. */
async function shiftWorld(tableName: string) {
  const { documentClient } = await import('../shared/store/client.ts');
  const { handler } = (await import('../functions/planninghub/create-shift.ts')) as unknown as { handler: Handler };
  const { createProductionEvent } = await import('../shared/domain/production.ts');
  const { createProductionEventBody, toNewProductionInput } = await import('../shared/schemas/planninghub-events.ts');
  const { jazzAJuanRequest } = await import('../local/demo-productions.ts');
  const { putTechnicianProfile } = await import('../shared/store/technicians.ts');
  const { specializationsOf } = await import('../shared/domain/technician.ts');
  const context = { awsRequestId: 'bench', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
  const put = (Item: Record<string, unknown>) => documentClient.send(new PutCommand({ TableName: tableName, Item }));
  const createdAt = new Date().toISOString();
  let request = 0;
  return {
    async seedOrganization() {
      await put(OrganizationEntity.toItem({ id: ORGANIZATION_ID, name: 'Bench', timezone: TIME_ZONE, createdAt }));
      const event = createProductionEvent(
        toNewProductionInput(createProductionEventBody.parse(jazzAJuanRequest)),
        { id: EVENT_ID, organizationId: ORGANIZATION_ID, organizerId: 'user_bench_planner', slug: 'bench-festival' },
        new Date(createdAt),
      );
      await put(EventEntity.toItem(event));
    },
    /** A member with the foh_engineer skill and the spec's contract, as PUT /v1/technicians leaves them. */
    async seedTechnician(userId: string) {
      await put(UserEntity.toItem({ id: userId, email: `${userId}@bench.invalid`, firstName: 'Bench', lastName: userId, phone: null, createdAt }));
      await put(MembershipEntity.toItem({ organizationId: ORGANIZATION_ID, userId, roles: ['technician'], createdAt }));
      await putTechnicianProfile({
        organizationId: ORGANIZATION_ID,
        userId,
        specializations: specializationsOf([{ name: 'foh_engineer', level: 5 }]),
        availability: {},
        employmentContract: { type: 'freelance', hourly_rate: 45, overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 }, meal_allowance: true },
        updatedAt: createdAt,
      });
    },
    async seedHistory(userId: string, starts: readonly number[]): Promise<number> {
      return seedShiftHistory(documentClient, tableName, userId, starts);
    },
    /** Every allocation of the technician, paged, as a history-wide labour check would have to read them. */
    async readWholeHistory(userId: string): Promise<{ items: number; ms: number }> {
      const where = keys.resourceAllocationsStartingBetween(ORGANIZATION_ID, 'technician', userId, '0000', '9999');
      const t0 = performance.now();
      let items = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await documentClient.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to', ExpressionAttributeValues: { ':pk': where.pk, ':from': where.skFrom, ':to': where.skTo }, ConsistentRead: true, ExclusiveStartKey: startKey }),
        );
        items += page.Items?.length ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return { items, ms: performance.now() - t0 };
    },
    async invokeCreate(technicianId: string, start: number): Promise<ApiResult & { statusCode: number; body: string }> {
      request++;
      const body = {
        title: 'Bench shift',
        event_id: EVENT_ID,
        start_time: new Date(start).toISOString(),
        end_time: new Date(start + SHIFT_LENGTH).toISOString(),
        resources: [{ id: technicianId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }],
      };
      const event = {
        version: '2.0',
        routeKey: 'POST /v1/shifts',
        rawPath: '/v1/shifts',
        rawQueryString: '',
        headers: { 'content-type': 'application/json', 'x-organization-id': ORGANIZATION_ID },
        body: JSON.stringify(body),
        isBase64Encoded: false,
        requestContext: {
          requestId: `bench-${request}`,
          routeKey: 'POST /v1/shifts',
          http: { method: 'POST', path: '/v1/shifts', sourceIp: '127.0.0.1' },
          authorizer: { lambda: { principal: 'user', userId: 'user_bench_planner', organizationId: ORGANIZATION_ID, authType: 'jwt', member: true, roles: 'stage_manager' } },
        },
      } as unknown as ApiEvent;
      return (await handler(event, context)) as ApiResult & { statusCode: number; body: string };
    },
  };
}

/** The items `count` earlier shifts of one technician left behind; returns how many were written. */
async function seedShiftHistory(client: DynamoDBDocumentClient, tableName: string, userId: string, starts: readonly number[]): Promise<number> {
  const items: Record<string, unknown>[] = [];
  const stripeVersions = new Map<number, number>();
  starts.forEach((start, i) => {
    const end = start + SHIFT_LENGTH;
    const startAt = new Date(start).toISOString();
    const shiftId = `shift_hist_${userId.slice(-5)}_${String(i).padStart(6, '0')}`;
    items.push(
      allocationEntity.toItem({
        organizationId: ORGANIZATION_ID,
        resource: { type: 'technician', id: userId },
        allocation: {
          id: shiftId,
          start,
          end,
          quantity: 1,
          ownerType: 'shift',
          ownerId: shiftId,
          eventId: EVENT_ID,
          attributes: { shiftId, shiftStartAt: startAt, role: 'foh_engineer', worked: encodeWorked([{ start, end }]) },
        },
        createdAt: startAt,
      }),
    );
    items.push(
      technicianShiftEntity.toItem({
        organizationId: ORGANIZATION_ID,
        userId,
        shiftId,
        eventId: EVENT_ID,
        callAt: startAt,
        startAt,
        endAt: new Date(end).toISOString(),
        role: 'foh_engineer',
        held: true,
        status: 'confirmed',
      }),
    );
    for (const stripe of stripesOf([{ start, end }])) stripeVersions.set(stripe, (stripeVersions.get(stripe) ?? 0) + 1);
  });
  for (const [stripe, version] of stripeVersions) {
    items.push(resourceLockEntity.toItem({ organizationId: ORGANIZATION_ID, resource: { type: 'technician', id: userId }, stripe, version, updatedAt: new Date(starts.at(-1) ?? 0).toISOString() }));
  }
  // Every one of those shift writes bumped the technician's schedule version.
  items.push(technicianScheduleEntity.toItem({ organizationId: ORGANIZATION_ID, userId, version: starts.length }));

  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // A few batches in flight at once: DynamoDB Local takes them faster than one at a time.
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = batches[next++]!.map((item) => ({ PutRequest: { Item: item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt >= 8) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return items.length;
}
