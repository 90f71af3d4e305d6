import { describe, expect, test } from 'vitest';
import { checkEconomicValueTotal, computeShiftCost, isEmergencyCall } from '../../shared/domain/finance.ts';
import type { EmploymentContract, ShiftCostInput } from '../../shared/domain/finance.ts';
import { workedIntervals } from '../../shared/domain/labour-rules.ts';
import type { Interval } from '../../shared/domain/labour-rules.ts';
import { IDCC_2717_SETTINGS, resolveOrgSettings } from '../../shared/domain/org-settings.ts';

const PARIS = 'Europe/Paris';
const at = (rfc3339: string) => Date.parse(rfc3339);
const span = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });

/** The spec's `employment_contract` (GET /users/me). */
const SPEC_CONTRACT: EmploymentContract = {
  type: 'freelance',
  hourly_rate: 45,
  overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
  meal_allowance: true,
};

/** The spec's shift: call 18:00, 20:00-02:00 on Thursday 2024-02-15, mandatory break 22:30-23:00. */
const SPEC_WORKED = workedIntervals({
  callTime: at('2024-02-15T18:00:00+01:00'),
  start: at('2024-02-15T20:00:00+01:00'),
  end: at('2024-02-16T02:00:00+01:00'),
  breaks: [{ start: at('2024-02-15T22:30:00+01:00'), end: at('2024-02-15T23:00:00+01:00'), mandatory: true }],
});

function cost(worked: Interval[], overrides: Partial<ShiftCostInput> = {}) {
  return computeShiftCost({
    worked,
    contract: SPEC_CONTRACT,
    weekHoursBefore: 0,
    emergency: false,
    budgetLine: 'sound',
    settings: IDCC_2717_SETTINGS.pay,
    timeZone: PARIS,
    ...overrides,
  });
}

const meal = { component: 'meal_allowance', class: 'meal_window', quantity: 1, unit: 'shift', rate: 20, multiplier: 1, amount: 20 };
const longShiftMeal = { ...meal, class: 'long_shift' };
const transport = { component: 'transport_cost', class: 'transport', quantity: 1, unit: 'shift', rate: 50, multiplier: 1, amount: 50 };
const base = (hours: number, amount: number) => ({ component: 'labor_cost', class: 'base', quantity: hours, unit: 'hour', rate: 45, multiplier: 1, amount });
const premium = (label: string, hours: number, multiplier: number, amount: number) => ({
  component: 'overtime_cost',
  class: label,
  quantity: hours,
  unit: 'hour',
  rate: 45,
  multiplier,
  amount,
});

describe('shift cost', () => {
  test("the spec's shift: 7.5 h paid, 2 h of night at 1.5, meal, transport and equipment", () => {
    // prepare
    const equipment = [
      { equipment_id: 'eq_101', quantity: 1, daily_rate: 300 },
      { equipment_id: 'eq_102', quantity: 2, daily_rate: 100 },
    ];
    // act
    const result = cost(SPEC_WORKED, { equipment });
    // assess: 7.5 x 45 = 337.50; 2 x 45 x 0.5 = 45; 300 + 2 x 100 = 500 (8 h span: one day)
    expect(result).toEqual({
      labor_cost: 337.5,
      overtime_cost: 45,
      equipment_cost: 500,
      meal_allowance: 20,
      transport_cost: 50,
      total_amount: 952.5,
      budget_line: 'sound',
      currency: 'EUR',
      hours: { paid: 7.5, night: 2, weekend: 0, overtime: 0, emergency: 0 },
      lines: [
        base(7.5, 337.5),
        premium('night', 2, 0.5, 45),
        { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_101', quantity: 1, unit: 'unit_day', rate: 300, multiplier: 1, amount: 300 },
        { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_102', quantity: 2, unit: 'unit_day', rate: 100, multiplier: 1, amount: 200 },
        meal,
        transport,
      ],
    });
    expect(checkEconomicValueTotal({ total_amount: result.total_amount, breakdown: result })).toEqual({ valid: true, total_amount: 952.5, breakdown_sum: 952.5 });
  });

  test('a Saturday day shift is paid the weekend bonus on every paid hour', () => {
    // prepare
    const worked = workedIntervals({
      start: at('2024-02-17T09:00:00+01:00'),
      end: at('2024-02-17T17:00:00+01:00'),
      breaks: [{ start: at('2024-02-17T12:30:00+01:00'), end: at('2024-02-17T13:30:00+01:00'), mandatory: true }],
    });
    // act
    const result = cost(worked);
    // assess: 7 x 45 = 315; 7 x 45 x 0.3 = 94.50
    expect(result.lines).toEqual([base(7, 315), premium('weekend', 7, 0.3, 94.5), meal, transport]);
    expect(result.hours).toEqual({ paid: 7, night: 0, weekend: 7, overtime: 0, emergency: 0 });
    expect(result.total_amount).toBe(479.5);
  });

  test('past 35 h the week pays +25% up to 43 h, then +50%, the earlier hours counting first', () => {
    // prepare: 40 h already worked this week, then Wednesday 09:00-17:00
    const worked = [span('2024-02-14T09:00:00+01:00', '2024-02-14T17:00:00+01:00')];
    // act
    const result = cost(worked, { weekHoursBefore: 40 });
    // assess: 3 h x 45 x 0.25 = 33.75; 5 h x 45 x 0.5 = 112.50
    expect(result.lines).toEqual([base(8, 360), premium('overtime_25', 3, 0.25, 33.75), premium('overtime_50', 5, 0.5, 112.5), meal, transport]);
    expect(result.overtime_cost).toBe(146.25);
    expect(result.hours.overtime).toBe(8);
    expect(result.total_amount).toBe(576.25);
  });

  test('a shift crossing the 35th hour pays overtime only past it', () => {
    // prepare
    const worked = [span('2024-02-14T09:00:00+01:00', '2024-02-14T17:00:00+01:00')];
    // act
    const result = cost(worked, { weekHoursBefore: 30 });
    // assess: 5 h at base, 3 h at +25%
    expect(result.lines.filter((line) => line.component === 'overtime_cost')).toEqual([premium('overtime_25', 3, 0.25, 33.75)]);
    expect(result.hours.overtime).toBe(3);
  });

  test('Sunday night into Monday: Sunday hours go on the old week, Monday starts the new week at 0 h', () => {
    // prepare
    const worked = [span('2024-02-18T20:00:00+01:00', '2024-02-19T04:00:00+01:00')];
    // act
    const result = cost(worked, { weekHoursBefore: 40 });
    // assess: 3 h x 45 x (1.3 x 1.25 - 1) = 84.375 -> 84.38; 1 h x 45 x (1.3 x 1.5 - 1) = 42.75; 4 h x 45 x 0.5 = 90
    expect(result.lines).toEqual([
      base(8, 360),
      premium('weekend+overtime_25', 3, 0.625, 84.38),
      premium('weekend+overtime_50', 1, 0.95, 42.75),
      premium('night', 4, 0.5, 90),
      longShiftMeal,
      transport,
    ]);
    expect(result.hours).toEqual({ paid: 8, night: 4, weekend: 4, overtime: 4, emergency: 0 });
    expect(result.overtime_cost).toBe(217.13);
    expect(result.total_amount).toBe(647.13);
  });

  test('an emergency call is paid the emergency bonus on every paid hour', () => {
    // prepare
    const worked = [span('2024-02-15T18:00:00+01:00', '2024-02-15T22:00:00+01:00')];
    // act
    const result = cost(worked, { emergency: true });
    // assess: 4 x 45 x 1.5 = 270
    expect(result.lines).toEqual([base(4, 180), premium('emergency', 4, 1.5, 270), meal, transport]);
    expect(result.hours.emergency).toBe(4);
    expect(result.total_amount).toBe(520);
  });

  test('daylight-saving nights: 22:00-06:00 is 7 h on 2024-03-31 and 9 h on 2024-10-27 (Saturday into Sunday)', () => {
    // prepare
    const spring = [span('2024-03-30T22:00:00+01:00', '2024-03-31T06:00:00+02:00')];
    const autumn = [span('2024-10-26T22:00:00+02:00', '2024-10-27T06:00:00+01:00')];
    // act
    const springCost = cost(spring);
    const autumnCost = cost(autumn);
    // assess: night and weekend stack, 1.5 x 1.3 = 1.95
    expect(springCost.hours).toEqual({ paid: 7, night: 5, weekend: 7, overtime: 0, emergency: 0 });
    expect(springCost.lines).toEqual([base(7, 315), premium('weekend', 2, 0.3, 27), premium('night+weekend', 5, 0.95, 213.75), longShiftMeal, transport]);
    expect(springCost.total_amount).toBe(625.75);
    expect(autumnCost.hours).toEqual({ paid: 9, night: 7, weekend: 9, overtime: 0, emergency: 0 });
    expect(autumnCost.lines).toEqual([base(9, 405), premium('weekend', 2, 0.3, 27), premium('night+weekend', 7, 0.95, 299.25), longShiftMeal, transport]);
    expect(autumnCost.total_amount).toBe(801.25);
  });

  test('stacking multiplies the bonuses; the highest-only setting pays the largest', () => {
    // prepare
    const highest = resolveOrgSettings({ pay: { premiumCombination: 'highest' } }).pay;
    // act
    const stacked = cost(SPEC_WORKED, { emergency: true });
    const single = cost(SPEC_WORKED, { emergency: true, settings: highest });
    // assess: 5.5 h x 45 x 1.5 = 371.25; night: 2 h x 45 x (1.5 x 2.5 - 1) = 247.50, or 2 h x 45 x 1.5 = 135
    expect(stacked.lines.filter((line) => line.component === 'overtime_cost')).toEqual([
      premium('emergency', 5.5, 1.5, 371.25),
      premium('night+emergency', 2, 2.75, 247.5),
    ]);
    expect(stacked.overtime_cost).toBe(618.75);
    expect(single.lines.filter((line) => line.component === 'overtime_cost')).toEqual([
      premium('emergency', 5.5, 1.5, 371.25),
      premium('night+emergency', 2, 1.5, 135),
    ]);
    expect(single.overtime_cost).toBe(506.25);
  });

  test('the legal floors hold below a weak contract: night at least +25%, and cumulated with overtime', () => {
    // prepare
    const weakNight: EmploymentContract = { ...SPEC_CONTRACT, overtime_rules: { ...SPEC_CONTRACT.overtime_rules, night_shift_bonus: 1.1 } };
    const highest = resolveOrgSettings({ pay: { premiumCombination: 'highest' } }).pay;
    const worked = [span('2024-02-13T00:00:00+01:00', '2024-02-13T04:00:00+01:00')];
    // act
    const nightOnly = cost(worked, { contract: weakNight });
    const nightOvertimeHighest = cost(worked, { contract: weakNight, settings: highest, weekHoursBefore: 36 });
    // assess: 4 x 45 x 0.25 = 45; 4 x 45 x (1.25 x 1.25 - 1) = 101.25; a 4 h night covers no meal window
    expect(nightOnly.lines).toEqual([base(4, 180), premium('night', 4, 0.25, 45), transport]);
    expect(nightOvertimeHighest.lines.filter((line) => line.component === 'overtime_cost')).toEqual([premium('night+overtime_25', 4, 0.5625, 101.25)]);
  });

  test('equipment: a daily rate per started 24 h of the call-to-end span, a flat rate once', () => {
    // prepare: 26 h from call to end
    const worked = [span('2024-02-15T08:00:00+01:00', '2024-02-16T10:00:00+01:00')];
    const equipment = [
      { equipment_id: 'eq_101', quantity: 2, daily_rate: 100 },
      { equipment_id: 'eq_102', quantity: 3, flat_rate: 75 },
    ];
    // act
    const result = cost(worked, { equipment });
    // assess: 2 x 2 days x 100 = 400; 3 x 75 = 225
    expect(result.equipment_cost).toBe(625);
    expect(result.lines.filter((line) => line.component === 'equipment_cost')).toEqual([
      { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_101', quantity: 4, unit: 'unit_day', rate: 100, multiplier: 1, amount: 400 },
      { component: 'equipment_cost', class: 'equipment', equipment_id: 'eq_102', quantity: 3, unit: 'unit', rate: 75, multiplier: 1, amount: 225 },
    ]);
  });

  test('no meal without the contract, nor for a short shift outside the meal windows', () => {
    // prepare
    const noMeals: EmploymentContract = { ...SPEC_CONTRACT, meal_allowance: false };
    const afternoon = [span('2024-02-14T14:30:00+01:00', '2024-02-14T17:30:00+01:00')];
    // act
    const withoutContract = cost(SPEC_WORKED, { contract: noMeals });
    const shortShift = cost(afternoon);
    // assess
    expect(withoutContract.meal_allowance).toBe(0);
    expect(withoutContract.lines.some((line) => line.component === 'meal_allowance')).toBe(false);
    expect(shortShift.meal_allowance).toBe(0);
    expect(shortShift.total_amount).toBe(3 * 45 + 50);
  });

  test('an odd hourly rate stays exact to the cent', () => {
    // prepare: 1 h 10 at 45.37 on a weekday afternoon
    const worked = [span('2024-02-14T14:00:00+01:00', '2024-02-14T15:10:00+01:00')];
    const contract = { ...SPEC_CONTRACT, hourly_rate: 45.37 };
    // act
    const result = cost(worked, { contract });
    // assess: 70 min x 4537 c / 60 = 5293.17 c -> 52.93
    expect(result.labor_cost).toBe(52.93);
    expect(result.hours.paid).toBe(1.17);
    expect(result.total_amount).toBe(102.93);
  });
});

describe('emergency call', () => {
  test('scheduled less than 24 h before the call time', () => {
    // prepare
    const callTime = at('2024-02-15T18:00:00+01:00');
    // act / assess
    expect(isEmergencyCall(at('2024-02-14T18:00:00+01:00'), callTime, 24)).toBe(false);
    expect(isEmergencyCall(at('2024-02-14T18:01:00+01:00'), callTime, 24)).toBe(true);
    expect(isEmergencyCall(at('2024-01-20T10:00:00Z'), callTime, 24)).toBe(false);
  });
});

describe('client economic_value', () => {
  test("the spec's example adds up", () => {
    // prepare
    const value = { total_amount: 1200, breakdown: { labor_cost: 405, equipment_cost: 500, meal_allowance: 20, transport_cost: 50, overtime_cost: 225 } };
    // act
    const result = checkEconomicValueTotal(value);
    // assess
    expect(result).toEqual({ valid: true, total_amount: 1200, breakdown_sum: 1200 });
  });

  test('a total that does not match says by how much', () => {
    // prepare
    const value = { total_amount: 1199.9, breakdown: { labor_cost: 405, equipment_cost: 500, meal_allowance: 20, transport_cost: 50, overtime_cost: 225 } };
    // act
    const result = checkEconomicValueTotal(value);
    // assess
    expect(result).toEqual({ valid: false, field: 'total_amount', total_amount: 1199.9, breakdown_sum: 1200, difference: -0.1 });
  });

  test('cents, not floats: 0.1 + 0.2 is 0.3, and a missing field counts as 0', () => {
    // act / assess
    expect(checkEconomicValueTotal({ total_amount: 0.3, breakdown: { labor_cost: 0.1, overtime_cost: 0.2 } }).valid).toBe(true);
  });
});
