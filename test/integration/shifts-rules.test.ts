/**
 * The labour rules and the financial engine through the API: rule boundaries (exactly 11 h of rest
 * passes, 10 h 59 fails; the 48th hour of the week passes, the 49th fails), shifts across midnight
 * and on the daylight-saving nights, weekly overtime and emergency calls, with the spec's contract
 * (45/h, night 1.5, weekend 1.3, emergency 2.5). Every expected amount is computed by hand in the
 * comment above it. Each test has its own organisation (shifts-world.ts).
 */
import { describe, expect, it } from 'vitest';
import { arrangeCrewWorld, ph, technicianShift, type Caller } from './shifts-world.ts';

const SOURCE = 'IDCC 2717 art. 5.1 (KALIARTI000019906657)';

async function create(caller: Caller, body: unknown) {
  const response = await ph('POST', '/v1/shifts', caller, body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const line = (component: string, klass: string, quantity: number, multiplier: number, amount: number, technicianId: string, unit = 'hour', rate = 45) => ({
  component,
  class: klass,
  quantity,
  unit,
  rate,
  multiplier,
  amount,
  technician_id: technicianId,
});
const transport = (technicianId: string) => line('transport_cost', 'transport', 1, 1, 50, technicianId, 'shift', 50);
const meal = (klass: string, technicianId: string) => line('meal_allowance', klass, 1, 1, 20, technicianId, 'shift', 20);

describe('labour rules at their boundaries', () => {
  it('passes exactly 11 h of daily rest (with a near-limit warning) and refuses 10 h 59 with 422 LABOR_LAW_VIOLATION', async () => {
    // prepare: Monday 10:00-18:00
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    await create(crew.planner, technicianShift(crew.eventId, technician, '2031-03-17T10:00:00+01:00', '2031-03-17T18:00:00+01:00'));
    // act: Tuesday from 04:59 (rest 10 h 59), then from 05:00 (rest 11 h)
    const tooEarly = await ph('POST', '/v1/shifts', crew.planner, technicianShift(crew.eventId, technician, '2031-03-18T04:59:00+01:00', '2031-03-18T12:59:00+01:00'));
    const justRight = await ph('POST', '/v1/shifts', crew.planner, technicianShift(crew.eventId, technician, '2031-03-18T05:00:00+01:00', '2031-03-18T13:00:00+01:00'));
    // assess
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.error).toEqual({
      code: 'LABOR_LAW_VIOLATION',
      message: `Violation des conventions collectives pour ${technician} : Repos quotidien insuffisant: 10h59 (minimum 11h, ${SOURCE}).`,
      details: [
        { rule: 'daily_rest', limit: 11, actual: 10.98, source: SOURCE, technician_id: technician, period: { start: '2031-03-17T10:00:00+01:00', end: '2031-03-18T10:00:00+01:00' } },
      ],
    });
    expect(justRight.status).toBe(201);
    expect(justRight.body.warnings).toEqual([
      {
        code: 'LABOR_LAW_NEAR_LIMIT',
        message: `Repos quotidien proche de la limite: 11h (minimum 11h, ${SOURCE}).`,
        severity: 'medium',
        rule: 'daily_rest',
        limit: 11,
        actual: 11,
        source: SOURCE,
        technician_id: technician,
      },
    ]);
  });

  it('passes the 48th hour of the week and refuses the 49th; the week past 35 h is paid as overtime', async () => {
    // prepare: Monday to Thursday 08:00-18:00, 10 h a day (40 h)
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    for (const day of ['10', '11', '12', '13']) {
      await create(crew.planner, technicianShift(crew.eventId, technician, `2031-03-${day}T08:00:00+01:00`, `2031-03-${day}T18:00:00+01:00`));
    }
    // act: Friday 08:00-17:00 (49 h), then 08:00-16:00 (48 h)
    const tooMuch = await ph('POST', '/v1/shifts', crew.planner, technicianShift(crew.eventId, technician, '2031-03-14T08:00:00+01:00', '2031-03-14T17:00:00+01:00'));
    const enough = await ph('POST', '/v1/shifts', crew.planner, technicianShift(crew.eventId, technician, '2031-03-14T08:00:00+01:00', '2031-03-14T16:00:00+01:00'));
    // assess
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details).toEqual([
      { rule: 'weekly_max', limit: 48, actual: 49, source: SOURCE, technician_id: technician, period: { start: '2031-03-10T00:00:00+01:00', end: '2031-03-17T00:00:00+01:00' } },
    ]);
    expect(enough.status).toBe(201);
    expect(enough.body.warnings.map((warning: { code: string; rule?: string }) => [warning.code, warning.rule])).toEqual([['LABOR_LAW_NEAR_LIMIT', 'weekly_max']]);
    // Friday 8 h after 40 h that week: 8 x 45 = 360 base; hours 41-43 at +25% = 3 x 45 x 0.25 = 33.75;
    // hours 44-48 at +50% = 5 x 45 x 0.5 = 112.50; 08:00-16:00 covers the 11:30-14:30 meal: 20; transport 50.
    expect(enough.body.economic_value.computed).toEqual({
      total_amount: 576.25,
      currency: 'EUR',
      breakdown: { labor_cost: 360, equipment_cost: 0, meal_allowance: 20, transport_cost: 50, overtime_cost: 146.25 },
      emergency_call: false,
      hours: { paid: 8, night: 0, weekend: 0, overtime: 8, emergency: 0 },
      lines: [
        line('labor_cost', 'base', 8, 1, 360, technician),
        line('overtime_cost', 'overtime_25', 3, 0.25, 33.75, technician),
        line('overtime_cost', 'overtime_50', 5, 0.5, 112.5, technician),
        meal('meal_window', technician),
        transport(technician),
      ],
      uncosted_technicians: [],
    });
  });
});

describe('costs with the spec contract', () => {
  it('pays a shift across midnight: the night premium after 00:00 and a meal for a long shift', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    // act: Tuesday 2031-03-25 20:00 to Wednesday 04:00
    const created = await create(crew.planner, technicianShift(crew.eventId, technician, '2031-03-25T20:00:00+01:00', '2031-03-26T04:00:00+01:00'));
    // assess: 8 h x 45 = 360; 00:00-04:00 at night: 4 x 45 x 0.5 = 90; no meal window covered but
    // 8 paid hours >= 6: 20; transport 50. Total 520.
    expect(created.economic_value).toMatchObject({ total_amount: 520, budget_line: 'labor', source: 'computed' });
    expect(created.economic_value.computed.lines).toEqual([
      line('labor_cost', 'base', 8, 1, 360, technician),
      line('overtime_cost', 'night', 4, 0.5, 90, technician),
      meal('long_shift', technician),
      transport(technician),
    ]);
  });

  it('pays the real hours of the daylight-saving nights in Paris: 7 h on 2024-03-31, 9 h on 2024-10-27', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    // act: Saturday 22:00 to Sunday 06:00 on both weekends
    const spring = await create(crew.planner, technicianShift(crew.eventId, technician, '2024-03-30T22:00:00+01:00', '2024-03-31T06:00:00+02:00'));
    const autumn = await create(crew.planner, technicianShift(crew.eventId, technician, '2024-10-26T22:00:00+02:00', '2024-10-27T06:00:00+01:00'));
    // assess. Spring: 7 h x 45 = 315; Saturday 22:00-24:00 at weekend 1.3: 2 x 45 x 0.3 = 27;
    // Sunday 00:00-06:00 is 5 real hours, night and weekend: 1.5 x 1.3 = 1.95, 5 x 45 x 0.95 = 213.75;
    // long-shift meal 20; transport 50. Total 625.75.
    expect(spring.economic_value.computed).toMatchObject({ total_amount: 625.75, hours: { paid: 7, night: 5, weekend: 7, overtime: 0, emergency: 0 } });
    expect(spring.economic_value.computed.lines).toEqual([
      line('labor_cost', 'base', 7, 1, 315, technician),
      line('overtime_cost', 'weekend', 2, 0.3, 27, technician),
      line('overtime_cost', 'night+weekend', 5, 0.95, 213.75, technician),
      meal('long_shift', technician),
      transport(technician),
    ]);
    // Autumn: 9 h x 45 = 405; weekend 2 h: 27; Sunday 00:00-06:00 is 7 real hours: 7 x 45 x 0.95 =
    // 299.25; meal 20; transport 50. Total 801.25.
    expect(autumn.economic_value.computed).toMatchObject({ total_amount: 801.25, hours: { paid: 9, night: 7, weekend: 9, overtime: 0, emergency: 0 } });
    expect(autumn.economic_value.computed.lines).toEqual([
      line('labor_cost', 'base', 9, 1, 405, technician),
      line('overtime_cost', 'weekend', 2, 0.3, 27, technician),
      line('overtime_cost', 'night+weekend', 7, 0.95, 299.25, technician),
      meal('long_shift', technician),
      transport(technician),
    ]);
  });

  it('pays an emergency call (scheduled less than 24 h before its call time) at 2.5', async () => {
    // prepare: the next 10:00 or 14:00 in Paris between 1 h and 23 h from now (never at night)
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    const now = Date.now();
    const parisHour = (instant: number) => Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(instant));
    let start = Math.ceil(now / 3_600_000) * 3_600_000 + 3_600_000;
    while (![10, 14].includes(parisHour(start))) start += 3_600_000;
    const weekend = ['Sat', 'Sun'].includes(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', weekday: 'short' }).format(start));
    // act: one hour
    const created = await create(crew.planner, technicianShift(crew.eventId, technician, new Date(start).toISOString(), new Date(start + 3_600_000).toISOString()));
    // assess: 1 h x 45 = 45; the emergency uplift 45 x (2.5 - 1) = 67.50 (on a weekend day 2.5 x 1.3 = 3.25:
    // 45 x 2.25 = 101.25); no meal (1 h); transport 50.
    const uplift = weekend ? 101.25 : 67.5;
    expect(created.economic_value.computed).toMatchObject({ emergency_call: true, total_amount: 45 + uplift + 50 });
    expect(created.economic_value.computed.lines).toEqual([
      line('labor_cost', 'base', 1, 1, 45, technician),
      line('overtime_cost', weekend ? 'weekend+emergency' : 'emergency', 1, weekend ? 2.25 : 1.5, uplift, technician),
      transport(technician),
    ]);
  });
});

describe('concurrent shifts', () => {
  it('gives exactly one 201 for 10 simultaneous shifts of one technician in one slot, the others 409', async () => {
    // prepare
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    const body = technicianShift(crew.eventId, technician, '2031-04-08T10:00:00+02:00', '2031-04-08T16:00:00+02:00');
    // act
    const responses = await Promise.all(Array.from({ length: 10 }, () => ph('POST', '/v1/shifts', crew.planner, body)));
    // assess
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const winner = responses.find((response) => response.status === 201)!.body.id;
    for (const response of responses.filter((candidate) => candidate.status === 409)) {
      expect(response.body.error.details.conflict_with.map((conflict: { shift_id: string }) => conflict.shift_id)).toEqual([winner]);
    }
    const listed = await ph('GET', `/v1/shifts?technician_id=${technician}`, crew.planner);
    expect(listed.body.results.map((shift: { id: string }) => shift.id)).toEqual([winner]);
  });

  it('judges simultaneous shifts on different days against each other: only one fits under the 48 h week', async () => {
    // prepare: 40 h from Monday to Thursday
    const crew = await arrangeCrewWorld(1);
    const technician = crew.members[0]!.userId;
    for (const day of ['07', '08', '09', '10']) {
      await create(crew.planner, technicianShift(crew.eventId, technician, `2031-04-${day}T08:00:00+02:00`, `2031-04-${day}T18:00:00+02:00`));
    }
    // act: Friday, Saturday and Sunday 8 h each, at once; each alone would make 48 h, any two 56 h
    const responses = await Promise.all(
      ['11', '12', '13'].map((day) => ph('POST', '/v1/shifts', crew.planner, technicianShift(crew.eventId, technician, `2031-04-${day}T08:00:00+02:00`, `2031-04-${day}T16:00:00+02:00`))),
    );
    // assess
    expect(responses.map((response) => response.status).sort()).toEqual([201, 422, 422]);
    for (const response of responses.filter((candidate) => candidate.status === 422)) {
      expect(response.body.error.details.map((detail: { rule: string; actual: number }) => [detail.rule, detail.actual])).toEqual([['weekly_max', 56]]);
    }
  });
});
