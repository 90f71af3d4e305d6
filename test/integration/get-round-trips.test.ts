/**
 * Reads of the two detail GETs (issue 14, "Fewest round trips": GET event and GET shift in one
 * round trip where the data allows; strong consistency only where a decision depends on it).
 * The handlers are invoked in this process (an API Gateway v2 event with the authorizer's
 * context) against the test runtime's table; a spy on the document client passes every call
 * through unchanged and notes when each started and ended. Calls whose spans overlap count as
 * one round trip.
 */
import { describe, expect, it } from 'vitest';
import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, uniqueTitle } from './support.ts';
import { arrangeCrewWorld, ph } from './shifts-world.ts';
import { recordCalls, roundTrips, useRuntimeTableInProcess, type Call } from './call-recorder.ts';
import type { ApiEvent, ApiResult, Context } from '../../shared/http/types.ts';

useRuntimeTableInProcess();

/** Whether a read asked for strong consistency. */
function consistent(call: Call): boolean {
  const { command } = call;
  if (command instanceof GetCommand || command instanceof QueryCommand) return command.input.ConsistentRead === true;
  if (command instanceof BatchGetCommand) return Object.values(command.input.RequestItems!).some((request) => request.ConsistentRead === true);
  return false;
}

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

function getRequest(routeKey: string, path: string, id: string, caller: { userId: string; organizationId: string }): ApiEvent {
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: { 'x-organization-id': caller.organizationId },
    pathParameters: { id },
    isBase64Encoded: false,
    requestContext: {
      requestId: 'get-round-trips',
      routeKey,
      http: { method: 'GET', path, sourceIp: '127.0.0.1' },
      authorizer: { lambda: { principal: 'user', userId: caller.userId, organizationId: caller.organizationId, authType: 'jwt', member: true, roles: 'admin' } },
    },
  } as unknown as ApiEvent;
}

const context = { awsRequestId: 'get-round-trips', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;

describe('detail GETs', () => {
  it('GET /api/v1/events/{id} by its organiser takes one round trip, eventually consistent', async () => {
    // prepare
    const [organiser] = await arrangeOrganization({ members: 1 });
    const created = await api('POST', '/api/v1/events', { token: organiser!.apiKey, body: { title: uniqueTitle('Aller-retour'), mode: 'ONLINE', startAt: '2031-04-01T18:00:00Z' } });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const { handler } = (await import('../../functions/eventlite/get-event.ts')) as unknown as { handler: Handler };
    const calls = recordCalls();

    // act
    const answer = (await handler(getRequest('GET /api/v1/events/{id}', `/api/v1/events/${id}`, id, organiser!), context)) as { statusCode: number; body: string };

    // assess
    expect(answer.statusCode, answer.body).toBe(200);
    expect(JSON.parse(answer.body).data.organizer).toMatchObject({ id: organiser!.userId, email: organiser!.email });
    expect(roundTrips(calls).length).toBe(1);
    expect(calls.filter(consistent)).toEqual([]);
  });

  it('GET /v1/shifts/{id} takes two round trips (the shift, then its resources in one BatchGet), eventually consistent', async () => {
    // prepare
    const world = await arrangeCrewWorld(1);
    const technician = world.members[0]!;
    const item = await ph('POST', '/v1/equipment', world.planner, { name: 'Console aller-retour', category: 'sound', subcategory: 'mixing_console' });
    expect(item.status).toBe(201);
    const shift = await ph('POST', '/v1/shifts', world.planner, {
      title: 'Aller-retour',
      event_id: world.eventId,
      start_time: '2031-03-12T09:00:00.000Z',
      end_time: '2031-03-12T15:00:00.000Z',
      resources: [
        { id: technician.userId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] },
        { id: item.body.id, type: 'equipment', role: 'mixing_console', quantity: 1 },
      ],
    });
    expect(shift.status, JSON.stringify(shift.body)).toBe(201);
    const id = shift.body.id as string;
    const { handler } = (await import('../../functions/planninghub/get-shift.ts')) as unknown as { handler: Handler };
    const calls = recordCalls();

    // act
    const answer = (await handler(getRequest('GET /v1/shifts/{id}', `/v1/shifts/${id}`, id, { userId: 'user_round_trips', organizationId: world.organizationId }), context)) as {
      statusCode: number;
      body: string;
    };

    // assess
    expect(answer.statusCode, answer.body).toBe(200);
    const body = JSON.parse(answer.body);
    expect(JSON.stringify(body)).toContain('Console aller-retour');
    expect(roundTrips(calls).length).toBeLessThanOrEqual(2);
    expect(calls.filter((call) => call.command instanceof BatchGetCommand)).toHaveLength(1);
    expect(calls.filter(consistent)).toEqual([]);
  });
});
