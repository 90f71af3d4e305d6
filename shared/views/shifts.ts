/**
 * The PlanningHub views of a shift (snake_case). The shift's instants carry the organisation's
 * offset, as the spec's examples (`2024-02-15T20:00:00+01:00`); record times (created_at...) are UTC.
 */
import { isDocumentId, type EventDocument } from '../domain/document.ts';
import { documentReferenceView } from './documents.ts';
import { BREAKDOWN_FIELDS, type BreakdownField, type ShiftCost } from '../domain/finance.ts';
import { conflictWire, plannedVersusActual, suggestionWire, type Attendance, type EconomicValue, type Shift, type ShiftResource, type ShiftWarning } from '../domain/shift.ts';
import { skillNamesOf, type TechnicianProfile } from '../domain/technician.ts';
import type { Equipment } from '../domain/equipment.ts';
import type { User } from '../domain/identity.ts';
import type { ActualAttendance, CheckinTokens } from '../domain/attendance.ts';
import { formatWithOffset } from '../domain/time/local-time.ts';

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

/** The spec's fields in its order, then ours, without links: `qrcode` is null (PATCH and DELETE answers; GET adds them, shiftWithAttendanceView). */
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

// ---------------------------------------------------------------------------------------------
// GET /v1/shifts/{id}: the check-in links and the actual times (docs/shifts.md, "QR check-in").

/** The spec's app host: its links open the mobile app, which posts the token to the API. */
export const DEFAULT_APP_BASE_URL = 'https://app.planninghub-spectacle.fr';

export function checkinLinksView(appBaseUrl: string | undefined, shiftId: string, tokens: CheckinTokens) {
  const base = (appBaseUrl || DEFAULT_APP_BASE_URL).replace(/\/+$/, '');
  // Tokens are base64url and a dot: nothing to escape.
  const link = (path: string, token: string) => `${base}/${path}?shift_id=${encodeURIComponent(shiftId)}&token=${token}`;
  return { checkin_url: link('checkin', tokens.checkin), checkout_url: link('checkout', tokens.checkout) };
}

const actualCostView = (cost: ShiftCost) => ({
  total_amount: cost.total_amount,
  currency: cost.currency,
  breakdown: breakdownView(cost),
  hours: cost.hours,
  lines: cost.lines,
});

const sumCents = (amounts: readonly number[]) => amounts.reduce((total, amount) => total + Math.round(amount * 100), 0);

/** What the engine planned for one technician: their own lines of the computed cost (null when uncosted). */
function plannedAmountOf(shift: Shift, technicianId: string): number | null {
  const { computed } = shift.economicValue;
  if (computed.uncostedTechnicians.includes(technicianId)) return null;
  const lines = computed.lines.filter((line) => line.technician_id === technicianId);
  return lines.length > 0 ? sumCents(lines.map((line) => line.amount)) / 100 : null;
}

function plannedVersusActualView(shift: Shift, attendance: readonly Attendance[], actual: ReadonlyMap<string, ActualAttendance>, timeZone: string) {
  const rows = plannedVersusActual(shift, attendance, timeZone).map((row) => {
    const planned = plannedAmountOf(shift, row.technician_id);
    const spent = actual.get(row.technician_id)?.cost?.total_amount ?? null;
    return {
      technician_id: row.technician_id,
      planned: { ...row.planned, amount: planned },
      actual: { ...row.actual, amount: spent },
      difference_hours: row.difference_hours,
      difference_amount: planned !== null && spent !== null ? (sumCents([spent]) - sumCents([planned])) / 100 : null,
    };
  });
  const settled = rows.filter((row) => row.difference_amount !== null);
  return {
    currency: shift.economicValue.computed.currency,
    technicians: rows,
    // Only the technicians both planned and checked out: a half-finished crew compared with the whole plan would read as savings.
    settled: {
      technicians: settled.length,
      planned_amount: sumCents(settled.map((row) => row.planned.amount!)) / 100,
      actual_amount: sumCents(settled.map((row) => row.actual.amount!)) / 100,
      difference_amount: sumCents(settled.map((row) => row.difference_amount!)) / 100,
    },
  };
}

export interface ShiftAttendanceContext {
  /** Tokens of the technicians whose links the caller may see (theirs, or everyone's for a planner). */
  tokens: readonly CheckinTokens[];
  callerId: string;
  /** Planners get every technician's links in `qrcodes`; technicians do not get the field. */
  planner: boolean;
  appBaseUrl: string | undefined;
  attendance: readonly Attendance[];
  actual: ReadonlyMap<string, ActualAttendance>;
  /** Ready documents the metadata points at, with their downloads (docs/documents.md). */
  documents?: ReadonlyMap<string, { document: EventDocument; download: { url: string; expiresAt: string } }>;
}

/** Technical sheets: a document id becomes the document (null while it is not ready, or once deleted); a URL stays. */
function resolvedMetadata(metadata: ReturnType<typeof shiftDetailView>['metadata'], documents: ShiftAttendanceContext['documents']) {
  const sheet = (value: string | null) => {
    if (!isDocumentId(value)) return value;
    const found = documents?.get(value);
    return found ? documentReferenceView(found.document, found.download) : null;
  };
  return { ...metadata, technical_rider: sheet(metadata.technical_rider), stage_plot: sheet(metadata.stage_plot), cable_plan: sheet(metadata.cable_plan) };
}

/**
 * GET /v1/shifts/{id}: the detail view with `qrcode` (the caller's own links when they are a
 * technician of the shift, else null), `qrcodes` (planners: every technician's), `actual` on each
 * technician and `planned_versus_actual`, in the places the spec's order leaves for them.
 */
export function shiftWithAttendanceView(shift: Shift, resolved: ResolvedResources, timeZone: string, context: ShiftAttendanceContext) {
  const base = shiftDetailView(shift, resolved, timeZone);
  const at = (instant: number | null) => (instant === null ? null : formatWithOffset(instant, timeZone));
  const resources = base.resources.map((resource) => {
    if (resource.type !== 'technician') return resource;
    const actual = context.actual.get(resource.id);
    return {
      ...resource,
      actual: {
        check_in_time: at(actual?.checkInAt ?? null),
        check_out_time: at(actual?.checkOutAt ?? null),
        hours: actual?.hours ?? null,
        economic_value: actual?.cost ? actualCostView(actual.cost) : null,
      },
    };
  });
  const own = context.tokens.find((tokens) => tokens.technicianId === context.callerId);
  const qrcode = own ? checkinLinksView(context.appBaseUrl, shift.id, own) : null;
  const qrcodes = context.tokens.map((tokens) => ({ technician_id: tokens.technicianId, ...checkinLinksView(context.appBaseUrl, shift.id, tokens) }));
  const entries = Object.entries(base).flatMap(([key, value]): [string, unknown][] => {
    if (key === 'resources') return [[key, resources]];
    if (key === 'metadata') return [[key, resolvedMetadata(base.metadata, context.documents)]];
    if (key === 'qrcode') {
      return [['qrcode', qrcode], ...(context.planner ? [['qrcodes', qrcodes] as [string, unknown]] : []), ['planned_versus_actual', plannedVersusActualView(shift, context.attendance, context.actual, timeZone)]];
    }
    return [[key, value]];
  });
  return Object.fromEntries(entries) as Omit<ReturnType<typeof shiftDetailView>, 'resources' | 'qrcode' | 'metadata'> & {
    resources: typeof resources;
    metadata: ReturnType<typeof resolvedMetadata>;
    qrcode: typeof qrcode;
    qrcodes?: typeof qrcodes;
    planned_versus_actual: ReturnType<typeof plannedVersusActualView>;
  };
}

/** POST /v1/shifts/{id}/checkin and /checkout: the caller's recorded times, in the organisation's offset. */
export function checkinView(outcome: { shift: Shift; record: Attendance; alreadyRecorded: boolean }, action: 'checkin' | 'checkout', timeZone: string) {
  const { shift, record } = outcome;
  const checkIn = record.checkInAt ? Date.parse(record.checkInAt) : null;
  const checkOut = record.checkOutAt ? Date.parse(record.checkOutAt) : null;
  return {
    shift_id: shift.id,
    technician_id: record.technicianId,
    action,
    check_in_time: checkIn === null ? null : formatWithOffset(checkIn, timeZone),
    check_out_time: checkOut === null ? null : formatWithOffset(checkOut, timeZone),
    hours: checkIn !== null && checkOut !== null ? Math.round((checkOut - checkIn) / 36_000) / 100 : null,
    already_recorded: outcome.alreadyRecorded,
  };
}
