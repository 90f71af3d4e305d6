/**
 * Cost of one technician's shift, the way a payroll officer checks it line by line.
 *
 * Paid time is the worked intervals (call time to end, minus unpaid mandatory breaks; see
 * `workedIntervals` in labour-rules.ts). Every second of it is classified in local time:
 *   night      inside the night window (default 00:00-06:00), on the day it falls in;
 *   weekend    on a weekend day (default Saturday, Sunday), by the local date;
 *   emergency  every second of a shift scheduled less than `emergencyNoticeHours` before its call time;
 *   overtime   past the legal week: the ISO week's earlier hours (`weekHoursBefore`) count first, then
 *              this shift in time order; tier 1 (+25%) past 35 h, tier 2 (+50%) past 43 h. The part of
 *              a shift after Monday 00:00 starts the new week at 0 h.
 * A daylight-saving night keeps its real length: 22:00-06:00 is 7 h on 2024-03-31 in Paris, 9 h on
 * 2024-10-27.
 *
 * Multiplier of a second, from the classes it belongs to:
 *   night = max(contract night_shift_bonus, legal floor 1.25); weekend = max(weekend_shift_bonus, 1);
 *   emergency = max(emergency_call_bonus, 1); overtime = the tier's multiplier (the contract has none).
 *   `stack`   (default; IDCC 2717 art. 5.11 makes the night premium cumulative): the product.
 *   `highest`: the largest, but never below the product of the legal floors of its classes (night
 *              1.25 and the overtime tier), so a night hour in tier 1 gets at least 1.25 x 1.25.
 *   The product of the floors is at least their sum, so this holds under either legal reading.
 *
 * Amounts (integer cents inside, euros with 2 decimals outside):
 *   labor_cost     = paid hours x hourly_rate                                    (one `base` line)
 *   overtime_cost  = sum over classes of hours x hourly_rate x (multiplier - 1)   (one line per class
 *                    combination, e.g. `night+weekend`; the premiums on top of base, despite the name,
 *                    which is the spec's)
 *   equipment_cost = sum of quantity x daily_rate x rental days (days = call-to-end span in started
 *                    24 h periods, at least 1), or quantity x flat_rate
 *   meal_allowance = the setting's amount, once per shift, if the contract grants meals and the
 *                    call-to-end span covers a whole meal window or the paid hours reach `minPaidHours`
 *   transport_cost = the flat amount per shift
 *   total_amount   = the sum of the five.
 * Every line satisfies amount = quantity x rate x multiplier, rounded to the cent (premium lines carry
 * the uplift: a 1.95 night+weekend hour shows multiplier 0.95); each component is the sum of its
 * lines' cents. Line hours are shown to 2 decimals, so a recomputation from displayed hours can differ
 * by a cent.
 *
 * The same rules apply to every contract type: in live events a "freelance" technician is usually an
 * intermittent on a short employment contract, covered by the convention. The art. 5.7 rounding of a
 * week's overtime to the next half hour is a weekly payroll adjustment and is not made per shift.
 */
import type { Interval } from './labour-rules.ts';
import { mergeIntervals } from './labour-rules.ts';
import { minutesOfDay } from './org-settings.ts';
import type { LocalTimeWindow, OvertimeTier, PaySettings } from './org-settings.ts';
import { localParts, localToInstant, localWeekStart, splitAtLocalMidnights } from './time/zoned.ts';
import type { LocalDate } from './time/zoned.ts';

/** `employment_contract` as in PlanningHub `GET /users/me`. */
export interface EmploymentContract {
  type: string;
  hourly_rate: number;
  overtime_rules: {
    night_shift_bonus: number;
    weekend_shift_bonus: number;
    emergency_call_bonus: number;
  };
  meal_allowance: boolean;
}

/** `daily_rate` per unit per rental day, or `flat_rate` per unit for the shift. */
export type EquipmentCharge = { equipment_id: string; quantity: number } & (
  | { daily_rate: number; flat_rate?: undefined }
  | { flat_rate: number; daily_rate?: undefined }
);

export type BreakdownField = 'labor_cost' | 'overtime_cost' | 'equipment_cost' | 'meal_allowance' | 'transport_cost';
export const BREAKDOWN_FIELDS: readonly BreakdownField[] = ['labor_cost', 'equipment_cost', 'meal_allowance', 'transport_cost', 'overtime_cost'];

export interface CostLine {
  /** The breakdown field this line adds to. */
  component: BreakdownField;
  /** `base`; a premium class such as `night`, `night+weekend`, `overtime_25`; `equipment`; `meal_window` or `long_shift`; `transport`. */
  class: string;
  quantity: number;
  unit: 'hour' | 'unit_day' | 'unit' | 'shift';
  rate: number;
  multiplier: number;
  amount: number;
  equipment_id?: string;
}

export interface ShiftCost {
  labor_cost: number;
  overtime_cost: number;
  equipment_cost: number;
  meal_allowance: number;
  transport_cost: number;
  total_amount: number;
  budget_line: string;
  currency: string;
  hours: { paid: number; night: number; weekend: number; overtime: number; emergency: number };
  lines: CostLine[];
}

export interface ShiftCostInput {
  worked: readonly Interval[];
  contract: EmploymentContract;
  /** Hours already worked in the ISO week of the shift's first worked second, before it. */
  weekHoursBefore: number;
  emergency: boolean;
  equipment?: readonly EquipmentCharge[];
  budgetLine: string;
  settings: PaySettings;
  timeZone: string;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const BASIS = 10_000;

/** The shift is an emergency call when it was scheduled (created or moved) less than `noticeHours` before its call time. */
export function isEmergencyCall(scheduledAt: number, callTime: number, noticeHours: number): boolean {
  return callTime - scheduledAt < noticeHours * HOUR_MS;
}

interface Segment {
  seconds: number;
  night: boolean;
  weekend: boolean;
  tier: OvertimeTier | null;
}

export function computeShiftCost(input: ShiftCostInput): ShiftCost {
  const { contract, settings, timeZone } = input;
  assertContract(contract);
  if (!(input.weekHoursBefore >= 0)) throw new RangeError('weekHoursBefore must be a non-negative number of hours');
  const worked = mergeIntervals(input.worked);
  const segments = classify(worked, input.weekHoursBefore, settings, timeZone);
  const rateCents = toCents(contract.hourly_rate);
  const lines: CostLine[] = [];

  const paidSeconds = sum(segments.map((segment) => segment.seconds));
  const laborCents = Math.round((paidSeconds * rateCents) / 3600);
  if (paidSeconds > 0) {
    lines.push({ component: 'labor_cost', class: 'base', quantity: hoursOf(paidSeconds), unit: 'hour', rate: contract.hourly_rate, multiplier: 1, amount: laborCents / 100 });
  }

  const premiums = new Map<string, { seconds: number; basisPoints: number }>();
  for (const segment of segments) {
    const { label, basisPoints } = premiumOf(segment, input.emergency, contract, settings);
    if (basisPoints === BASIS) continue;
    const entry = premiums.get(label) ?? { seconds: 0, basisPoints };
    entry.seconds += segment.seconds;
    premiums.set(label, entry);
  }
  let overtimeCents = 0;
  for (const [label, { seconds, basisPoints }] of premiums) {
    const cents = Math.round((seconds * rateCents * (basisPoints - BASIS)) / (3600 * BASIS));
    overtimeCents += cents;
    lines.push({ component: 'overtime_cost', class: label, quantity: hoursOf(seconds), unit: 'hour', rate: contract.hourly_rate, multiplier: (basisPoints - BASIS) / BASIS, amount: cents / 100 });
  }

  const presence = worked.length > 0 ? { start: worked[0]!.start, end: worked.at(-1)!.end } : null;
  const rentalDays = presence ? Math.max(1, Math.ceil((presence.end - presence.start) / DAY_MS)) : 1;
  let equipmentCents = 0;
  for (const charge of input.equipment ?? []) {
    const daily = charge.daily_rate !== undefined;
    const rate = daily ? charge.daily_rate : charge.flat_rate;
    if (!Number.isFinite(rate) || rate < 0 || !(charge.quantity >= 0)) throw new RangeError(`Invalid equipment charge for ${charge.equipment_id}`);
    const quantity = daily ? charge.quantity * rentalDays : charge.quantity;
    const cents = Math.round(quantity * toCents(rate));
    equipmentCents += cents;
    lines.push({ component: 'equipment_cost', class: 'equipment', equipment_id: charge.equipment_id, quantity, unit: daily ? 'unit_day' : 'unit', rate, multiplier: 1, amount: cents / 100 });
  }

  const meal = presence && contract.meal_allowance ? mealReason(presence, paidSeconds, settings, timeZone) : null;
  const mealCents = meal ? toCents(settings.mealAllowance.amount) : 0;
  if (meal && mealCents > 0) {
    lines.push({ component: 'meal_allowance', class: meal, quantity: 1, unit: 'shift', rate: settings.mealAllowance.amount, multiplier: 1, amount: mealCents / 100 });
  }

  const transportCents = toCents(settings.transportFlatAmount);
  if (transportCents > 0) {
    lines.push({ component: 'transport_cost', class: 'transport', quantity: 1, unit: 'shift', rate: settings.transportFlatAmount, multiplier: 1, amount: transportCents / 100 });
  }

  const secondsWhere = (predicate: (segment: Segment) => boolean) => sum(segments.filter(predicate).map((segment) => segment.seconds));
  return {
    labor_cost: laborCents / 100,
    overtime_cost: overtimeCents / 100,
    equipment_cost: equipmentCents / 100,
    meal_allowance: mealCents / 100,
    transport_cost: transportCents / 100,
    total_amount: (laborCents + overtimeCents + equipmentCents + mealCents + transportCents) / 100,
    budget_line: input.budgetLine,
    currency: settings.currency,
    hours: {
      paid: hoursOf(paidSeconds),
      night: hoursOf(secondsWhere((segment) => segment.night)),
      weekend: hoursOf(secondsWhere((segment) => segment.weekend)),
      overtime: hoursOf(secondsWhere((segment) => segment.tier !== null)),
      emergency: input.emergency ? hoursOf(paidSeconds) : 0,
    },
    lines,
  };
}

/** Cuts the worked time where a class changes: local midnight, night-window edges, overtime tiers. */
function classify(worked: readonly Interval[], weekHoursBefore: number, settings: PaySettings, timeZone: string): Segment[] {
  const tiers = [...settings.overtimeTiers].sort((a, b) => a.afterHours - b.afterHours);
  const weekendDays = new Set(settings.weekendDays);
  const weekSeconds = new Map<LocalDate, number>();
  const firstWeek = worked[0] ? localWeekStart(worked[0].start, timeZone) : null;
  if (firstWeek) weekSeconds.set(firstWeek, Math.round(weekHoursBefore * 3600));
  const segments: Segment[] = [];

  for (const interval of worked) {
    for (const piece of splitAtLocalMidnights(interval.start, interval.end, timeZone)) {
      const weekend = weekendDays.has(localParts(piece.start, timeZone).isoWeekday);
      const week = localWeekStart(piece.start, timeZone);
      const nights = nightRanges(piece.date, settings.nightWindow, timeZone);
      const cuts = [piece.start, piece.end, ...nights.flat()].filter((cut) => cut >= piece.start && cut <= piece.end);
      const bounds = [...new Set(cuts)].sort((a, b) => a - b);
      for (let i = 0; i + 1 < bounds.length; i += 1) {
        const from = bounds[i]!;
        const to = bounds[i + 1]!;
        const night = nights.some(([nightStart, nightEnd]) => from >= nightStart && to <= nightEnd);
        let elapsed = weekSeconds.get(week) ?? 0;
        let remaining = Math.round((to - from) / 1000);
        while (remaining > 0) {
          const tierIndex = tiers.findLastIndex((tier) => elapsed >= tier.afterHours * 3600);
          const nextThreshold = tiers[tierIndex + 1] ? tiers[tierIndex + 1]!.afterHours * 3600 : Infinity;
          const seconds = Math.min(remaining, nextThreshold - elapsed);
          segments.push({ seconds, night, weekend, tier: tiers[tierIndex] ?? null });
          elapsed += seconds;
          remaining -= seconds;
        }
        weekSeconds.set(week, elapsed);
      }
    }
  }
  return segments;
}

/** The night window's instants on a local date; a window across midnight gives its two ends of that date. */
function nightRanges(date: LocalDate, window: LocalTimeWindow, timeZone: string): Array<[number, number]> {
  const start = minutesOfDay(window.start);
  const end = minutesOfDay(window.end);
  const at = (minutes: number) => localToInstant(date, minutes, timeZone);
  if (start < end) return [[at(start), at(end)]];
  return [
    [at(0), at(end)],
    [at(start), at(1440)],
  ];
}

function premiumOf(segment: Segment, emergency: boolean, contract: EmploymentContract, settings: PaySettings): { label: string; basisPoints: number } {
  const bonuses = contract.overtime_rules;
  const classes: Array<{ label: string; multiplier: number; floor: number }> = [];
  if (segment.night) {
    const floor = settings.nightFloorMultiplier;
    classes.push({ label: 'night', multiplier: Math.max(bonuses.night_shift_bonus, floor), floor });
  }
  if (segment.weekend) classes.push({ label: 'weekend', multiplier: Math.max(bonuses.weekend_shift_bonus, 1), floor: 1 });
  if (emergency) classes.push({ label: 'emergency', multiplier: Math.max(bonuses.emergency_call_bonus, 1), floor: 1 });
  if (segment.tier) {
    const { multiplier } = segment.tier;
    classes.push({ label: `overtime_${Math.round((multiplier - 1) * 100)}`, multiplier, floor: multiplier });
  }
  const product = (values: number[]) => values.reduce((total, value) => total * value, 1);
  const multiplier =
    settings.premiumCombination === 'stack'
      ? product(classes.map((entry) => entry.multiplier))
      : Math.max(1, ...classes.map((entry) => entry.multiplier), product(classes.map((entry) => entry.floor)));
  return { label: classes.map((entry) => entry.label).join('+') || 'base', basisPoints: Math.round(multiplier * BASIS) };
}

function mealReason(presence: Interval, paidSeconds: number, settings: PaySettings, timeZone: string): 'meal_window' | 'long_shift' | null {
  const { windows, minPaidHours } = settings.mealAllowance;
  for (const piece of splitAtLocalMidnights(presence.start, presence.end, timeZone)) {
    for (const window of windows) {
      const start = minutesOfDay(window.start);
      let end = minutesOfDay(window.end);
      if (end <= start) end += 1440;
      const windowStart = localToInstant(piece.date, start, timeZone);
      const windowEnd = localToInstant(piece.date, end, timeZone);
      if (presence.start <= windowStart && windowEnd <= presence.end) return 'meal_window';
    }
  }
  return minPaidHours !== null && paidSeconds >= minPaidHours * 3600 ? 'long_shift' : null;
}

function assertContract(contract: EmploymentContract): void {
  const { night_shift_bonus, weekend_shift_bonus, emergency_call_bonus } = contract.overtime_rules;
  if (!(contract.hourly_rate >= 0) || !Number.isFinite(contract.hourly_rate)) throw new RangeError('hourly_rate must be a non-negative amount');
  for (const bonus of [night_shift_bonus, weekend_shift_bonus, emergency_call_bonus]) {
    if (!(bonus > 0) || !Number.isFinite(bonus)) throw new RangeError('overtime_rules bonuses must be positive multipliers');
  }
}

const toCents = (euros: number) => Math.round(euros * 100);
const hoursOf = (seconds: number) => Math.round(seconds / 36) / 100;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

export interface EconomicValueTotals {
  total_amount: number;
  /** Missing fields count as 0. */
  breakdown: Partial<Record<BreakdownField, number>>;
}

export type EconomicValueCheck =
  | { valid: true; total_amount: number; breakdown_sum: number }
  | { valid: false; field: 'total_amount'; total_amount: number; breakdown_sum: number; difference: number };

/**
 * A client-sent `economic_value` is consistent when its `total_amount` equals the sum of its
 * breakdown to the cent; otherwise the details say by how much (`difference` = total - sum).
 */
export function checkEconomicValueTotal(value: EconomicValueTotals): EconomicValueCheck {
  const totalCents = toCents(value.total_amount);
  const sumCents = sum(BREAKDOWN_FIELDS.map((field) => toCents(value.breakdown[field] ?? 0)));
  if (totalCents === sumCents) return { valid: true, total_amount: totalCents / 100, breakdown_sum: sumCents / 100 };
  return { valid: false, field: 'total_amount', total_amount: totalCents / 100, breakdown_sum: sumCents / 100, difference: (totalCents - sumCents) / 100 };
}
