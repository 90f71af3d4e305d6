/**
 * The PlanningHub views of a shift (snake_case). The shift's instants carry the organisation's
 * offset, as the spec's examples (`2024-02-15T20:00:00+01:00`); record times (created_at...) are UTC.
 */
import { BREAKDOWN_FIELDS, type BreakdownField } from '../domain/finance.ts';
import { conflictWire, suggestionWire, type EconomicValue, type Shift, type ShiftResource, type ShiftWarning } from '../domain/shift.ts';
import { skillNamesOf, type TechnicianProfile } from '../domain/technician.ts';
import type { Equipment } from '../domain/equipment.ts';
import type { User } from '../store/identity.ts';
import { formatWithOffset } from '../domain/time/zoned.ts';

const at = (instant: string, timeZone: string) => formatWithOffset(Date.parse(instant), timeZone);

/** The spec's order: labor, equipment, meal, transport, overtime. */
const breakdownView = (breakdown: Record<BreakdownField, number>) => Object.fromEntries(BREAKDOWN_FIELDS.map((field) => [field, breakdown[field] ?? 0]));

export function economicValueView(value: EconomicValue) {
  const { computed } = value;
  return {
    total_amount: value.totalAmount,
    budget_line: value.budgetLine,
    currency: value.currency,
    breakdown: breakdownView(value.breakdown),
    source: value.source,
    ...(value.baseRate !== null ? { base_rate: value.baseRate } : {}),
    ...(value.equipmentRate !== null ? { equipment_rate: value.equipmentRate } : {}),
    computed: {
      total_amount: computed.totalAmount,
      currency: computed.currency,
      breakdown: breakdownView(computed.breakdown),
      emergency_call: computed.emergency,
      hours: computed.hours,
      lines: computed.lines,
      uncosted_technicians: computed.uncostedTechnicians,
    },
  };
}

const conflictsView = (shift: Shift, timeZone: string) => shift.conflicts.map((conflict) => conflictWire(conflict, timeZone));

const suggestionsView = (shift: Shift, timeZone: string) =>
  shift.conflicts.length > 0 ? { suggested_actions: shift.suggestedActions.map((action) => suggestionWire(action, shift.id, timeZone)) } : {};

function resourceStatus(shift: Shift, resource: ShiftResource): string {
  if (shift.status === 'cancelled') return 'cancelled';
  if (!resource.held) return 'conflict';
  return resource.type === 'technician' ? 'confirmed' : 'booked';
}

/** The spec's 201: id, status, conflicts, warnings, economic_value, created_at, version (and the suggestions of a pending shift). */
export function createdShiftView(shift: Shift, warnings: readonly ShiftWarning[], timeZone: string) {
  return {
    id: shift.id,
    status: shift.status,
    conflicts: conflictsView(shift, timeZone),
    ...suggestionsView(shift, timeZone),
    warnings,
    economic_value: economicValueView(shift.economicValue),
    created_at: shift.createdAt,
    version: shift.version,
  };
}

export interface ResolvedResources {
  users: ReadonlyMap<string, User>;
  profiles: ReadonlyMap<string, TechnicianProfile>;
  equipment: ReadonlyMap<string, Equipment>;
}

function resourceView(shift: Shift, resource: ShiftResource, resolved: ResolvedResources) {
  if (resource.type === 'technician') {
    const user = resolved.users.get(resource.id);
    return {
      id: resource.id,
      type: resource.type,
      name: user ? `${user.firstName} ${user.lastName}`.trim() : null,
      role: resource.role,
      skills: skillNamesOf(resolved.profiles.get(resource.id) ?? null),
      status: resourceStatus(shift, resource),
      required_skills: resource.requiredSkills,
    };
  }
  const item = resolved.equipment.get(resource.id);
  return {
    id: resource.id,
    type: resource.type,
    name: item?.name ?? null,
    category: item?.category ?? null,
    subcategory: item?.subcategory ?? null,
    status: resourceStatus(shift, resource),
    role: resource.role,
    quantity: resource.quantity,
  };
}

/** GET /v1/shifts/{id}: the spec's fields in its order, then ours. `qrcode` is null until check-in exists. */
export function shiftDetailView(shift: Shift, resolved: ResolvedResources, timeZone: string) {
  return {
    id: shift.id,
    title: shift.title,
    status: shift.status,
    event_id: shift.eventId,
    call_time: at(shift.callAt, timeZone),
    start_time: at(shift.startAt, timeZone),
    end_time: at(shift.endAt, timeZone),
    break_times: shift.breaks.map((pause) => ({ start: at(pause.startAt, timeZone), end: at(pause.endAt, timeZone), mandatory: pause.mandatory })),
    priority: shift.priority,
    resources: shift.resources.map((resource) => resourceView(shift, resource, resolved)),
    economic_value: economicValueView(shift.economicValue),
    metadata: {
      technical_rider: shift.metadata.technicalRider,
      stage_plot: shift.metadata.stagePlot,
      cable_plan: shift.metadata.cablePlan,
      checklist: shift.metadata.checklist,
    },
    conflicts: conflictsView(shift, timeZone),
    ...suggestionsView(shift, timeZone),
    qrcode: null,
    conflict_policy: shift.conflictPolicy,
    version: shift.version,
    created_at: shift.createdAt,
    updated_at: shift.updatedAt,
    cancelled_at: shift.cancelledAt,
  };
}

/** A list entry: what a mobile list shows, without resolving names (one query per page). */
export function shiftListItemView(shift: Shift, timeZone: string) {
  return {
    id: shift.id,
    title: shift.title,
    status: shift.status,
    event_id: shift.eventId,
    call_time: at(shift.callAt, timeZone),
    start_time: at(shift.startAt, timeZone),
    end_time: at(shift.endAt, timeZone),
    priority: shift.priority,
    resources: shift.resources.map((resource) =>
      resource.type === 'technician'
        ? { id: resource.id, type: resource.type, role: resource.role, status: resourceStatus(shift, resource) }
        : { id: resource.id, type: resource.type, role: resource.role, status: resourceStatus(shift, resource), quantity: resource.quantity },
    ),
    version: shift.version,
  };
}
