/**
 * The equipment catalogue and the rules of booking an item (PlanningHub spec, "Equipment"):
 * maintenance (MAINTENANCE_OVERDUE, the MAINTENANCE_DUE warning), certifications the technician
 * must hold (SKILL_MISMATCH), stock quantities of bulk items. Pure: the store reads and writes,
 * this module decides. docs/equipment.md explains each rule and where it departs from the spec.
 */
import { DomainError } from './errors.ts';
import { codeOf, message, textOf, type KeyParams, type Language, type Text } from '../messages/catalogue.ts';
import { MAX_ALLOCATION_DAYS, MAX_ALLOCATION_MS, parseTimeRange, peakUsage, type Allocation, type AllocationConflict, type Interval } from './allocation.ts';
import { addDays, localParts, parseLocalDate, startOfLocalDay, type LocalDate } from './time/zoned.ts';
import type { TechnicianProfile } from './technician.ts';

export const equipmentKinds = ['unit', 'bulk'] as const;
export type EquipmentKind = (typeof equipmentKinds)[number];
export const equipmentStatuses = ['active', 'retired'] as const;
export type EquipmentStatus = (typeof equipmentStatuses)[number];

/** The allocation owner type of an equipment booking (shared/store/allocations.ts). */
export const EQUIPMENT_BOOKING = 'equipment_booking';
/** The resource type of equipment in the allocation store. */
export const EQUIPMENT_RESOURCE = 'equipment';

export interface Equipment {
  id: string;
  organizationId: string;
  name: string;
  category: string;
  subcategory: string;
  /** `unit`: one physical item; `bulk`: a stock of interchangeable items (cables, stage boxes). */
  kind: EquipmentKind;
  /** 1 for a unit; the size of the stock for a bulk item. */
  quantityTotal: number;
  /**
   * A smaller stock being checked against the bookings to come (PATCH of quantity_total, see
   * shared/store/equipment.ts): meanwhile bookings may use no more than it. Absent otherwise.
   */
  pendingQuantityTotal?: number | null;
  specifications: Record<string, unknown>;
  /** Local dates in the organisation's time zone. */
  lastMaintenanceDate: LocalDate | null;
  nextMaintenanceDate: LocalDate | null;
  /** Certification names a technician must hold to operate it (e.g. "DiGiCo Certified"). */
  requiredCertifications: string[];
  /** Euros per day, for the financial engine. */
  dailyRate: number | null;
  status: EquipmentStatus;
  createdAt: string;
  updatedAt: string;
  retiredAt: string | null;
  /** Bumped by every write; bookings are written only if the item did not change since it was read. */
  version: number;
}

export interface NewEquipmentInput {
  name: string;
  category: string;
  subcategory: string;
  kind: EquipmentKind;
  quantityTotal?: number;
  specifications?: Record<string, unknown>;
  lastMaintenanceDate?: LocalDate | null;
  nextMaintenanceDate?: LocalDate | null;
  requiredCertifications?: string[];
  dailyRate?: number | null;
}

export type EquipmentPatch = Partial<Omit<NewEquipmentInput, 'kind'>>;

type InvalidKey = 'VALIDATION_ERROR.unit_quantity' | 'VALIDATION_ERROR.quantity_positive' | 'VALIDATION_ERROR.maintenance_dates' | 'VALIDATION_ERROR.bulk_quantity_required';
function invalidBooking<K extends 'VALIDATION_ERROR.unit_booking_quantity' | 'VALIDATION_ERROR.quantity_over_stock'>(field: string, key: K, ...params: KeyParams<K>): DomainError {
  const text = textOf(key, params[0]);
  return new DomainError('invalid', codeOf(key), text, [{ field, message: text.en }]);
}
const invalidEquipment = (field: string, key: InvalidKey) => DomainError.of('invalid', key, { details: [{ field, message: message(key).en }] });

export const equipmentNotFound = () => DomainError.of('not_found', 'NOT_FOUND.equipment');

/** Certification names compare without regard to case or surrounding spaces. */
const certificationKey = (name: string) => name.trim().toLowerCase();

function uniqueCertifications(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => name.trim()).filter((name) => !seen.has(certificationKey(name)) && seen.add(certificationKey(name)));
}

function assertValid(equipment: Equipment): Equipment {
  if (equipment.kind === 'unit' && equipment.quantityTotal !== 1) {
    throw invalidEquipment('quantity_total', 'VALIDATION_ERROR.unit_quantity');
  }
  if (!Number.isInteger(equipment.quantityTotal) || equipment.quantityTotal < 1) {
    throw invalidEquipment('quantity_total', 'VALIDATION_ERROR.quantity_positive');
  }
  const { lastMaintenanceDate: last, nextMaintenanceDate: next } = equipment;
  if (last !== null && next !== null && next < last) {
    throw invalidEquipment('next_maintenance_date', 'VALIDATION_ERROR.maintenance_dates');
  }
  return equipment;
}

export function createEquipment(input: NewEquipmentInput, ids: { id: string; organizationId: string }, now: Date): Equipment {
  if (input.kind === 'bulk' && input.quantityTotal === undefined) {
    throw invalidEquipment('quantity_total', 'VALIDATION_ERROR.bulk_quantity_required');
  }
  const at = now.toISOString();
  return assertValid({
    id: ids.id,
    organizationId: ids.organizationId,
    name: input.name,
    category: input.category,
    subcategory: input.subcategory,
    kind: input.kind,
    quantityTotal: input.quantityTotal ?? 1,
    specifications: input.specifications ?? {},
    lastMaintenanceDate: input.lastMaintenanceDate ?? null,
    nextMaintenanceDate: input.nextMaintenanceDate ?? null,
    requiredCertifications: uniqueCertifications(input.requiredCertifications ?? []),
    dailyRate: input.dailyRate ?? null,
    status: 'active',
    createdAt: at,
    updatedAt: at,
    retiredAt: null,
    version: 1,
  });
}

/** Only the fields sent change; `kind` never does (a unit is not a stock). */
export function applyEquipmentPatch(equipment: Equipment, patch: EquipmentPatch, now: Date): Equipment {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as EquipmentPatch;
  return assertValid({
    ...equipment,
    ...defined,
    ...(defined.requiredCertifications ? { requiredCertifications: uniqueCertifications(defined.requiredCertifications) } : {}),
    updatedAt: now.toISOString(),
    version: equipment.version + 1,
  });
}

/** Retiring is soft and final: the item and its bookings stay readable, new bookings are refused. */
export function retireEquipment(equipment: Equipment, now: Date): Equipment {
  if (equipment.status === 'retired') return equipment;
  const at = now.toISOString();
  return { ...equipment, status: 'retired', retiredAt: at, updatedAt: at, version: equipment.version + 1 };
}

/** How much of the item a booking may hold at once: its stock, or less while a smaller stock is being checked. */
export const bookableQuantity = (equipment: Pick<Equipment, 'quantityTotal' | 'pendingQuantityTotal'>): number =>
  Math.min(equipment.quantityTotal, equipment.pendingQuantityTotal ?? equipment.quantityTotal);

// ---------------------------------------------------------------------------------------------
// Maintenance.

/** Months an item may be used after its last maintenance ("last_maintenance_date > 3 mois"). */
export const MAINTENANCE_VALIDITY_MONTHS = 3;
/** A booking starting this many days or fewer before the next maintenance gets MAINTENANCE_DUE. */
export const MAINTENANCE_DUE_WARNING_DAYS = 60;

/** `date` plus `months` calendar months, the day clamped to the month's length (2024-11-30 + 3 = 2025-02-28). */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: ${date}`);
  const monthIndex = parts.year * 12 + (parts.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(parts.day, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  if (!a || !b) throw new RangeError(`Invalid local date: ${from} or ${to}`);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** The last local date a booking may start on: last maintenance + 3 months. */
export const lastUsableDate = (lastMaintenanceDate: LocalDate): LocalDate => addMonths(lastMaintenanceDate, MAINTENANCE_VALIDITY_MONTHS);

/**
 * When the item stops being bookable for maintenance reasons, as an instant: local midnight of
 * the next maintenance date (the item is away that day, and stays due until someone records the
 * maintenance by moving the dates), or the day after last maintenance + 3 months, whichever comes
 * first. Null when the item has no maintenance dates.
 */
export function maintenanceBlockStart(equipment: Pick<Equipment, 'lastMaintenanceDate' | 'nextMaintenanceDate'>, timeZone: string): number | null {
  const candidates: number[] = [];
  if (equipment.nextMaintenanceDate) candidates.push(startOfLocalDay(equipment.nextMaintenanceDate, timeZone));
  if (equipment.lastMaintenanceDate) candidates.push(startOfLocalDay(addDays(lastUsableDate(equipment.lastMaintenanceDate), 1), timeZone));
  return candidates.length === 0 ? null : Math.min(...candidates);
}

/** The maintenance periods to show in a timeline (one open-ended period, or none). */
export function maintenancePeriods(equipment: Pick<Equipment, 'lastMaintenanceDate' | 'nextMaintenanceDate'>, timeZone: string): Interval[] {
  const start = maintenanceBlockStart(equipment, timeZone);
  return start === null ? [] : [{ start, end: Number.MAX_SAFE_INTEGER }];
}

export interface BookingWarning {
  code: 'MAINTENANCE_DUE';
  message: string;
  severity: 'low';
}

export type { Language };

/** The spec's wording, verbatim (its French has no accents). */
export function maintenanceDueWarning(days: number, nextMaintenanceDate: LocalDate, lang: Language): BookingWarning {
  return { code: 'MAINTENANCE_DUE', message: message('MAINTENANCE_DUE', { days, next: nextMaintenanceDate })[lang], severity: 'low' };
}

// ---------------------------------------------------------------------------------------------
// Booking an item.

export interface BookingRequest {
  interval: Interval;
  quantity: number;
}

export interface BookingContext {
  timeZone: string;
  lang: Language;
  /** The technician who will operate the item, when the request names one. */
  technician?: { id: string; profile: Pick<TechnicianProfile, 'specializations'> | null };
}

/**
 * Everything about a booking that does not depend on other bookings: the item is active, the
 * quantity suits its kind and stock, its maintenance allows the dates, the technician is
 * certified. Throws the spec's errors; returns the warnings.
 */
export function assessBooking(equipment: Equipment, request: BookingRequest, context: BookingContext): BookingWarning[] {
  if (equipment.status === 'retired') {
    throw DomainError.of('conflict', 'EQUIPMENT_RETIRED', { details: { equipment_id: equipment.id, retired_at: equipment.retiredAt } });
  }
  if (equipment.kind === 'unit' && request.quantity !== 1) {
    throw invalidBooking('quantity', 'VALIDATION_ERROR.unit_booking_quantity');
  }
  if (request.quantity > bookableQuantity(equipment)) {
    throw invalidBooking('quantity', 'VALIDATION_ERROR.quantity_over_stock', { stock: bookableQuantity(equipment) });
  }
  assertMaintenance(equipment, request.interval, context.timeZone);
  if (context.technician) assertCertified(equipment, request.interval, context.technician, context.timeZone);
  const warnings: BookingWarning[] = [];
  if (equipment.nextMaintenanceDate) {
    const days = daysBetween(localParts(request.interval.start, context.timeZone).date, equipment.nextMaintenanceDate);
    if (days <= MAINTENANCE_DUE_WARNING_DAYS) warnings.push(maintenanceDueWarning(days, equipment.nextMaintenanceDate, context.lang));
  }
  return warnings;
}

function maintenanceOverdue(equipment: Equipment, reason: string, text: Text, extra: Record<string, unknown>) {
  return new DomainError('unprocessable', 'MAINTENANCE_OVERDUE', text, {
    equipment_id: equipment.id,
    reason,
    last_maintenance_date: equipment.lastMaintenanceDate,
    next_maintenance_date: equipment.nextMaintenanceDate,
    ...extra,
  });
}

/**
 * MAINTENANCE_OVERDUE when the booking starts more than 3 months after the last maintenance (by
 * local dates), or when it reaches the next maintenance date (that day, or later: a maintenance
 * date that has passed without being recorded is still due).
 */
export function assertMaintenance(equipment: Equipment, interval: Interval, timeZone: string): void {
  const { lastMaintenanceDate: last, nextMaintenanceDate: next } = equipment;
  if (last) {
    const limit = lastUsableDate(last);
    const startDate = localParts(interval.start, timeZone).date;
    if (startDate > limit) {
      throw maintenanceOverdue(
        equipment,
        'last_maintenance_too_old',
        message('MAINTENANCE_OVERDUE.last_too_old', { last, months: MAINTENANCE_VALIDITY_MONTHS, limit }),
        { usable_until: limit },
      );
    }
  }
  if (next && interval.end > startOfLocalDay(next, timeZone)) {
    throw maintenanceOverdue(
      equipment,
      'next_maintenance_during_booking',
      message('MAINTENANCE_OVERDUE.next_during_booking', { next }),
      {},
    );
  }
}

/**
 * SKILL_MISMATCH unless the technician holds every certification the item requires, valid
 * through the booking's last local date (a certificate expiring at midnight does not cover the
 * small hours of a night booking).
 */
export function assertCertified(
  equipment: Pick<Equipment, 'id' | 'requiredCertifications'>,
  interval: Interval,
  technician: { id: string; profile: Pick<TechnicianProfile, 'specializations'> | null },
  timeZone: string,
): void {
  if (equipment.requiredCertifications.length === 0) return;
  const lastDate = localParts(interval.end - 1, timeZone).date;
  const held = new Map<string, string>();
  for (const specialization of technician.profile?.specializations ?? []) {
    for (const skill of specialization.skills) {
      for (const certification of skill.certifications ?? []) {
        const key = certificationKey(certification.name);
        const best = held.get(key);
        if (best === undefined || certification.expiry_date > best) held.set(key, certification.expiry_date);
      }
    }
  }
  const missing: string[] = [];
  const expired: { name: string; expiry_date: string }[] = [];
  for (const name of equipment.requiredCertifications) {
    const expiry = held.get(certificationKey(name));
    if (expiry === undefined) missing.push(name);
    else if (expiry < lastDate) expired.push({ name, expiry_date: expiry });
  }
  if (missing.length === 0 && expired.length === 0) return;
  const names = [...missing, ...expired.map((certification) => certification.name)].join(', ');
  throw DomainError.of('unprocessable', 'SKILL_MISMATCH.certification', {
    params: { names },
    details: { equipment_id: equipment.id, technician_id: technician.id, required_certifications: equipment.requiredCertifications, missing_certifications: missing, expired_certifications: expired },
  });
}

// ---------------------------------------------------------------------------------------------
// Conflicts with other bookings.

const iso = (instant: number) => new Date(instant).toISOString();

export function conflictEntry(allocation: Allocation) {
  return {
    booking_id: allocation.ownerType === EQUIPMENT_BOOKING ? allocation.ownerId : null,
    owner_type: allocation.ownerType,
    owner_id: allocation.ownerId,
    event_id: allocation.eventId,
    start_time: iso(allocation.start),
    end_time: iso(allocation.end),
    quantity: allocation.quantity,
  };
}

/** 409 RESOURCE_CONFLICT naming the booking the request collides with (instants in UTC). */
export function resourceConflict(equipment: Pick<Equipment, 'id' | 'kind'>, conflict: AllocationConflict): DomainError {
  const first = conflict.conflictsWith[0];
  const what = first ? ` (${first.ownerId}, ${iso(first.start)} - ${iso(first.end)})` : '';
  const stock = equipment.kind === 'bulk' ? { requested_quantity: conflict.requested.quantity, available_quantity: conflict.available, quantity_total: conflict.capacity } : {};
  return new DomainError(
    'conflict',
    'RESOURCE_CONFLICT',
    equipment.kind === 'bulk'
      ? message('RESOURCE_CONFLICT.stock', { available: conflict.available, capacity: conflict.capacity, requested: conflict.requested.quantity })
      : message('RESOURCE_CONFLICT.booked', { what }),
    {
      equipment_id: equipment.id,
      conflicting_booking_id: first ? conflictEntry(first).booking_id : null,
      conflicting_event_id: first?.eventId ?? null,
      conflicting_start_time: first ? iso(first.start) : null,
      conflicting_end_time: first ? iso(first.end) : null,
      ...stock,
      conflicts: conflict.conflictsWith.map(conflictEntry),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Bookings.

export const bookingStatuses = ['confirmed', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export interface EquipmentBooking {
  id: string;
  organizationId: string;
  equipmentId: string;
  eventId: string;
  shiftId: string | null;
  technicianId: string | null;
  /** UTC instants, `[startAt, endAt)`. */
  startAt: string;
  endAt: string;
  quantity: number;
  status: BookingStatus;
  createdAt: string;
  createdBy: string;
  cancelledAt: string | null;
  cancelledBy: string | null;
}

export const bookingNotFound = () => DomainError.of('not_found', 'NOT_FOUND.booking');

// ---------------------------------------------------------------------------------------------
// Windows of the read endpoints.

/** Longest window a timeline or availability request may ask for. */
export const MAX_WINDOW_DAYS = 31;

/** The window a read request asks for (400 INVALID_TIME_RANGE when malformed or too long), or null when it names none. */
export function requestedWindow(startText: string | undefined, endText: string | undefined): Interval | null {
  if (startText === undefined || endText === undefined) return null;
  return parseTimeRange(startText, endText, {
    maxMs: MAX_WINDOW_DAYS * 24 * 3_600_000,
    tooLong: { key: 'INVALID_TIME_RANGE.window_too_long', days: MAX_WINDOW_DAYS },
  });
}

/** Without a window, a timeline covers the current local day in the organisation's time zone. */
export function currentLocalDay(timeZone: string, now: number): Interval {
  const today = localParts(now, timeZone).date;
  return { start: startOfLocalDay(today, timeZone), end: startOfLocalDay(addDays(today, 1), timeZone) };
}

/** A booking's `[start, end)`: 400 INVALID_TIME_RANGE when malformed, empty, reversed or longer than the longest allocation. */
export function bookingInterval(startText: string, endText: string): Interval {
  return parseTimeRange(startText, endText, {
    maxMs: MAX_ALLOCATION_MS,
    tooLong: { key: 'INVALID_TIME_RANGE.booking_too_long', days: MAX_ALLOCATION_DAYS },
  });
}

// ---------------------------------------------------------------------------------------------
// Lowering a stock.

/**
 * The first step of lowering a stock: the smaller total written as pending, so that every booking
 * judged from then on holds no more than it (bookableQuantity) while the bookings are counted.
 */
export const reserveStockShrink = (current: Equipment, target: Equipment): Equipment => ({
  ...current,
  pendingQuantityTotal: target.quantityTotal,
  updatedAt: target.updatedAt,
  version: current.version + 1,
});

/** Whether the pending total is still the one this change wrote (another change may have taken over). */
export const holdsPendingShrink = (equipment: Equipment | null, target: Equipment): equipment is Equipment =>
  equipment !== null && equipment.pendingQuantityTotal === target.quantityTotal;

/**
 * The verdict on lowering the stock to `target.quantityTotal`, given the item's bookings from now
 * on (`window`): refused (409 RESOURCE_CONFLICT) when more than the new total is booked at some
 * moment of it, with that moment and its count; null when the smaller stock holds every booking.
 */
export function stockShrinkRefusal(target: Pick<Equipment, 'id' | 'quantityTotal'>, allocations: readonly Allocation[], window: Interval): DomainError | null {
  const { peak, at } = peakUsage(allocations, window);
  if (peak <= target.quantityTotal) return null;
  return DomainError.of('conflict', 'RESOURCE_CONFLICT.stock_in_use', {
    params: { peak, total: target.quantityTotal },
    details: { equipment_id: target.id, booked_peak: peak, booked_peak_at: at === null ? null : new Date(at).toISOString(), quantity_total: target.quantityTotal },
  });
}
