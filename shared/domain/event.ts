/**
 * The Event, one entity behind two views: EventLite (public events, registrations) and
 * PlanningHub (productions). This module holds the EventLite rules: creation defaults, partial
 * updates and the status state machine. The production rules (local dates, budget, next steps)
 * are in production.ts; docs/event-views.md maps the two views onto the stored attributes.
 */
import { DomainError } from './errors.ts';
import { DEFAULT_TIME_ZONE } from './time/local-date.ts';
import { message, type Text } from '../messages/catalogue.ts';

export type EventMode = 'IN_PERSON' | 'ONLINE';
export type EventStatus = 'DRAFT' | 'PUBLISHED' | 'CLOSED' | 'CANCELLED';

export interface TechnicalContact {
  name: string;
  email: string | null;
  phone: string | null;
}

export interface Venue {
  name: string;
  address: string | null;
  /** The venue's own capacity; not the registration capacity of the event. */
  capacity: number | null;
  technicalContact: TechnicalContact | null;
}

/** Each category and each field is optional: a production fills them in as riders arrive. */
export interface TechnicalRequirements {
  sound?: { mainSystem?: string; monitors?: number; mixingConsoles?: string[] };
  lighting?: { movingLights?: number; ledPars?: number; lightingDesks?: string[] };
  /** totalPowerNeeded in kW. */
  power?: { totalPowerNeeded?: number; distrosRequired?: number };
}

/** Amounts in euros; the breakdown's keys are budget lines (sound, lighting, labor, ...). */
export interface Budget {
  total: number;
  breakdown: Record<string, number>;
}

export interface Event {
  id: string;
  organizationId: string;
  slug: string;
  title: string;
  subtitle: string | null;
  description: string | null;
  coverImage: string | null;
  mode: EventMode;
  location: string | null;
  latitude: number | null;
  longitude: number | null;
  startAt: string;
  endAt: string;
  timezone: string;
  capacity: number | null;
  waitlist: boolean;
  status: EventStatus;
  organizerId: string;
  confirmedCount: number;
  waitlistCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  /**
   * Production attributes, written by the PlanningHub view. Optional because items written
   * before them (or from EventLite) may lack them; absent and null both mean "none".
   */
  venue?: Venue | null;
  technicalRequirements?: TechnicalRequirements | null;
  budget?: Budget | null;
  /** Non-cancelled bookings and shifts of the event, moved in their own transactions (store/events.ts). */
  activeHolds?: number;
  /** Set when a deletion has begun: no new hold, readers see the event as gone. */
  deletingAt?: string;
}

export interface NewEventInput {
  title: string;
  subtitle?: string | null;
  description?: string | null;
  coverImage?: string | null;
  mode: EventMode;
  location?: string | null;
  latitude?: number | null;
  longitude?: number | null;
  startAt: string;
  endAt?: string | null;
  timezone?: string;
  capacity?: number | null;
  waitlist?: boolean;
  status?: 'DRAFT' | 'PUBLISHED';
}

export type EventPatch = Partial<Omit<NewEventInput, 'status' | 'endAt'>> & { endAt?: string; status?: EventStatus };

export const DEFAULT_DURATION_MS = 2 * 60 * 60 * 1000;

const toInstant = (value: string) => new Date(value).toISOString();

/** A VALIDATION_ERROR naming its field, the English text as the field's message. */
const invalid = (field: string, text: Text) => new DomainError('invalid', 'VALIDATION_ERROR', text, [{ field, message: text.en }]);

function assertEndAfterStart(startAt: string, endAt: string) {
  if (Date.parse(endAt) <= Date.parse(startAt)) {
    throw invalid('endAt', message('VALIDATION_ERROR.end_before_start'));
  }
}

export function createEvent(
  input: NewEventInput,
  ids: { id: string; organizationId: string; organizerId: string; slug: string },
  now: Date,
): Event {
  const startAt = toInstant(input.startAt);
  const endAt = input.endAt ? toInstant(input.endAt) : new Date(Date.parse(startAt) + DEFAULT_DURATION_MS).toISOString();
  assertEndAfterStart(startAt, endAt);
  const timestamp = now.toISOString();
  return {
    id: ids.id,
    organizationId: ids.organizationId,
    slug: ids.slug,
    title: input.title,
    subtitle: input.subtitle ?? null,
    description: input.description ?? null,
    coverImage: input.coverImage ?? null,
    mode: input.mode,
    location: input.location ?? null,
    latitude: input.latitude ?? null,
    longitude: input.longitude ?? null,
    startAt,
    endAt,
    timezone: input.timezone ?? DEFAULT_TIME_ZONE,
    capacity: input.capacity ?? null,
    waitlist: input.waitlist ?? true,
    status: input.status ?? 'DRAFT',
    organizerId: ids.organizerId,
    confirmedCount: 0,
    waitlistCount: 0,
    createdAt: timestamp,
    updatedAt: timestamp,
    version: 1,
  };
}

/**
 * The status state machine. CANCELLED is final; unpublishing (back to DRAFT) is only allowed
 * while nobody has registered, so no registrant loses sight of an event they signed up for.
 */
const transitions: Record<EventStatus, readonly EventStatus[]> = {
  DRAFT: ['PUBLISHED', 'CANCELLED'],
  PUBLISHED: ['CLOSED', 'CANCELLED', 'DRAFT'],
  CLOSED: ['PUBLISHED', 'CANCELLED'],
  CANCELLED: [],
};

/** `label` names the statuses in the caller's vocabulary (PlanningHub says `planning` for DRAFT). */
export function assertTransition(
  event: Pick<Event, 'status' | 'confirmedCount' | 'waitlistCount'>,
  to: EventStatus,
  label: (status: EventStatus) => string = (status) => status,
) {
  if (event.status === to) return;
  if (!transitions[event.status].includes(to)) {
    const cancelled = event.status === 'CANCELLED';
    const from = label(event.status);
    throw invalid('status', message('VALIDATION_ERROR.status_transition', { from, to: label(to), cancelled }));
  }
  if (event.status === 'PUBLISHED' && to === 'DRAFT' && event.confirmedCount + event.waitlistCount > 0) {
    throw invalid('status', message('VALIDATION_ERROR.back_to_draft'));
  }
}

/** Applies a partial update: only the fields present in `patch` change. */
export function applyEventPatch(event: Event, patch: EventPatch, now: Date): Event {
  if (patch.status !== undefined) assertTransition(event, patch.status);
  const next: Event = { ...event };
  for (const [key, value] of Object.entries(patch) as [keyof EventPatch, unknown][]) {
    if (value === undefined) continue;
    (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (patch.startAt !== undefined) next.startAt = toInstant(patch.startAt);
  if (patch.endAt !== undefined) next.endAt = toInstant(patch.endAt);
  assertEndAfterStart(next.startAt, next.endAt);
  if (next.capacity !== null && next.capacity < event.confirmedCount) {
    throw invalid('capacity', message('VALIDATION_ERROR.capacity_below_confirmed', { confirmed: event.confirmedCount }));
  }
  next.updatedAt = now.toISOString();
  next.version = event.version + 1;
  return next;
}

/** A deletion refused while bookings or shifts still hold resources for the event. */
export const eventHasActiveAllocations = (holds: { bookings: number; shifts: number }) =>
  DomainError.of('conflict', 'EVENT_HAS_ACTIVE_ALLOCATIONS', { params: holds, details: { shifts: holds.shifts, bookings: holds.bookings } });

export const eventNotFound = () => DomainError.of('not_found', 'NOT_FOUND.event');
