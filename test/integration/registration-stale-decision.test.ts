/**
 * A registration decided on a stale read of its event (someone took the last place meanwhile) is
 * refused by the event's condition at commit and decided again. The refusal brings the event as
 * it stood (ReturnValuesOnConditionCheckFailure), so the second decision costs no read of the
 * event: in a burst of 200 on one event, that is one DynamoDB call fewer for each of the 150 who
 * end up waitlisted (docs/registrations.md, "Races"). The use case runs in this process against
 * the test runtime's DynamoDB Local; the spy only records the calls and passes them through.
 */
import { describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, uniqueTitle } from './support.ts';
import { recordCalls, useRuntimeTableInProcess } from './call-recorder.ts';
import { register } from '../../shared/app/registrations/register.ts';
import { getEvent } from '../../shared/store/events.ts';

useRuntimeTableInProcess();

describe('a registration decided on a stale read of its event', () => {
  it('is waitlisted from the event its refusal returned, without reading the event again', async () => {
    // prepare: capacity 1, taken by someone else after our read
    const [owner] = await arrangeOrganization({ members: 1 });
    const created = await api('POST', '/api/v1/events', {
      token: owner!.apiKey,
      body: { title: uniqueTitle('Stale'), mode: 'ONLINE', startAt: '2030-09-01T18:00:00Z', status: 'PUBLISHED', capacity: 1, waitlist: true },
    });
    expect(created.status).toBe(201);
    const eventId: string = created.body.data.id;
    const staleRead = (await getEvent(owner!.organizationId, eventId, true))!;
    const first = await api('POST', `/api/v1/events/${eventId}/registrations`, { token: owner!.apiKey, body: { name: 'Première', email: 'first@example.com' } });
    expect(first.body.data.status).toBe('CONFIRMED');
    const recorded = recordCalls();

    // act
    const outcome = await register(staleRead, { name: 'Second', email: 'second@example.com', source: 'api' }, false);

    // assess
    const calls = recorded.map((call) => call.command);
    expect(outcome.kind).toBe('created');
    expect(outcome.kind === 'created' && outcome.registration.status).toBe('WAITLISTED');
    expect(outcome.kind === 'created' && outcome.registration.waitlistPosition).toBe(1);
    expect(calls.filter((command) => command instanceof TransactWriteCommand)).toHaveLength(2);
    const eventReads = calls.filter((command) => command instanceof GetCommand && String(command.input.Key!.sk) === `EVENT#${eventId}`);
    expect(eventReads).toEqual([]);
  });
});
