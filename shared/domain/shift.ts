/**
 * Shifts (PlanningHub spec, "Shifts"): a title, an event, a call time, a start and an end, breaks,
 * and the resources it holds (technicians, equipment). This module is the pure conflict and cost
 * engine of a shift: it parses and checks the times, decides what blocks a shift (unknown or
 * unqualified technicians, equipment rules, double bookings, labour law), what only warns
 * (near misses, the spec's OVERLAP_WARNING, availability, maintenance, budget), and what it costs.
 * The store (shared/store/shifts.ts) reads the world and writes under locks; the decisions are
 * here. docs/shifts.md describes every rule and decision.
 *
 * Instants are epoch milliseconds here, UTC ISO strings in the stored entity. A shift holds its
 * resources over `[call_time, end_time)`; its worked time is that interval minus the mandatory
 * breaks (labour-rules.ts `workedIntervals`).
 */
import { DomainError } from './errors.ts';
import { codeOf, message, textOf, type KeyParams, type MessageKey } from '../messages/catalogue.ts';
import { assertEventTakesHolds, findConflicts, overlaps, parseInstant, type Allocation, type AllocationConflict, type Interval } from './allocation.ts';
import { assertCertified, assessBooking, type Equipment, type Language } from './equipment.ts';
import { evaluateLabourRules, mergeIntervals, ruleCheckParams, workedIntervals, type RuleCheck, type WorkedShift } from './labour-rules.ts';
import { BREAKDOWN_FIELDS, checkEconomicValueTotal, computeShiftCost, isEmergencyCall, type BreakdownField, type CostLine, type EmploymentContract } from './finance.ts';
import type { OrgSettings, PaySettings } from './org-settings.ts';
import { isWithinAvailability } from './availability.ts';
import { missingSkills } from './skills-match.ts';
import type { TechnicianProfile } from './technician.ts';
import type { Event } from './event.ts';
import { formatWithOffset, localParts, localWeekStart, startOfLocalDay } from './time/zoned.ts';
import { conflictWire, suggestionWire } from './shift-wire.ts';

export { conflictWire, suggestionWire };

export const shiftStatuses = ['confirmed', 'pending', 'cancelled'] as const;
export type ShiftStatus = (typeof shiftStatuses)[number];
export const shiftPriorities = ['low', 'medium', 'high', 'critical'] as const;
export type ShiftPriority = (typeof shiftPriorities)[number];
export const conflictPolicies = ['reject', 'flag'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

/** The allocation owner type of a shift, and the resource type of technicians (shared/store/allocations.ts). */
export const SHIFT_OWNER = 'shift';
export const TECHNICIAN_RESOURCE = 'technician';

/** Call time to end. Labour law caps a day at 10-12 h; a longer production is several shifts. */
export const MAX_SHIFT_HOURS = 24;
export const MAX_SHIFT_MS = MAX_SHIFT_HOURS * 3_600_000;
/** Without economic_value.budget_line, a shift is charged to the spec's `labor` line. */
export const DEFAULT_BUDGET_LINE = 'labor';

const HOUR_MS = 3_600_000;
const iso = (instant: number) => new Date(instant).toISOString();

// ---------------------------------------------------------------------------------------------
// The entity.

export interface ShiftBreak {
  startAt: string;
  endAt: string;
  mandatory: boolean;
}

export interface ShiftTechnician {
  type: 'technician';
  id: string;
  role: string | null;
  requiredSkills: string[];
  /** False while the shift is pending on a conflict for this technician: nothing holds them. */
  held: boolean;
}

export interface ShiftEquipment {
  type: 'equipment';
  id: string;
  role: string | null;
  quantity: number;
  held: boolean;
}

export type ShiftResource = ShiftTechnician | ShiftEquipment;
export type DraftResource = Omit<ShiftTechnician, 'held'> | Omit<ShiftEquipment, 'held'>;

export interface ShiftMetadata {
  technicalRider: string | null;
  stagePlot: string | null;
  cablePlan: string | null;
  checklist: string[];
}

/** A resource already taken during part of the shift (the spec's webhook `conflict_with` entry). */
export interface ShiftConflict {
  resourceType: 'technician' | 'equipment';
  resourceId: string;
  /** The shift holding it, when a shift does; an equipment booking otherwise. */
  withShiftId: string | null;
  withBookingId: string | null;
  withEventId: string | null;
  severity: 'high';
  overlapStart: string;
  overlapEnd: string;
  /** Stocks only: what the shift asks for and what is left at the busiest moment. */
  requestedQuantity?: number;
  availableQuantity?: number;
}

export type SuggestedAction =
  | { type: 'reschedule'; newStartAt: string }
  | { type: 'alternative_technician'; technicianId: string; skillsMatch: number; replaces: string };

export interface ComputedCost {
  totalAmount: number;
  currency: string;
  breakdown: Record<BreakdownField, number>;
  emergency: boolean;
  /** Person-hours over the costed technicians. */
  hours: { paid: number; night: number; weekend: number; overtime: number; emergency: number };
  lines: (CostLine & { technician_id?: string })[];
  /** Technicians without an employment contract: their labour is not in the figures. */
  uncostedTechnicians: string[];
}

export interface EconomicValue {
  /** `client`: the planner's figures, checked for consistency; `computed`: the engine's. */
  source: 'client' | 'computed';
  totalAmount: number;
  budgetLine: string;
  currency: string;
  breakdown: Record<BreakdownField, number>;
  baseRate: number | null;
  equipmentRate: number | null;
  computed: ComputedCost;
}

export interface Shift {
  id: string;
  organizationId: string;
  eventId: string;
  title: string;
  callAt: string;
  startAt: string;
  endAt: string;
  breaks: ShiftBreak[];
  resources: ShiftResource[];
  /** The technicians named, held or not (check-in, "my shifts"). */
  technicianIds: string[];
  priority: ShiftPriority;
  metadata: ShiftMetadata;
  conflictPolicy: ConflictPolicy;
  status: ShiftStatus;
  conflicts: ShiftConflict[];
  suggestedActions: SuggestedAction[];
  economicValue: EconomicValue;
  /** When the times were last set: creation, or the last PATCH that moved them (emergency calls). */
  scheduledAt: string;
  version: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
  /** Random per write: a write whose answer was lost recognises itself on retry. */
  writeToken: string;
}

export const resourceKeyOf = (resource: { type: string; id: string }) => `${resource.type}#${resource.id}`;

// ---------------------------------------------------------------------------------------------
// Times.

export interface ShiftTimes {
  callAt: number;
  start: number;
  end: number;
  breaks: { start: number; end: number; mandatory: boolean }[];
}

export interface WireTimes {
  start_time: string;
  end_time: string;
  call_time?: string | undefined;
  break_times?: readonly { start: string; end: string; mandatory?: boolean | undefined }[] | undefined;
}

type TimeErrorKey = Extract<MessageKey, `INVALID_TIME_RANGE.${string}`>;

function timeError<K extends TimeErrorKey>(field: string, reason: string, key: K, ...params: KeyParams<K>): DomainError {
  const text = textOf(key, params[0]);
  return new DomainError('invalid', codeOf(key), text, [{ field, message: text.en, reason }]);
}

function instantOf(text: string, field: string): number {
  const instant = parseInstant(text);
  if (instant === null) {
    throw timeError(field, 'malformed', 'INVALID_TIME_RANGE.malformed', { field, example: '2024-02-15T20:00:00+01:00' });
  }
  return instant;
}

/**
 * The shift's instants (offsets honoured, UTC when absent), or 400 INVALID_TIME_RANGE naming the
 * field: call_time <= start_time < end_time, at most 24 h from call to end, each break non-empty,
 * inside [call_time, end_time] and apart from the others. call_time defaults to start_time.
 */
export function parseShiftTimes(wire: WireTimes): ShiftTimes {
  const start = instantOf(wire.start_time, 'start_time');
  const end = instantOf(wire.end_time, 'end_time');
  const callAt = wire.call_time === undefined ? start : instantOf(wire.call_time, 'call_time');
  const breaks = (wire.break_times ?? []).map((pause, i) => ({
    start: instantOf(pause.start, `break_times.${i}.start`),
    end: instantOf(pause.end, `break_times.${i}.end`),
    mandatory: pause.mandatory ?? true,
  }));
  return checkShiftTimes({ callAt, start, end, breaks });
}

export function checkShiftTimes(times: ShiftTimes): ShiftTimes {
  const { callAt, start, end } = times;
  if (end <= start) throw timeError('end_time', 'end_not_after_start', 'INVALID_TIME_RANGE.end_not_after_start', { start: 'start_time', end: 'end_time' });
  if (callAt > start) throw timeError('call_time', 'call_after_start', 'INVALID_TIME_RANGE.call_after_start');
  if (end - callAt > MAX_SHIFT_MS) {
    throw timeError('end_time', 'too_long', 'INVALID_TIME_RANGE.shift_too_long', { hours: MAX_SHIFT_HOURS });
  }
  const sorted = times.breaks.map((pause, index) => ({ ...pause, index })).sort((a, b) => a.start - b.start);
  for (const pause of times.breaks) {
    const i = times.breaks.indexOf(pause);
    if (pause.end <= pause.start) {
      throw timeError(`break_times.${i}.end`, 'end_not_after_start', 'INVALID_TIME_RANGE.break_end');
    }
    if (pause.start < callAt || pause.end > end) {
      throw timeError(
        pause.start < callAt ? `break_times.${i}.start` : `break_times.${i}.end`,
        'outside_shift',
        'INVALID_TIME_RANGE.break_outside',
      );
    }
  }
  for (let k = 1; k < sorted.length; k++) {
    if (sorted[k]!.start < sorted[k - 1]!.end) {
      throw timeError(`break_times.${sorted[k]!.index}.start`, 'overlapping_breaks', 'INVALID_TIME_RANGE.overlapping_breaks');
    }
  }
  return { callAt, start, end, breaks: times.breaks.map((pause) => ({ ...pause })) };
}

/** The same shift `delta` later (a reschedule). */
export const moveTimes = (times: ShiftTimes, delta: number): ShiftTimes => ({
  callAt: times.callAt + delta,
  start: times.start + delta,
  end: times.end + delta,
  breaks: times.breaks.map((pause) => ({ ...pause, start: pause.start + delta, end: pause.end + delta })),
});

/** What a shift holds its resources over: `[call_time, end_time)`. */
export const heldInterval = (times: ShiftTimes): Interval => ({ start: times.callAt, end: times.end });

export const workedOf = (times: ShiftTimes): Interval[] => workedIntervals({ callTime: times.callAt, start: times.start, end: times.end, breaks: times.breaks });

export const timesOfShift = (shift: Pick<Shift, 'callAt' | 'startAt' | 'endAt' | 'breaks'>): ShiftTimes => ({
  callAt: Date.parse(shift.callAt),
  start: Date.parse(shift.startAt),
  end: Date.parse(shift.endAt),
  breaks: shift.breaks.map((pause) => ({ start: Date.parse(pause.startAt), end: Date.parse(pause.endAt), mandatory: pause.mandatory })),
});

export const sameTimes = (a: ShiftTimes, b: ShiftTimes): boolean =>
  a.callAt === b.callAt &&
  a.start === b.start &&
  a.end === b.end &&
  a.breaks.length === b.breaks.length &&
  a.breaks.every((pause, i) => pause.start === b.breaks[i]!.start && pause.end === b.breaks[i]!.end && pause.mandatory === b.breaks[i]!.mandatory);

/**
 * The times after a PATCH. Fields sent replace the stored ones; a `start_time` sent without the
 * others moves the whole shift, so the call time, the breaks and the end keep their offsets from
 * the start (applying a `reschedule_...` suggestion is a PATCH of `start_time` alone).
 */
export function patchShiftTimes(current: ShiftTimes, wire: Partial<WireTimes>): ShiftTimes {
  if (wire.start_time === undefined && wire.end_time === undefined && wire.call_time === undefined && wire.break_times === undefined) return current;
  const start = wire.start_time === undefined ? current.start : instantOf(wire.start_time, 'start_time');
  const delta = start - current.start;
  const moved = moveTimes(current, delta);
  return checkShiftTimes({
    start,
    end: wire.end_time === undefined ? moved.end : instantOf(wire.end_time, 'end_time'),
    callAt: wire.call_time === undefined ? moved.callAt : instantOf(wire.call_time, 'call_time'),
    breaks:
      wire.break_times === undefined
        ? moved.breaks
        : wire.break_times.map((pause, i) => ({
            start: instantOf(pause.start, `break_times.${i}.start`),
            end: instantOf(pause.end, `break_times.${i}.end`),
            mandatory: pause.mandatory ?? true,
          })),
  });
}

/** Worked intervals as stored on a technician's allocation (read back by the labour checks). */
export const encodeWorked = (worked: readonly Interval[]): string => JSON.stringify(worked.map((interval) => [iso(interval.start), iso(interval.end)]));

export function decodeWorked(text: unknown, fallback: Interval): Interval[] {
  if (typeof text !== 'string') return [fallback];
  try {
    const pairs = JSON.parse(text) as unknown;
    if (!Array.isArray(pairs)) return [fallback];
    const worked = pairs.map((pair) => ({ start: Date.parse(String((pair as unknown[])[0])), end: Date.parse(String((pair as unknown[])[1])) }));
    return worked.every((interval) => Number.isFinite(interval.start) && interval.end > interval.start) ? worked : [fallback];
  } catch {
    return [fallback];
  }
}

// ---------------------------------------------------------------------------------------------
// What a shift is checked against.

/** Another shift holding a technician, as its allocation shows it. */
export interface HeldShift extends Allocation {
  worked: Interval[];
}

export interface TechnicianState {
  member: boolean;
  profile: TechnicianProfile | null;
  /** The technician's other allocations over the labour rules' data range (the shift's own excluded). */
  others: HeldShift[];
}

export interface EquipmentState {
  item: Equipment | null;
  /** The item's allocations overlapping the shift's held interval (the shift's own excluded). */
  allocations: Allocation[];
}

export type EventWithConsumption = Event & { budgetConsumed?: Record<string, number> };

export interface ShiftWarning {
  code: string;
  message: string;
  severity: 'low' | 'medium' | 'high';
  [detail: string]: unknown;
}

export interface ClientEconomicValue {
  baseRate: number | null;
  equipmentRate: number | null;
  totalAmount: number | null;
  budgetLine: string | null;
  breakdown: Partial<Record<BreakdownField, number>> | null;
}

export interface ShiftDraft {
  title: string;
  eventId: string;
  times: ShiftTimes;
  resources: DraftResource[];
  priority: ShiftPriority;
  metadata: ShiftMetadata;
  conflictPolicy: ConflictPolicy;
  economicValue: ClientEconomicValue | null;
}

export interface ShiftWorld {
  shiftId: string;
  timeZone: string;
  settings: OrgSettings;
  lang: Language;
  /** When the times were set (emergency calls). */
  scheduledAt: number;
  event: EventWithConsumption | null;
  technicians: ReadonlyMap<string, TechnicianState>;
  equipment: ReadonlyMap<string, EquipmentState>;
  /** Conflicts the allocation store found after the world was read (a race lost): kept as conflicts. */
  forcedConflicts: readonly ShiftConflict[];
  /** Cents the shift being replaced already counts on its budget line (PATCH), so it is not counted twice. */
  alreadyConsumed?: { budgetLine: string; cents: number } | null;
}

export interface ShiftAssessment {
  resources: ShiftResource[];
  conflicts: ShiftConflict[];
  warnings: ShiftWarning[];
  economicValue: EconomicValue;
  status: 'confirmed' | 'pending';
  /** Worked intervals of the shift (stored on each technician's allocation). */
  worked: Interval[];
}

/** The draft a stored shift was made from: the base a PATCH applies its fields to. */
export function draftOfShift(shift: Shift): ShiftDraft {
  const value = shift.economicValue;
  return {
    title: shift.title,
    eventId: shift.eventId,
    times: timesOfShift(shift),
    resources: shift.resources.map(({ held: _held, ...resource }) => resource as DraftResource),
    priority: shift.priority,
    metadata: shift.metadata,
    conflictPolicy: shift.conflictPolicy,
    // The planner's own figures stay theirs; computed ones are computed again, on the same line.
    economicValue:
      value.source === 'client'
        ? { baseRate: value.baseRate, equipmentRate: value.equipmentRate, totalAmount: value.totalAmount, budgetLine: value.budgetLine, breakdown: { ...value.breakdown } }
        : { baseRate: value.baseRate, equipmentRate: value.equipmentRate, totalAmount: null, budgetLine: value.budgetLine, breakdown: null },
  };
}

// ---------------------------------------------------------------------------------------------
// Errors.

export const shiftNotFound = () => DomainError.of('not_found', 'NOT_FOUND.shift');

export const shiftCancelled = () =>
  DomainError.of('conflict', 'SHIFT_CANCELLED');

export const staleVersion = (current: number, sent: number) =>
  DomainError.of('precondition_failed', 'PRECONDITION_FAILED.shift_version', { params: { current, sent }, details: { current_version: current, sent_version: sent } });

const notFoundDetails = (resourceType: string, resourceId: string) => ({ resource_type: resourceType, resource_id: resourceId });

export interface SkillMismatchEntry {
  reason: 'no_profile' | 'missing_skills' | 'missing_certifications';
  technician_id?: string;
  role?: string | null;
  required_skills?: string[];
  missing_skills?: string[];
  equipment_id?: string;
  required_certifications?: string[];
  missing_certifications?: string[];
  technician_ids?: string[];
}

function skillMismatch(entries: SkillMismatchEntry[]): DomainError {
  const what = entries
    .map((entry) =>
      entry.reason === 'missing_certifications'
        ? `${entry.equipment_id}: ${entry.missing_certifications!.join(', ')}`
        : entry.reason === 'no_profile'
          ? `${entry.technician_id}: -`
          : `${entry.technician_id}: ${entry.missing_skills!.join(', ')}`,
    )
    .join('; ');
  return DomainError.of('unprocessable', 'SKILL_MISMATCH.shift', { params: { what }, details: entries });
}

export interface LabourViolation {
  rule: RuleCheck['rule'];
  limit: number;
  actual: number;
  source: string;
  technician_id: string;
  period: RuleCheck['period'];
}

function labourViolation(violations: LabourViolation[]): DomainError {
  const first = violations[0]!;
  return DomainError.of('unprocessable', 'LABOR_LAW_VIOLATION', {
    params: { technicianId: first.technician_id, check: ruleCheckParams({ ...first, status: 'violation' }) },
    details: violations,
  });
}

/** 409 RESOURCE_CONFLICT with the spec's webhook shapes in `details`. */
export function resourceConflictError(conflicts: readonly ShiftConflict[], suggestions: readonly SuggestedAction[], context: { shiftId: string | null; timeZone: string }): DomainError {
  const first = conflicts[0]!;
  const by = first.withShiftId ?? first.withBookingId ?? '?';
  const span = `${formatWithOffset(Date.parse(first.overlapStart), context.timeZone)} - ${formatWithOffset(Date.parse(first.overlapEnd), context.timeZone)}`;
  return DomainError.of('conflict', 'RESOURCE_CONFLICT.shift', {
    params: { technician: first.resourceType === 'technician', resourceId: first.resourceId, by, span, more: conflicts.length - 1 },
    details: {
      // A rejected creation names the id the shift would have had: its shift.conflict.detected event carries it too.
      ...(context.shiftId !== null ? { shift_id: context.shiftId } : {}),
      conflict_with: conflicts.map((conflict) => conflictWire(conflict, context.timeZone)),
      suggested_actions: suggestions.map((action) => suggestionWire(action, context.shiftId, context.timeZone)),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Conflicts.

/** One entry per allocation the request collides with (for a stock: those held at its busiest moment). */
export function conflictsOf(resource: { type: 'technician' | 'equipment'; id: string }, conflict: AllocationConflict): ShiftConflict[] {
  const requested = conflict.requested;
  const stock = conflict.capacity > 1 ? { requestedQuantity: requested.quantity, availableQuantity: conflict.available } : {};
  return conflict.conflictsWith.map((allocation) => ({
    resourceType: resource.type,
    resourceId: resource.id,
    withShiftId: allocation.ownerType === SHIFT_OWNER ? allocation.ownerId : null,
    withBookingId: allocation.ownerType === SHIFT_OWNER ? null : allocation.ownerId,
    withEventId: allocation.eventId,
    severity: 'high',
    overlapStart: iso(Math.max(requested.start, allocation.start)),
    overlapEnd: iso(Math.min(requested.end, allocation.end)),
    ...stock,
  }));
}

const heldAllocation = (times: ShiftTimes, shiftId: string, quantity: number) => ({ id: shiftId, start: times.callAt, end: times.end, quantity });

function technicianConflicts(id: string, state: TechnicianState, times: ShiftTimes, shiftId: string): ShiftConflict[] {
  const overlapping = state.others.filter((other) => overlaps(other, heldInterval(times)));
  return findConflicts(overlapping, [heldAllocation(times, shiftId, 1)], 1).flatMap((conflict) => conflictsOf({ type: 'technician', id }, conflict));
}

function equipmentConflicts(resource: Omit<ShiftEquipment, 'held'>, state: EquipmentState, times: ShiftTimes, shiftId: string): ShiftConflict[] {
  const capacity = state.item?.quantityTotal ?? 1;
  return findConflicts(state.allocations, [heldAllocation(times, shiftId, resource.quantity)], capacity).flatMap((conflict) =>
    conflictsOf({ type: 'equipment', id: resource.id }, conflict),
  );
}

// ---------------------------------------------------------------------------------------------
// Costs.

const cents = (euros: number) => Math.round(euros * 100);
const zeroBreakdown = (): Record<BreakdownField, number> => ({ labor_cost: 0, equipment_cost: 0, meal_allowance: 0, transport_cost: 0, overtime_cost: 0 });

/** Hours the technician worked in the ISO week (local) of `from`, before `from`. */
export function hoursBeforeInWeek(others: readonly { worked: readonly Interval[] }[], from: number, timeZone: string): number {
  const weekStart = startOfLocalDay(localWeekStart(from, timeZone), timeZone);
  const worked = mergeIntervals(others.flatMap((other) => other.worked));
  const ms = worked.reduce((sum, interval) => sum + Math.max(0, Math.min(interval.end, from) - Math.max(interval.start, weekStart)), 0);
  return ms / HOUR_MS;
}

/**
 * An emergency call: scheduled less than the notice before its call time. A shift recorded after
 * its call time is a regularisation of work already done, not a call, so it is not one.
 */
export const isShiftEmergency = (scheduledAt: number, callAt: number, noticeHours: number): boolean =>
  scheduledAt <= callAt && isEmergencyCall(scheduledAt, callAt, noticeHours);

const NO_CONTRACT: EmploymentContract = {
  type: 'none',
  hourly_rate: 0,
  overtime_rules: { night_shift_bonus: 1, weekend_shift_bonus: 1, emergency_call_bonus: 1 },
  meal_allowance: false,
};

export interface CostInput {
  worked: readonly Interval[];
  technicians: readonly { id: string; contract: EmploymentContract | null; weekHoursBefore: number }[];
  equipment: readonly { id: string; quantity: number; dailyRate: number | null }[];
  emergency: boolean;
  budgetLine: string;
  pay: PaySettings;
  timeZone: string;
}

/**
 * The financial engine over a whole shift: computeShiftCost per technician with a contract (their
 * labour, premiums, meal and transport), and once for the equipment (daily rates over the rental
 * days of the call-to-end span). Amounts are added in cents.
 */
export function computeShiftEconomics(input: CostInput): ComputedCost {
  const totals = new Map<BreakdownField, number>(BREAKDOWN_FIELDS.map((field) => [field, 0]));
  const hours = { paid: 0, night: 0, weekend: 0, overtime: 0, emergency: 0 };
  const lines: ComputedCost['lines'] = [];
  const uncosted: string[] = [];
  const add = (field: BreakdownField, euros: number) => totals.set(field, totals.get(field)! + cents(euros));
  for (const technician of input.technicians) {
    if (!technician.contract) {
      uncosted.push(technician.id);
      continue;
    }
    const cost = computeShiftCost({
      worked: input.worked,
      contract: technician.contract,
      weekHoursBefore: technician.weekHoursBefore,
      emergency: input.emergency,
      budgetLine: input.budgetLine,
      settings: input.pay,
      timeZone: input.timeZone,
    });
    for (const field of BREAKDOWN_FIELDS) add(field, cost[field]);
    for (const key of Object.keys(hours) as (keyof typeof hours)[]) hours[key] = Math.round((hours[key] + cost.hours[key]) * 100) / 100;
    lines.push(...cost.lines.map((line) => ({ ...line, technician_id: technician.id })));
  }
  const charges = input.equipment.filter((item) => item.dailyRate !== null).map((item) => ({ equipment_id: item.id, quantity: item.quantity, daily_rate: item.dailyRate! }));
  if (charges.length > 0 && input.worked.length > 0) {
    // The engine prices equipment beside a contract; a contract worth nothing, without transport, leaves only the equipment.
    const cost = computeShiftCost({
      worked: input.worked,
      contract: NO_CONTRACT,
      weekHoursBefore: 0,
      emergency: false,
      equipment: charges,
      budgetLine: input.budgetLine,
      settings: { ...input.pay, transportFlatAmount: 0 },
      timeZone: input.timeZone,
    });
    add('equipment_cost', cost.equipment_cost);
    lines.push(...cost.lines.filter((line) => line.component === 'equipment_cost'));
  }
  const breakdown = zeroBreakdown();
  let total = 0;
  for (const field of BREAKDOWN_FIELDS) {
    breakdown[field] = totals.get(field)! / 100;
    total += totals.get(field)!;
  }
  return { totalAmount: total / 100, currency: input.pay.currency, breakdown, emergency: input.emergency, hours, lines, uncostedTechnicians: uncosted };
}

/**
 * A client's economic_value: total_amount and breakdown go together, and the total must be the
 * breakdown's sum to the cent (400 VALIDATION_ERROR naming economic_value.total_amount).
 */
export function checkClientEconomicValue(value: ClientEconomicValue | null): void {
  if (!value) return;
  const invalid = <K extends 'VALIDATION_ERROR.total_without_breakdown' | 'VALIDATION_ERROR.breakdown_without_total' | 'VALIDATION_ERROR.total_differs'>(
    field: string,
    key: K,
    params: KeyParams<K>[0],
    extra: Record<string, unknown> = {},
  ) => {
    const text = textOf(key, params);
    return new DomainError('invalid', codeOf(key), text, [{ field, message: text.en, ...extra }]);
  };
  if (value.totalAmount === null && value.breakdown !== null) {
    throw invalid('economic_value.total_amount', 'VALIDATION_ERROR.total_without_breakdown', undefined);
  }
  if (value.totalAmount !== null && value.breakdown === null) {
    throw invalid('economic_value.breakdown', 'VALIDATION_ERROR.breakdown_without_total', undefined);
  }
  if (value.totalAmount === null || value.breakdown === null) return;
  const check = checkEconomicValueTotal({ total_amount: value.totalAmount, breakdown: value.breakdown });
  if (!check.valid) {
    throw invalid(
      'economic_value.total_amount',
      'VALIDATION_ERROR.total_differs',
      { total: check.total_amount, sum: check.breakdown_sum },
      { total_amount: check.total_amount, breakdown_sum: check.breakdown_sum, difference: check.difference },
    );
  }
}

export function economicValueOf(client: ClientEconomicValue | null, computed: ComputedCost): EconomicValue {
  const budgetLine = client?.budgetLine ?? DEFAULT_BUDGET_LINE;
  const fromClient = client !== null && client.totalAmount !== null && client.breakdown !== null;
  const breakdown = zeroBreakdown();
  if (fromClient) for (const field of BREAKDOWN_FIELDS) breakdown[field] = client.breakdown![field] ?? 0;
  return {
    source: fromClient ? 'client' : 'computed',
    totalAmount: fromClient ? client.totalAmount! : computed.totalAmount,
    budgetLine,
    currency: computed.currency,
    breakdown: fromClient ? breakdown : { ...computed.breakdown },
    baseRate: client?.baseRate ?? null,
    equipmentRate: client?.equipmentRate ?? null,
    computed,
  };
}

export const consumedCents = (value: Pick<EconomicValue, 'totalAmount'>) => cents(value.totalAmount);

// ---------------------------------------------------------------------------------------------
// Warnings.

function availabilityWarning(technicianId: string, lang: Language): ShiftWarning {
  return {
    code: 'OUTSIDE_AVAILABILITY',
    message: message('OUTSIDE_AVAILABILITY', { technicianId })[lang],
    severity: 'medium',
    technician_id: technicianId,
  };
}

function contractMissingWarning(technicianId: string, lang: Language): ShiftWarning {
  return {
    code: 'CONTRACT_MISSING',
    message: message('CONTRACT_MISSING', { technicianId })[lang],
    severity: 'medium',
    technician_id: technicianId,
  };
}

/** BUDGET_LINE_EXCEEDED when the line's consumption passes its amount; BUDGET_LINE_UNKNOWN when the event's budget has no such line. */
export function budgetWarnings(event: EventWithConsumption, line: string, addedCents: number, lang: Language): ShiftWarning[] {
  const budget = event.budget;
  if (!budget) return [];
  const amount = budget.breakdown[line];
  if (amount === undefined) {
    return [
      {
        code: 'BUDGET_LINE_UNKNOWN',
        message: message('BUDGET_LINE_UNKNOWN', { line })[lang],
        severity: 'low',
        budget_line: line,
      },
    ];
  }
  const after = (event.budgetConsumed?.[line] ?? 0) + addedCents;
  if (after <= cents(amount)) return [];
  const consumed = after / 100;
  return [
    {
      code: 'BUDGET_LINE_EXCEEDED',
      message: message('BUDGET_LINE_EXCEEDED', { line, consumed, amount })[lang],
      severity: 'medium',
      budget_line: line,
      budgeted: amount,
      consumed,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// The assessment.

/**
 * Everything that decides a shift, in the order a client can act on it: the event (404, 409
 * EVENT_CANCELLED), the technicians (404 not a member, 422 SKILL_MISMATCH), the equipment (404,
 * 409 EQUIPMENT_RETIRED, 400 quantity, 422 MAINTENANCE_OVERDUE, certifications held by one of the
 * technicians: 422 SKILL_MISMATCH), then conflicts (the store decides 409 or pending), the labour
 * rules of each technician the shift will hold (422 LABOR_LAW_VIOLATION), the cost and the warnings.
 */
export function assessShift(draft: ShiftDraft, world: ShiftWorld): ShiftAssessment {
  const { times } = draft;
  const { lang, timeZone, settings } = world;
  const event = world.event;
  if (!event) throw DomainError.of('not_found', 'NOT_FOUND.shift_event', { details: notFoundDetails('event', draft.eventId) });
  assertEventTakesHolds(event, 'shift');
  const interval = heldInterval(times);
  const technicians = draft.resources.filter((resource): resource is Omit<ShiftTechnician, 'held'> => resource.type === 'technician');
  const equipment = draft.resources.filter((resource): resource is Omit<ShiftEquipment, 'held'> => resource.type === 'equipment');

  for (const technician of technicians) {
    if (!world.technicians.get(technician.id)?.member) throw DomainError.of('not_found', 'NOT_FOUND.shift_technician', { params: { id: technician.id }, details: notFoundDetails('technician', technician.id) });
  }
  const mismatches: SkillMismatchEntry[] = [];
  for (const technician of technicians) {
    const profile = world.technicians.get(technician.id)!.profile;
    if (!profile) {
      mismatches.push({ reason: 'no_profile', technician_id: technician.id, role: technician.role, required_skills: technician.requiredSkills, missing_skills: [...technician.requiredSkills] });
      continue;
    }
    const missing = missingSkills(profile, technician.requiredSkills);
    if (missing.length > 0) mismatches.push({ reason: 'missing_skills', technician_id: technician.id, role: technician.role, required_skills: technician.requiredSkills, missing_skills: missing });
  }

  const warnings: ShiftWarning[] = [];
  const equipmentWarnings: ShiftWarning[] = [];
  const items = new Map<string, Equipment>();
  for (const resource of equipment) {
    const item = world.equipment.get(resource.id)?.item;
    if (!item) throw DomainError.of('not_found', 'NOT_FOUND.shift_equipment', { params: { id: resource.id }, details: notFoundDetails('equipment', resource.id) });
    items.set(resource.id, item);
  }
  for (const resource of equipment) {
    const item = items.get(resource.id)!;
    const due = assessBooking(item, { interval, quantity: resource.quantity }, { timeZone, lang });
    equipmentWarnings.push(...due.map((warning) => ({ ...warning, equipment_id: item.id })));
  }
  if (technicians.length > 0) {
    for (const resource of equipment) {
      const item = items.get(resource.id)!;
      if (item.requiredCertifications.length === 0) continue;
      // One certified operator is enough: a console needs someone who may run it, not everyone.
      const certified = technicians.some((technician) => {
        try {
          assertCertified(item, interval, { id: technician.id, profile: world.technicians.get(technician.id)!.profile }, timeZone);
          return true;
        } catch {
          return false;
        }
      });
      if (!certified) {
        mismatches.push({
          reason: 'missing_certifications',
          equipment_id: item.id,
          required_certifications: item.requiredCertifications,
          missing_certifications: item.requiredCertifications,
          technician_ids: technicians.map((technician) => technician.id),
        });
      }
    }
  }
  if (mismatches.length > 0) throw skillMismatch(mismatches);

  const forced = new Set(world.forcedConflicts.map((conflict) => `${conflict.resourceType}#${conflict.resourceId}`));
  const conflicts: ShiftConflict[] = [...world.forcedConflicts];
  const held = new Set<string>();
  for (const technician of technicians) {
    const key = resourceKeyOf(technician);
    if (forced.has(key)) continue;
    const found = technicianConflicts(technician.id, world.technicians.get(technician.id)!, times, world.shiftId);
    if (found.length > 0) conflicts.push(...found);
    else held.add(key);
  }
  for (const resource of equipment) {
    const key = resourceKeyOf(resource);
    if (forced.has(key)) continue;
    const found = equipmentConflicts(resource, world.equipment.get(resource.id)!, times, world.shiftId);
    if (found.length > 0) conflicts.push(...found);
    else held.add(key);
  }

  const worked = workedOf(times);
  const violations: LabourViolation[] = [];
  for (const technician of technicians) {
    if (!held.has(resourceKeyOf(technician))) continue;
    const state = world.technicians.get(technician.id)!;
    const result = evaluateLabourRules({
      technicianId: technician.id,
      candidate: worked,
      others: state.others.map((other): WorkedShift => ({ id: other.ownerId, worked: other.worked })),
      settings: settings.labour,
      timeZone,
      locale: lang,
    });
    violations.push(...result.violations.map((check) => ({ rule: check.rule, limit: check.limit, actual: check.actual, source: check.source, technician_id: technician.id, period: check.period })));
    warnings.push(...result.warnings.map((warning) => ({ ...warning, technician_id: technician.id })));
  }
  if (violations.length > 0) throw labourViolation(violations);

  for (const technician of technicians) {
    const profile = world.technicians.get(technician.id)!.profile!;
    const declared = Object.keys(profile.availability ?? {}).length > 0;
    // Availability is declared for the show hours (the spec's example: 20:00-02:00 for a shift called at 18:00).
    if (declared && !isWithinAvailability(profile.availability, times.start, times.end, timeZone)) warnings.push(availabilityWarning(technician.id, lang));
    if (!profile.employmentContract) warnings.push(contractMissingWarning(technician.id, lang));
  }
  // The technicians' warnings first (the spec's OVERLAP_WARNING), then the equipment's, then the budget's.
  warnings.push(...equipmentWarnings);

  const firstWorked = worked[0]?.start ?? times.callAt;
  const computed = computeShiftEconomics({
    worked,
    technicians: technicians.map((technician) => {
      const state = world.technicians.get(technician.id)!;
      return { id: technician.id, contract: state.profile?.employmentContract ?? null, weekHoursBefore: hoursBeforeInWeek(state.others, firstWorked, timeZone) };
    }),
    equipment: equipment.map((resource) => ({ id: resource.id, quantity: resource.quantity, dailyRate: items.get(resource.id)!.dailyRate })),
    emergency: isShiftEmergency(world.scheduledAt, times.callAt, settings.pay.emergencyNoticeHours),
    budgetLine: draft.economicValue?.budgetLine ?? DEFAULT_BUDGET_LINE,
    pay: settings.pay,
    timeZone,
  });
  const economicValue = economicValueOf(draft.economicValue, computed);
  const already = world.alreadyConsumed && world.alreadyConsumed.budgetLine === economicValue.budgetLine ? world.alreadyConsumed.cents : 0;
  warnings.push(...budgetWarnings(event, economicValue.budgetLine, consumedCents(economicValue) - already, lang));

  const resources: ShiftResource[] = draft.resources.map((resource) => ({ ...resource, held: held.has(resourceKeyOf(resource)) }) as ShiftResource);
  return { resources, conflicts, warnings, economicValue, status: conflicts.length > 0 ? 'pending' : 'confirmed', worked };
}

/** The date (local) a shift's required certifications must still be valid on: its last. */
export const lastLocalDate = (times: ShiftTimes, timeZone: string) => localParts(times.end - 1, timeZone).date;

// ---------------------------------------------------------------------------------------------
// Planned against actual (check-in and check-out record the actual times).

export interface Attendance {
  technicianId: string;
  checkInAt: string | null;
  checkOutAt: string | null;
}

export interface PlannedVersusActual {
  technician_id: string;
  planned: { start_time: string; end_time: string; worked_hours: number };
  actual: { check_in_time: string | null; check_out_time: string | null; hours: number | null };
  /** Actual minus planned presence, in hours; null until both times are known. */
  difference_hours: number | null;
}

/** Per technician of the shift: planned presence (call time to end) against checked-in presence. */
export function plannedVersusActual(shift: Shift, attendance: readonly Attendance[], timeZone: string): PlannedVersusActual[] {
  const times = timesOfShift(shift);
  const plannedMs = heldInterval(times).end - heldInterval(times).start;
  const workedHours = Math.round(workedOf(times).reduce((sum, interval) => sum + interval.end - interval.start, 0) / 36_000) / 100;
  return shift.technicianIds.map((technicianId) => {
    const record = attendance.find((entry) => entry.technicianId === technicianId);
    const checkIn = record?.checkInAt ? Date.parse(record.checkInAt) : null;
    const checkOut = record?.checkOutAt ? Date.parse(record.checkOutAt) : null;
    const actualMs = checkIn !== null && checkOut !== null ? checkOut - checkIn : null;
    return {
      technician_id: technicianId,
      planned: { start_time: formatWithOffset(times.callAt, timeZone), end_time: formatWithOffset(times.end, timeZone), worked_hours: workedHours },
      actual: {
        check_in_time: checkIn === null ? null : formatWithOffset(checkIn, timeZone),
        check_out_time: checkOut === null ? null : formatWithOffset(checkOut, timeZone),
        hours: actualMs === null ? null : Math.round(actualMs / 36_000) / 100,
      },
      difference_hours: actualMs === null ? null : Math.round((actualMs - plannedMs) / 36_000) / 100,
    };
  });
}

/** A PATCH of a shift, as the use case applies it to the current shift (shared/app/shifts/update-shift.ts). */
export interface ShiftChange {
  /** The shift as it will be, built from the current one. */
  draft: ShiftDraft;
  /** The times moved: the shift is scheduled anew (emergency calls are judged from now). */
  moved: boolean;
  /** `reject` for a request that asks for confirmation, else the shift's policy after the change. */
  policy: ConflictPolicy;
}
