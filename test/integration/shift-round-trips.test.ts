/**
 * Shift creation's reads (issue 14, "Fewest round trips"): at most 3 sequential DynamoDB round trips
 * before its transaction, no item or range read twice, one lock BatchGet for all its resources.
 * The CreateShift handler is invoked in this process (an API Gateway v2 event with the authorizer's
 * context) against the test runtime's table, and every call of the document client is recorded;
 * the spy passes every call through unchanged (DynamoDB Local answers), it only notes when each
 * started and ended. Calls whose spans overlap count as one round trip.
 */
import { describe, expect, it } from 'vitest';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { arrangeCrewWorld, ph } from './shifts-world.ts';
import { recordCalls, roundTrips, useRuntimeTableInProcess, type Call } from './call-recorder.ts';
import type { ApiEvent, ApiResult, Context } from '../../shared/http/types.ts';

useRuntimeTableInProcess();

const keyOf = (key: Record<string, unknown>) => `${String(key.pk)}|${String(key.sk)}`;

/** Every item key a call reads (Get, BatchGet), and every range it queries. */
function readsOf(call: Call): { items: string[]; ranges: string[] } {
  const { command } = call;
  if (command instanceof GetCommand) return { items: [keyOf(command.input.Key!)], ranges: [] };
  if (command instanceof BatchGetCommand) return { items: Object.values(command.input.RequestItems!).flatMap((request) => (request.Keys ?? []).map(keyOf)), ranges: [] };
  if (command instanceof QueryCommand) {
    const values = command.input.ExpressionAttributeValues ?? {};
    return { items: [], ranges: [`${command.input.IndexName ?? 'table'}|${JSON.stringify(values)}`] };
  }
  return { items: [], ranges: [] };
}

const HOUR = 3_600_000;

describe('POST /v1/shifts reads', () => {
  it('takes at most 3 sequential round trips before its transaction, reads nothing twice, and reads every lock in one BatchGet', async () => {
    // prepare
    const world = await arrangeCrewWorld(1);
    const technician = world.members[0]!;
    const item = await ph('POST', '/v1/equipment', world.planner, { name: 'Round-trip console', category: 'sound', subcategory: 'mixing_console' });
    expect(item.status).toBe(201);
    const { handler } = (await import('../../functions/planninghub/create-shift.ts')) as unknown as { handler: (event: ApiEvent, context: Context) => Promise<ApiResult> };
    const start = Date.parse('2031-03-10T09:00:00.000Z');
    const event = {
      version: '2.0',
      routeKey: 'POST /v1/shifts',
      rawPath: '/v1/shifts',
      rawQueryString: '',
      headers: { 'content-type': 'application/json', 'x-organization-id': world.organizationId },
      body: JSON.stringify({
        title: 'Round trips',
        event_id: world.eventId,
        start_time: new Date(start).toISOString(),
        end_time: new Date(start + 6 * HOUR).toISOString(),
        resources: [
          { id: technician.userId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] },
          { id: item.body.id, type: 'equipment', role: 'mixing_console', quantity: 1 },
        ],
      }),
      isBase64Encoded: false,
      requestContext: {
        requestId: 'round-trips',
        routeKey: 'POST /v1/shifts',
        http: { method: 'POST', path: '/v1/shifts', sourceIp: '127.0.0.1' },
        authorizer: { lambda: { principal: 'user', userId: 'user_round_trips', organizationId: world.organizationId, authType: 'jwt', member: true, roles: 'admin' } },
      },
    } as unknown as ApiEvent;
    const calls = recordCalls();

    // act
    const answer = (await handler(event, { awsRequestId: 'round-trips', getRemainingTimeInMillis: () => 10_000 } as unknown as Context)) as { statusCode: number; body: string };

    // assess
    expect(answer.statusCode, answer.body).toBe(201);
    const transaction = calls.findIndex((call) => call.command instanceof TransactWriteCommand);
    expect(transaction).toBeGreaterThan(0);
    const before = calls.filter((call) => call.end <= calls[transaction]!.start);
    expect(before).toHaveLength(transaction);
    expect(roundTrips(before).length).toBeLessThanOrEqual(3);
    const reads = before.map(readsOf);
    const items = reads.flatMap((read) => read.items);
    const ranges = reads.flatMap((read) => read.ranges);
    expect(items.length).toBe(new Set(items).size);
    expect(ranges.length).toBe(new Set(ranges).size);
    // The technician's allocations are queried once (the labour range also serves the overlap check).
    const technicianRanges = ranges.filter((range) => range.includes(`#RES#technician#${technician.userId}`));
    expect(technicianRanges).toHaveLength(1);
    const lockReads = before.filter((call) => readsOf(call).items.some((key) => key.includes('|LOCK#')));
    expect(lockReads).toHaveLength(1);
    expect(readsOf(lockReads[0]!).items.filter((key) => key.includes('#RES#technician#')).length).toBeGreaterThan(0);
    expect(readsOf(lockReads[0]!).items.filter((key) => key.includes('#RES#equipment#')).length).toBeGreaterThan(0);
  });
});
