/** The shift engine: times, the assessment (qualifications, conflicts, labour law, warnings), costs, economic values. */
import { describe, expect, it } from 'vitest';
import {
  assessShift,
  checkClientEconomicValue,
  computeShiftEconomics,
  economicValueOf,
  hoursBeforeInWeek,
  isShiftEmergency,
  parseShiftTimes,
  patchShiftTimes,
  plannedVersusActual,
  type HeldShift,
  type Shift,
  type ShiftConflict,
  type ShiftDraft,
  type ShiftWorld,
  type TechnicianState,
} from '../../shared/domain/shift.ts';
import { createEquipment, type Equipment } from '../../shared/domain/equipment.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { IDCC_2717_SETTINGS } from '../../shared/domain/org-settings.ts';
import type { TechnicianProfile } from '../../shared/domain/technician.ts';
import type { Event } from '../../shared/domain/event.ts';

const PARIS = 'Europe/Paris';
const at = (rfc3339: string) => Date.parse(rfc3339);
const HOUR = 3_600_000;

const SPEC_CONTRACT = {
  type: 'freelance' as const,
  hourly_rate: 45,
  overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
  meal_allowance: true,
};

function errorOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

const specTimes = () =>
  parseShiftTimes({
    start_time: '2024-02-15T20:00:00+01:00',
    end_time: '2024-02-16T02:00:00+01:00',
    call_time: '2024-02-15T18:00:00+01:00',
    break_times: [{ start: '2024-02-15T22:30:00+01:00', end: '2024-02-15T23:00:00+01:00', mandatory: true }],
  });

describe('shift times', () => {
  it("parses the spec's times with their offsets", () => {
    expect(specTimes()).toEqual({
      callAt: at('2024-02-15T17:00:00Z'),
      start: at('2024-02-15T19:00:00Z'),
      end: at('2024-02-16T01:00:00Z'),
      breaks: [{ start: at('2024-02-15T21:30:00Z'), end: at('2024-02-15T22:00:00Z'), mandatory: true }],
    });
  });

  it('takes the start as call time when none is sent, and instants without offset as UTC', () => {
    expect(parseShiftTimes({ start_time: '2031-03-03T10:00:00', end_time: '2031-03-03T12:00:00' })).toEqual({
      callAt: at('2031-03-03T10:00:00Z'),
      start: at('2031-03-03T10:00:00Z'),
      end: at('2031-03-03T12:00:00Z'),
      breaks: [],
    });
  });

  it.each([
    ['end at start', { end_time: '2024-02-15T20:00:00+01:00' }, 'end_time', 'end_not_after_start'],
    ['call after start', { call_time: '2024-02-15T20:01:00+01:00' }, 'call_time', 'call_after_start'],
    ['more than 24 h from call to end', { end_time: '2024-02-16T18:00:01+01:00' }, 'end_time', 'too_long'],
    ['a break before the call', { break_times: [{ start: '2024-02-15T17:30:00+01:00', end: '2024-02-15T18:30:00+01:00', mandatory: true }] }, 'break_times.0.start', 'outside_shift'],
    ['an empty break', { break_times: [{ start: '2024-02-15T22:30:00+01:00', end: '2024-02-15T22:30:00+01:00', mandatory: true }] }, 'break_times.0.end', 'end_not_after_start'],
    [
      'overlapping breaks',
      {
        break_times: [
          { start: '2024-02-15T22:30:00+01:00', end: '2024-02-15T23:00:00+01:00', mandatory: true },
          { start: '2024-02-15T22:45:00+01:00', end: '2024-02-15T23:15:00+01:00', mandatory: false },
        ],
      },
      'break_times.1.start',
      'overlapping_breaks',
    ],
    ['a malformed call time', { call_time: 'tomorrow' }, 'call_time', 'malformed'],
  ])('refuses %s: 400 INVALID_TIME_RANGE naming %s', (_, change, field, reason) => {
    const error = errorOf(() =>
      parseShiftTimes({ start_time: '2024-02-15T20:00:00+01:00', end_time: '2024-02-16T02:00:00+01:00', call_time: '2024-02-15T18:00:00+01:00', ...change }),
    );
    expect([error.kind, error.code, error.details]).toEqual(['invalid', 'INVALID_TIME_RANGE', [expect.objectContaining({ field, reason })]]);
  });

  it('moves the whole shift when only start_time changes, and takes the fields sent as they are', () => {
    const moved = patchShiftTimes(specTimes(), { start_time: '2024-02-16T01:00:00+01:00' });
    expect(moved).toEqual({
      callAt: at('2024-02-15T22:00:00Z'),
      start: at('2024-02-16T00:00:00Z'),
      end: at('2024-02-16T06:00:00Z'),
      breaks: [{ start: at('2024-02-16T02:30:00Z'), end: at('2024-02-16T03:00:00Z'), mandatory: true }],
    });
    const longer = patchShiftTimes(specTimes(), { end_time: '2024-02-16T03:00:00+01:00' });
    expect(longer).toEqual({ ...specTimes(), end: at('2024-02-16T02:00:00Z') });
    expect(patchShiftTimes(specTimes(), {})).toEqual(specTimes());
  });
});

describe('costs of a whole shift', () => {
  it('adds the technicians with a contract and the equipment; a technician without one is left out, by name', () => {
    // 4 h on a Thursday afternoon: 4 x 45 = 180 + transport 50 each; the console 1 day x 300; the cable stock has no rate.
    const cost = computeShiftEconomics({
      worked: [{ start: at('2031-03-06T10:00:00+01:00'), end: at('2031-03-06T14:00:00+01:00') }],
      technicians: [
        { id: 'user_a', contract: SPEC_CONTRACT, weekHoursBefore: 0 },
        { id: 'user_b', contract: { ...SPEC_CONTRACT, hourly_rate: 30.5 }, weekHoursBefore: 0 },
        { id: 'user_c', contract: null, weekHoursBefore: 0 },
      ],
      equipment: [
        { id: 'eq_console', quantity: 1, dailyRate: 300 },
        { id: 'eq_cables', quantity: 10, dailyRate: null },
      ],
      emergency: false,
      budgetLine: 'sound',
      pay: IDCC_2717_SETTINGS.pay,
      timeZone: PARIS,
    });
    // user_b: 4 x 30.50 = 122.
    expect(cost.breakdown).toEqual({ labor_cost: 302, equipment_cost: 300, meal_allowance: 0, transport_cost: 100, overtime_cost: 0 });
    expect(cost.totalAmount).toBe(702);
    expect(cost.uncostedTechnicians).toEqual(['user_c']);
    expect(cost.hours).toEqual({ paid: 8, night: 0, weekend: 0, overtime: 0, emergency: 0 });
    expect(cost.lines.filter((line) => line.component === 'equipment_cost')).toEqual([
      { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_console', quantity: 1, unit: 'unit_day', rate: 300, multiplier: 1, amount: 300 },
    ]);
  });

  it('counts the hours already worked in the local ISO week, before the shift, once', () => {
    const others = [
      // Sunday before: another week.
      { worked: [{ start: at('2031-03-09T10:00:00+01:00'), end: at('2031-03-09T20:00:00+01:00') }] },
      // Monday and Tuesday: 10 + 10; a duplicate of Tuesday does not count twice.
      { worked: [{ start: at('2031-03-10T08:00:00+01:00'), end: at('2031-03-10T18:00:00+01:00') }] },
      { worked: [{ start: at('2031-03-11T08:00:00+01:00'), end: at('2031-03-11T18:00:00+01:00') }] },
      { worked: [{ start: at('2031-03-11T08:00:00+01:00'), end: at('2031-03-11T18:00:00+01:00') }] },
      // Later that week: after the shift.
      { worked: [{ start: at('2031-03-14T08:00:00+01:00'), end: at('2031-03-14T18:00:00+01:00') }] },
    ];
    expect(hoursBeforeInWeek(others, at('2031-03-12T08:00:00+01:00'), PARIS)).toBe(20);
  });

  it('calls an emergency a shift scheduled less than the notice before its call time, never one recorded after it', () => {
    const call = at('2031-03-06T10:00:00+01:00');
    expect(isShiftEmergency(call - 23 * HOUR, call, 24)).toBe(true);
    expect(isShiftEmergency(call - 24 * HOUR, call, 24)).toBe(false);
    expect(isShiftEmergency(call + HOUR, call, 24)).toBe(false);
  });
});

describe('economic values', () => {
  const computed = computeShiftEconomics({
    worked: [{ start: at('2031-03-06T10:00:00+01:00'), end: at('2031-03-06T14:00:00+01:00') }],
    technicians: [{ id: 'user_a', contract: SPEC_CONTRACT, weekHoursBefore: 0 }],
    equipment: [],
    emergency: false,
    budgetLine: 'labor',
    pay: IDCC_2717_SETTINGS.pay,
    timeZone: PARIS,
  });

  it("accepts the spec's figures (1200 = 405 + 500 + 20 + 50 + 225) and keeps them, the computed ones beside", () => {
    const client = { baseRate: 45, equipmentRate: 500, totalAmount: 1200, budgetLine: 'sound', breakdown: { labor_cost: 405, equipment_cost: 500, meal_allowance: 20, transport_cost: 50, overtime_cost: 225 } };
    expect(() => checkClientEconomicValue(client)).not.toThrow();
    expect(economicValueOf(client, computed)).toEqual({
      source: 'client',
      totalAmount: 1200,
      budgetLine: 'sound',
      currency: 'EUR',
      breakdown: client.breakdown,
      baseRate: 45,
      equipmentRate: 500,
      computed,
    });
  });

  it('refuses a total that is not the sum of the breakdown, to the cent, naming economic_value.total_amount', () => {
    const error = errorOf(() => checkClientEconomicValue({ baseRate: null, equipmentRate: null, totalAmount: 100.01, budgetLine: null, breakdown: { labor_cost: 100 } }));
    expect(error.details).toEqual([
      { field: 'economic_value.total_amount', message: 'total_amount (100.01) differs from the sum of the breakdown (100)', total_amount: 100.01, breakdown_sum: 100, difference: 0.01 },
    ]);
    expect(errorOf(() => checkClientEconomicValue({ baseRate: null, equipmentRate: null, totalAmount: 100, budgetLine: null, breakdown: null })).details).toEqual([
      { field: 'economic_value.breakdown', message: 'breakdown is required with total_amount' },
    ]);
  });

  it('uses the computed figures on the labor line when the client sends none, or only a budget line', () => {
    expect(economicValueOf(null, computed)).toMatchObject({ source: 'computed', totalAmount: 230, budgetLine: 'labor', breakdown: computed.breakdown });
    expect(economicValueOf({ baseRate: null, equipmentRate: null, totalAmount: null, budgetLine: 'sound', breakdown: null }, computed)).toMatchObject({ source: 'computed', totalAmount: 230, budgetLine: 'sound' });
  });
});

// ---------------------------------------------------------------------------------------------
// The assessment, over a world built by hand.

const profile = (userId: string, skills: TechnicianProfile['specializations'][number]['skills'], availability: Record<string, string[]> = {}, contract: TechnicianProfile['employmentContract'] = SPEC_CONTRACT): TechnicianProfile => ({
  organizationId: 'org_123',
  userId,
  specializations: [{ category: 'sound', skills }],
  availability,
  employmentContract: contract,
  updatedAt: '2024-01-20T10:00:00.000Z',
});

const jeanMichel = profile(
  'user_456',
  [
    { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
    { name: 'system_tech', level: 4 },
  ],
  { '2024-02-15': ['08:00-18:00', '20:00-02:00'] },
);

const sd5: Equipment = createEquipment(
  { name: 'DiGiCo SD5', category: 'sound', subcategory: 'mixing_console', kind: 'unit', lastMaintenanceDate: '2024-01-10', nextMaintenanceDate: '2024-04-10', requiredCertifications: ['DiGiCo Certified'], dailyRate: 500 },
  { id: 'eq_101', organizationId: 'org_123' },
  new Date('2024-01-20T10:00:00Z'),
);
const boxes: Equipment = createEquipment(
  { name: 'Stage boxes', category: 'sound', subcategory: 'stage_box', kind: 'bulk', quantityTotal: 4, lastMaintenanceDate: '2024-01-10', nextMaintenanceDate: '2024-07-10', dailyRate: 40 },
  { id: 'eq_102', organizationId: 'org_123' },
  new Date('2024-01-20T10:00:00Z'),
);

const event = { id: 'event_456', status: 'DRAFT', budget: { total: 150000, breakdown: { sound: 1000, labor: 30000 } }, budgetConsumed: { sound: 50_000 } } as unknown as Event & { budgetConsumed: Record<string, number> };

const draft = (overrides: Partial<ShiftDraft> = {}): ShiftDraft => ({
  title: 'Sonorisation',
  eventId: 'event_456',
  times: specTimes(),
  resources: [
    { type: 'technician', id: 'user_456', role: 'foh_engineer', requiredSkills: ['foh_engineer', 'system_tech'] },
    { type: 'equipment', id: 'eq_101', role: 'mixing_console', quantity: 1 },
    { type: 'equipment', id: 'eq_102', role: 'stage_box', quantity: 2 },
  ],
  priority: 'high',
  metadata: { technicalRider: null, stagePlot: null, cablePlan: null, checklist: [] },
  conflictPolicy: 'reject',
  economicValue: { baseRate: null, equipmentRate: null, totalAmount: null, budgetLine: 'sound', breakdown: null },
  ...overrides,
});

const held = (id: string, start: string, end: string, extra: Partial<HeldShift> = {}): HeldShift => ({
  id,
  start: at(start),
  end: at(end),
  quantity: 1,
  ownerType: 'shift',
  ownerId: id,
  eventId: 'event_456',
  worked: [{ start: at(start), end: at(end) }],
  ...extra,
});

function world(overrides: { technicians?: Record<string, Partial<TechnicianState>>; boxesHeld?: number; forced?: ShiftConflict[] } = {}): ShiftWorld {
  const technicians = new Map<string, TechnicianState>([['user_456', { member: true, profile: jeanMichel, others: [], ...overrides.technicians?.user_456 }]]);
  for (const [id, state] of Object.entries(overrides.technicians ?? {})) if (id !== 'user_456') technicians.set(id, { member: true, profile: null, others: [], ...state });
  return {
    shiftId: 'shift_new',
    timeZone: PARIS,
    settings: IDCC_2717_SETTINGS,
    lang: 'fr',
    scheduledAt: at('2024-01-20T10:00:00Z'),
    event,
    technicians,
    equipment: new Map([
      ['eq_101', { item: sd5, allocations: [] }],
      [
        'eq_102',
        {
          item: boxes,
          allocations: overrides.boxesHeld ? [{ ...held('booking_9', '2024-02-15T19:00:00+01:00', '2024-02-15T21:00:00+01:00'), ownerType: 'equipment_booking', quantity: overrides.boxesHeld }] : [],
        },
      ],
    ]),
    forcedConflicts: overrides.forced ?? [],
  };
}

describe('assessing a shift', () => {
  it("confirms the spec's shift: every resource held, the maintenance warning, the line going over its budget", () => {
    const assessment = assessShift(draft(), world());
    expect(assessment.status).toBe('confirmed');
    expect(assessment.conflicts).toEqual([]);
    expect(assessment.resources.map((resource) => [resource.id, resource.held])).toEqual([
      ['user_456', true],
      ['eq_101', true],
      ['eq_102', true],
    ]);
    // 500 + 1032.50 computed > 1000 on the sound line.
    expect(assessment.warnings.map((warning) => warning.code)).toEqual(['MAINTENANCE_DUE', 'BUDGET_LINE_EXCEEDED']);
    expect(assessment.warnings[1]).toEqual({
      code: 'BUDGET_LINE_EXCEEDED',
      message: 'La ligne budgétaire "sound" est dépassée : 1532.5 consommés pour 1000 prévus.',
      severity: 'medium',
      budget_line: 'sound',
      budgeted: 1000,
      consumed: 1532.5,
    });
    expect(assessment.economicValue).toMatchObject({ source: 'computed', totalAmount: 1032.5, budgetLine: 'sound' });
  });

  it('lists a technician already held and a stock too small as conflicts, and holds only the rest', () => {
    const assessment = assessShift(
      draft(),
      world({ technicians: { user_456: { others: [held('shift_101', '2024-02-15T22:00:00+01:00', '2024-02-15T23:00:00+01:00')] } }, boxesHeld: 3 }),
    );
    expect(assessment.status).toBe('pending');
    expect(assessment.conflicts).toEqual([
      { resourceType: 'technician', resourceId: 'user_456', withShiftId: 'shift_101', withBookingId: null, withEventId: 'event_456', severity: 'high', overlapStart: '2024-02-15T21:00:00.000Z', overlapEnd: '2024-02-15T22:00:00.000Z' },
      {
        resourceType: 'equipment',
        resourceId: 'eq_102',
        withShiftId: null,
        withBookingId: 'booking_9',
        withEventId: 'event_456',
        severity: 'high',
        overlapStart: '2024-02-15T18:00:00.000Z',
        overlapEnd: '2024-02-15T20:00:00.000Z',
        requestedQuantity: 2,
        availableQuantity: 1,
      },
    ]);
    expect(assessment.resources.map((resource) => [resource.id, resource.held])).toEqual([
      ['user_456', false],
      ['eq_101', true],
      ['eq_102', false],
    ]);
  });

  it('keeps a conflict the allocation store found after the reads (a lost race)', () => {
    const forced: ShiftConflict = { resourceType: 'equipment', resourceId: 'eq_101', withShiftId: 'shift_x', withBookingId: null, withEventId: null, severity: 'high', overlapStart: 'a', overlapEnd: 'b' };
    const assessment = assessShift(draft(), world({ forced: [forced] }));
    expect([assessment.status, assessment.conflicts, assessment.resources[1]!.held]).toEqual(['pending', [forced], false]);
  });

  it('refuses a missing skill and a certification no technician holds, in one 422 SKILL_MISMATCH', () => {
    const error = errorOf(() =>
      assessShift(
        draft({
          resources: [
            { type: 'technician', id: 'user_456', role: 'lights', requiredSkills: ['moving_lights'] },
            { type: 'technician', id: 'user_new', role: 'foh', requiredSkills: [] },
            { type: 'equipment', id: 'eq_101', role: null, quantity: 1 },
          ],
        }),
        world({ technicians: { user_456: { profile: { ...jeanMichel, specializations: [{ category: 'sound', skills: [{ name: 'foh_engineer', level: 5 }] }] } }, user_new: { profile: profile('user_new', []) } } }),
      ),
    );
    expect([error.kind, error.code]).toEqual(['unprocessable', 'SKILL_MISMATCH']);
    expect(error.details).toEqual([
      { reason: 'missing_skills', technician_id: 'user_456', role: 'lights', required_skills: ['moving_lights'], missing_skills: ['moving_lights'] },
      { reason: 'missing_certifications', equipment_id: 'eq_101', required_certifications: ['DiGiCo Certified'], missing_certifications: ['DiGiCo Certified'], technician_ids: ['user_456', 'user_new'] },
    ]);
  });

  it('refuses a shift that leaves less than 11 h of rest, naming the rule, its source and the technician', () => {
    const error = errorOf(() => assessShift(draft(), world({ technicians: { user_456: { others: [held('shift_morning', '2024-02-16T10:00:00+01:00', '2024-02-16T12:00:00+01:00')] } } })));
    expect(error.code).toBe('LABOR_LAW_VIOLATION');
    expect(error.details).toEqual([
      {
        rule: 'daily_rest',
        limit: 11,
        actual: 8,
        source: 'IDCC 2717 art. 5.1 (KALIARTI000019906657)',
        technician_id: 'user_456',
        period: { start: '2024-02-15T18:00:00+01:00', end: '2024-02-16T18:00:00+01:00' },
      },
    ]);
  });

  it('warns when the technician did not declare the shift, and when their contract is missing', () => {
    const assessment = assessShift(
      draft({ times: parseShiftTimes({ start_time: '2024-02-15T17:00:00+01:00', end_time: '2024-02-15T19:00:00+01:00' }), resources: [draft().resources[0]!] }),
      world({ technicians: { user_456: { profile: { ...jeanMichel, employmentContract: null } } } }),
    );
    expect(assessment.warnings.map((warning) => [warning.code, warning.technician_id])).toEqual([
      ['OUTSIDE_AVAILABILITY', 'user_456'],
      ['CONTRACT_MISSING', 'user_456'],
    ]);
    expect(assessment.economicValue.computed.uncostedTechnicians).toEqual(['user_456']);
  });

  it('answers 404 for a technician who is not a member, 409 for a cancelled event', () => {
    expect(errorOf(() => assessShift(draft(), world({ technicians: { user_456: { member: false } } }))).details).toEqual({ resource_type: 'technician', resource_id: 'user_456' });
    expect(errorOf(() => assessShift(draft(), { ...world(), event: { ...event, status: 'CANCELLED' } })).code).toBe('EVENT_CANCELLED');
  });
});

describe('planned against actual', () => {
  it('compares each technician of the shift with their check-in and check-out', () => {
    const shift = {
      callAt: '2024-02-15T17:00:00.000Z',
      startAt: '2024-02-15T19:00:00.000Z',
      endAt: '2024-02-16T01:00:00.000Z',
      breaks: [{ startAt: '2024-02-15T21:30:00.000Z', endAt: '2024-02-15T22:00:00.000Z', mandatory: true }],
      technicianIds: ['user_456', 'user_789'],
    } as Shift;
    expect(plannedVersusActual(shift, [{ technicianId: 'user_456', checkInAt: '2024-02-15T17:10:00.000Z', checkOutAt: '2024-02-16T01:40:00.000Z' }], PARIS)).toEqual([
      {
        technician_id: 'user_456',
        planned: { start_time: '2024-02-15T18:00:00+01:00', end_time: '2024-02-16T02:00:00+01:00', worked_hours: 7.5 },
        actual: { check_in_time: '2024-02-15T18:10:00+01:00', check_out_time: '2024-02-16T02:40:00+01:00', hours: 8.5 },
        difference_hours: 0.5,
      },
      {
        technician_id: 'user_789',
        planned: { start_time: '2024-02-15T18:00:00+01:00', end_time: '2024-02-16T02:00:00+01:00', worked_hours: 7.5 },
        actual: { check_in_time: null, check_out_time: null, hours: null },
        difference_hours: null,
      },
    ]);
  });
});
