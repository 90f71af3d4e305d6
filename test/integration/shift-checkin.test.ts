/**
 * QR check-in through the local gateway over DynamoDB Local (docs/shifts.md, "QR check-in"): the
 * links GET gives (the technician's own, every technician's for planners), check-in and check-out
 * through them (recorded once, repeats harmless), every way a token is refused, the windows, and
 * the actual times feeding the cost and planned_versus_actual.
 *
 * A check-in is judged against the server's clock, so the shifts checked into are created around
 * now; expected links and costs are computed from the secret the local runtime generated and from
 * the times the API reports (the engine's figures themselves are pinned in checkin-token.test.ts).
 */
import { describe, expect, inject, it } from 'vitest';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as keys from '../../shared/store/keys.ts';
import { attendanceEntity } from '../../shared/store/shifts.ts';
import { checkinKeyOf, checkinTokenExpiry, signCheckinToken, type CheckinAction } from '../../shared/domain/checkin-token.ts';
import { formatWithOffset } from '../../shared/domain/time/zoned.ts';
import { loadCheckinTokenSecret } from '../../local/runtime.ts';
import { tableClient } from './support.ts';
import { arrangeCrewWorld, callerOf, ph, SPEC_CONTRACT, type Caller, type CrewWorld } from './shifts-world.ts';

const TZ = 'Europe/Paris';
const APP = 'https://app.planninghub-spectacle.fr';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const key = () => checkinKeyOf(loadCheckinTokenSecret(inject('issuerKeyDir')));
const tokenOf = (shiftId: string, technicianId: string, action: CheckinAction, endAt: number) =>
  signCheckinToken({ shiftId, technicianId, action, exp: checkinTokenExpiry(endAt) }, key());
const linksOf = (shiftId: string, technicianId: string, endAt: number) => ({
  checkin_url: `${APP}/checkin?shift_id=${shiftId}&token=${tokenOf(shiftId, technicianId, 'checkin', endAt)}`,
  checkout_url: `${APP}/checkout?shift_id=${shiftId}&token=${tokenOf(shiftId, technicianId, 'checkout', endAt)}`,
});
const tokenIn = (url: string) => new URL(url).searchParams.get('token')!;
const at = (instant: number) => formatWithOffset(instant, TZ);

interface Planned {
  id: string;
  callAt: number;
  endAt: number;
}

async function plan(crew: CrewWorld, technicianIds: string[], callAt: number, endAt: number): Promise<Planned> {
  const created = await ph('POST', '/v1/shifts', crew.planner, {
    title: 'Check-in test',
    event_id: crew.eventId,
    start_time: new Date(callAt).toISOString(),
    end_time: new Date(endAt).toISOString(),
    resources: technicianIds.map((id) => ({ id, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] })),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { id: created.body.id, callAt, endAt };
}

/** A shift called 30 minutes ago and ending in 4 hours: check-in is open. */
function aroundNow(crew: CrewWorld, technicianIds: string[]): Promise<Planned> {
  const callAt = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;
  return plan(crew, technicianIds, callAt, callAt + 4.5 * HOUR);
}

const post = (caller: Caller, shiftId: string, action: CheckinAction, token: unknown) => ph('POST', `/v1/shifts/${shiftId}/${action}`, caller, { token });

const refusal = (reason: string, message: string) => ({ code: 'INVALID_CHECKIN_TOKEN', message: `Lien de pointage refusé : ${message}`, details: { reason } });

async function attendanceItem(organizationId: string, shiftId: string, userId: string) {
  const { client, tableName } = tableClient();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: keys.shiftAttendance(organizationId, shiftId, userId), ConsistentRead: true }));
  return Item ? { checkInAt: Item.checkInAt, checkOutAt: Item.checkOutAt } : null;
}

describe('check-in links in GET /v1/shifts/{id}', () => {
  it("gives a technician their own links, a planner every technician's, signed for the shift, the technician and the action", async () => {
    // prepare
    const crew = await arrangeCrewWorld(3);
    const [a, b, c] = crew.members as [(typeof crew.members)[0], (typeof crew.members)[0], (typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId, b.userId]);
    // act
    const asTechnician = await ph('GET', `/v1/shifts/${shift.id}`, callerOf(a));
    const asPlanner = await ph('GET', `/v1/shifts/${shift.id}`, crew.planner);
    const asOutsider = await ph('GET', `/v1/shifts/${shift.id}`, callerOf(c));
    // assess
    expect(asTechnician.status).toBe(200);
    expect(asTechnician.body.qrcode).toEqual(linksOf(shift.id, a.userId, shift.endAt));
    expect('qrcodes' in asTechnician.body).toBe(false);
    expect(asPlanner.body.qrcode).toBeNull();
    expect(asPlanner.body.qrcodes).toEqual([
      { technician_id: a.userId, ...linksOf(shift.id, a.userId, shift.endAt) },
      { technician_id: b.userId, ...linksOf(shift.id, b.userId, shift.endAt) },
    ]);
    expect(Object.keys(asPlanner.body).slice(Object.keys(asPlanner.body).indexOf('conflicts'))).toEqual([
      'conflicts',
      'qrcode',
      'qrcodes',
      'planned_versus_actual',
      'conflict_policy',
      'version',
      'created_at',
      'updated_at',
      'cancelled_at',
    ]);
    expect([asOutsider.status, asOutsider.body.error.code]).toEqual([403, 'INSUFFICIENT_ROLE']);
    // Nothing recorded yet: every technician's actual times are empty, nothing is settled.
    expect(asPlanner.body.resources.map((resource: { actual: unknown }) => resource.actual)).toEqual([
      { check_in_time: null, check_out_time: null, hours: null, economic_value: null },
      { check_in_time: null, check_out_time: null, hours: null, economic_value: null },
    ]);
    expect(asPlanner.body.planned_versus_actual.settled).toEqual({ technicians: 0, planned_amount: 0, actual_amount: 0, difference_amount: 0 });
  });

  it('gives no links for a cancelled shift, nor once they would be expired (12 h after the end)', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const [a] = crew.members as [(typeof crew.members)[0]];
    const past = await plan(crew, [a.userId], Date.UTC(2025, 0, 10, 9), Date.UTC(2025, 0, 10, 13));
    const cancelled = await aroundNow(crew, [a.userId]);
    expect((await ph('DELETE', `/v1/shifts/${cancelled.id}`, crew.planner)).status).toBe(200);
    // act
    const gotPast = await ph('GET', `/v1/shifts/${past.id}`, crew.planner);
    const gotCancelled = await ph('GET', `/v1/shifts/${cancelled.id}`, callerOf(a));
    const checkin = await post(callerOf(a), cancelled.id, 'checkin', tokenOf(cancelled.id, a.userId, 'checkin', cancelled.endAt));
    // assess
    expect([gotPast.body.qrcode, gotPast.body.qrcodes]).toEqual([null, []]);
    expect(gotCancelled.body.qrcode).toBeNull();
    expect([checkin.status, checkin.body.error.code]).toEqual([409, 'SHIFT_CANCELLED']);
  });
});

describe('POST /v1/shifts/{id}/checkin and /checkout', () => {
  it('records the check-in once, to the second; a repeat answers the first time without writing', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const [a] = crew.members as [(typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId]);
    const link = (await ph('GET', `/v1/shifts/${shift.id}`, callerOf(a))).body.qrcode.checkin_url as string;
    const before = Math.floor(Date.now() / 1000) * 1000;
    // act
    const first = await post(callerOf(a), shift.id, 'checkin', tokenIn(link));
    const after = Date.now();
    const again = await post(callerOf(a), shift.id, 'checkin', tokenIn(link));
    // assess
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const checkedIn = Date.parse(first.body.check_in_time);
    expect(checkedIn).toBeGreaterThanOrEqual(before);
    expect(checkedIn).toBeLessThanOrEqual(after);
    expect(first.body).toEqual({ shift_id: shift.id, technician_id: a.userId, action: 'checkin', check_in_time: at(checkedIn), check_out_time: null, hours: null, already_recorded: false });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, already_recorded: true });
    expect(await attendanceItem(crew.organizationId, shift.id, a.userId)).toEqual({ checkInAt: new Date(checkedIn).toISOString(), checkOutAt: undefined });
    // The planning version does not move: a check-in never makes a planner's PATCH fail.
    expect((await ph('GET', `/v1/shifts/${shift.id}`, crew.planner)).headers.get('etag')).toBe('"1"');
  });

  it('records one time out of simultaneous check-ins, and tells every caller that time', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const [a] = crew.members as [(typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId]);
    const token = tokenOf(shift.id, a.userId, 'checkin', shift.endAt);
    // act
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(callerOf(a), shift.id, 'checkin', token)));
    // assess
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(answers.filter((answer) => !answer.body.already_recorded)).toHaveLength(1);
    const recorded = await attendanceItem(crew.organizationId, shift.id, a.userId);
    expect(new Set(answers.map((answer) => answer.body.check_in_time))).toEqual(new Set([at(Date.parse(recorded!.checkInAt))]));
  });

  it('refuses every token that is not this technician’s for this shift and action (403 with the reason), recording nothing', async () => {
    // prepare
    const crew = await arrangeCrewWorld(2);
    const [a, b] = crew.members as [(typeof crew.members)[0], (typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId, b.userId]);
    const later = await plan(crew, [a.userId], Date.UTC(2031, 2, 4, 9), Date.UTC(2031, 2, 4, 13));
    const genuine = tokenOf(shift.id, a.userId, 'checkin', shift.endAt);
    const [payload, mac] = genuine.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    const tampered = `${Buffer.from(JSON.stringify([...decoded.slice(0, 4), (decoded[4] as number) + 86_400, decoded[5]])).toString('base64url')}.${mac}`;
    const otherSecret = signCheckinToken({ shiftId: shift.id, technicianId: a.userId, action: 'checkin', exp: checkinTokenExpiry(shift.endAt) }, checkinKeyOf('a'.repeat(43)));
    const expired = signCheckinToken({ shiftId: shift.id, technicianId: a.userId, action: 'checkin', exp: Math.floor(Date.now() / 1000) - 1 }, key());
    const cases: [string, unknown, ReturnType<typeof refusal>][] = [
      ['a payload changed after signing (a later expiry)', tampered, refusal('bad_signature', 'signature invalide')],
      ['a token signed with another secret', otherSecret, refusal('unknown_key', 'lien signé par une clé retirée')],
      ['an expired token', expired, refusal('expired', 'lien expiré')],
      ["another shift's token", tokenOf(later.id, a.userId, 'checkin', later.endAt), refusal('wrong_shift', "lien d'un autre shift")],
      ["another technician's token", tokenOf(shift.id, b.userId, 'checkin', shift.endAt), refusal('wrong_technician', "lien d'un autre technicien")],
      ['the check-out token', tokenOf(shift.id, a.userId, 'checkout', shift.endAt), refusal('wrong_action', "lien de l'autre action (check-in / check-out)")],
      ['not a token', 'abc', refusal('malformed', 'lien illisible')],
    ];
    for (const [label, token, error] of cases) {
      // act
      const response = await post(callerOf(a), shift.id, 'checkin', token);
      // assess
      expect([response.status, response.body.error], label).toEqual([403, error]);
    }
    const missing = await ph('POST', `/v1/shifts/${shift.id}/checkin`, callerOf(a), {});
    expect([missing.status, missing.body.error.code, missing.body.error.details]).toEqual([400, 'VALIDATION_ERROR', [{ field: 'token', message: expect.any(String) }]]);
    expect(await attendanceItem(crew.organizationId, shift.id, a.userId)).toBeNull();
  });

  it('refuses a check-out before the check-in (409), then records it once with the hours', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const [a] = crew.members as [(typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId]);
    const { qrcode } = (await ph('GET', `/v1/shifts/${shift.id}`, callerOf(a))).body;
    // act
    const early = await post(callerOf(a), shift.id, 'checkout', tokenIn(qrcode.checkout_url));
    const checkin = await post(callerOf(a), shift.id, 'checkin', tokenIn(qrcode.checkin_url));
    const checkout = await post(callerOf(a), shift.id, 'checkout', tokenIn(qrcode.checkout_url));
    const again = await post(callerOf(a), shift.id, 'checkout', tokenIn(qrcode.checkout_url));
    // assess
    expect([early.status, early.body.error.code]).toEqual([409, 'CHECK_IN_REQUIRED']);
    const inAt = Date.parse(checkin.body.check_in_time);
    const outAt = Date.parse(checkout.body.check_out_time);
    expect(outAt).toBeGreaterThanOrEqual(inAt);
    expect(checkout.body).toEqual({
      shift_id: shift.id,
      technician_id: a.userId,
      action: 'checkout',
      check_in_time: at(inAt),
      check_out_time: at(outAt),
      hours: Math.round((outAt - inAt) / 36_000) / 100,
      already_recorded: false,
    });
    expect(again.body).toEqual({ ...checkout.body, already_recorded: true });
  });

  it('refuses a check-in outside its window (from 2 h before the call to the end), saying when it opens', async () => {
    // prepare: 10:00-14:00 in Paris, in 2031
    const crew = await arrangeCrewWorld(1);
    const [a] = crew.members as [(typeof crew.members)[0]];
    const later = await plan(crew, [a.userId], Date.UTC(2031, 2, 4, 9), Date.UTC(2031, 2, 4, 13));
    // act
    const response = await post(callerOf(a), later.id, 'checkin', tokenOf(later.id, a.userId, 'checkin', later.endAt));
    // assess
    expect(response.status).toBe(409);
    expect(response.body.error).toEqual({
      code: 'OUTSIDE_CHECKIN_WINDOW',
      message: 'Check-in possible de 2031-03-04T08:00:00+01:00 à 2031-03-04T14:00:00+01:00',
      details: { action: 'checkin', opens_at: '2031-03-04T08:00:00+01:00', closes_at: '2031-03-04T14:00:00+01:00' },
    });
  });

  it('refuses a link of a technician taken off the shift since (403 NOT_ON_SHIFT)', async () => {
    // prepare
    const crew = await arrangeCrewWorld(2);
    const [a, b] = crew.members as [(typeof crew.members)[0], (typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId, b.userId]);
    const token = tokenOf(shift.id, b.userId, 'checkin', shift.endAt);
    const patched = await ph('PATCH', `/v1/shifts/${shift.id}`, crew.planner, { version: 1, resources: [{ id: a.userId, type: 'technician', role: 'foh_engineer', required_skills: ['foh_engineer'] }] });
    expect(patched.status).toBe(200);
    // act
    const response = await post(callerOf(b), shift.id, 'checkin', token);
    // assess
    expect([response.status, response.body.error.code]).toEqual([403, 'NOT_ON_SHIFT']);
  });
});

describe('actual times in GET /v1/shifts/{id}', () => {
  it("shows each technician's actual times and cost, and compares them with the plan", async () => {
    // prepare: A's times written through the attendance mapper at fixed instants, so that the cost
    // is known by hand: Tuesday 4 March 2031, 15:00 to 18:00 in Paris; B only checks in, through a link.
    const crew = await arrangeCrewWorld(2);
    const [a, b] = crew.members as [(typeof crew.members)[0], (typeof crew.members)[0]];
    const shift = await aroundNow(crew, [a.userId, b.userId]);
    const inAt = Date.UTC(2031, 2, 4, 14);
    const outAt = Date.UTC(2031, 2, 4, 17);
    const { client, tableName } = tableClient();
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: attendanceEntity.toItem({ organizationId: crew.organizationId, shiftId: shift.id, technicianId: a.userId, checkInAt: new Date(inAt).toISOString(), checkOutAt: new Date(outAt).toISOString() }),
      }),
    );
    const bIn = await post(callerOf(b), shift.id, 'checkin', tokenOf(shift.id, b.userId, 'checkin', shift.endAt));
    // act
    const got = await ph('GET', `/v1/shifts/${shift.id}`, crew.planner);
    // assess, by hand (SPEC_CONTRACT: 45 EUR/h, meals granted; IDCC 2717 defaults):
    //   3 h worked, no break on this shift, none at night (00:00-06:00), not a weekend, nothing
    //   earlier that week: labour 3 x 45 = 135.00;
    //   meal: 15:00-18:00 covers neither 11:30-14:30 nor 18:00-21:00, and 3 paid hours < 6: none;
    //   transport, flat per shift: 50.00. Total 135 + 50 = 185.00.
    const actualA = {
      check_in_time: '2031-03-04T15:00:00+01:00',
      check_out_time: '2031-03-04T18:00:00+01:00',
      hours: 3,
      economic_value: {
        total_amount: 185,
        currency: 'EUR',
        breakdown: { labor_cost: 135, overtime_cost: 0, equipment_cost: 0, meal_allowance: 0, transport_cost: 50 },
        hours: { paid: 3, night: 0, weekend: 0, overtime: 0, emergency: 0 },
        lines: [
          { component: 'labor_cost', class: 'base', quantity: 3, unit: 'hour', rate: 45, multiplier: 1, amount: 135 },
          { component: 'transport_cost', class: 'transport', quantity: 1, unit: 'shift', rate: 50, multiplier: 1, amount: 50 },
        ],
      },
    };
    const cost = actualA.economic_value;
    const [resourceA, resourceB] = got.body.resources;
    expect(resourceA.actual).toEqual(actualA);
    expect(resourceB.actual).toEqual({ check_in_time: bIn.body.check_in_time, check_out_time: null, hours: null, economic_value: null });
    // planned: each technician's own lines of the computed cost
    const plannedOf = (userId: string) =>
      Math.round(got.body.economic_value.computed.lines.filter((line: { technician_id?: string }) => line.technician_id === userId).reduce((sum: number, line: { amount: number }) => sum + line.amount * 100, 0)) / 100;
    const planned = { start_time: at(shift.callAt), end_time: at(shift.endAt), worked_hours: 4.5 };
    const difference = Math.round((cost.total_amount - plannedOf(a.userId)) * 100) / 100;
    expect(got.body.planned_versus_actual).toEqual({
      currency: 'EUR',
      technicians: [
        {
          technician_id: a.userId,
          planned: { ...planned, amount: plannedOf(a.userId) },
          actual: { check_in_time: actualA.check_in_time, check_out_time: actualA.check_out_time, hours: actualA.hours, amount: cost.total_amount },
          difference_hours: Math.round((outAt - inAt - 4.5 * HOUR) / 36_000) / 100,
          difference_amount: difference,
        },
        {
          technician_id: b.userId,
          planned: { ...planned, amount: plannedOf(b.userId) },
          actual: { check_in_time: bIn.body.check_in_time, check_out_time: null, hours: null, amount: null },
          difference_hours: null,
          difference_amount: null,
        },
      ],
      settled: { technicians: 1, planned_amount: plannedOf(a.userId), actual_amount: cost.total_amount, difference_amount: difference },
    });
    // A technician sees the same actual figures for themself.
    expect((await ph('GET', `/v1/shifts/${shift.id}`, callerOf(a))).body.resources[0].actual).toEqual(actualA);
  });
});
