/**
 * The PlanningHub view of an Event: a production planned in whole local days, with a venue,
 * technical requirements and a budget. The same Event item serves EventLite; this module holds
 * only what PlanningHub adds on top of event.ts (date mapping, status names, budget rules, next
 * steps, list filters). docs/event-views.md is the field-by-field mapping.
 */
import { DomainError } from './errors.ts';
import { isUuid } from './slug.ts';
import {
  applyEventPatch,
  assertTransition,
  createEvent,
  type Budget,
  type Event,
  type EventStatus,
  type TechnicalRequirements,
  type Venue,
} from './event.ts';
import { DEFAULT_TIME_ZONE, addDays, localParts, localToInstant, startOfLocalDay, type LocalDate } from './time/zoned.ts';
import { message, type Language, type Text } from '../messages/catalogue.ts';

export const productionStatuses = ['planning', 'published', 'closed', 'cancelled'] as const;
export type ProductionStatus = (typeof productionStatuses)[number];

const storedStatus: Record<ProductionStatus, EventStatus> = {
  planning: 'DRAFT',
  published: 'PUBLISHED',
  closed: 'CLOSED',
  cancelled: 'CANCELLED',
};
const productionStatus: Record<EventStatus, ProductionStatus> = {
  DRAFT: 'planning',
  PUBLISHED: 'published',
  CLOSED: 'closed',
  CANCELLED: 'cancelled',
};

export const eventStatusOf = (status: ProductionStatus): EventStatus => storedStatus[status];
export const productionStatusOf = (status: EventStatus): ProductionStatus => productionStatus[status];

/** A VALIDATION_ERROR naming its field, the English text as the field's message. */
const invalid = (field: string, text: Text) => new DomainError('invalid', 'VALIDATION_ERROR', text, [{ field, message: text.en }]);

export const productionEventNotFound = () =>
  DomainError.of('not_found', 'NOT_FOUND.production_event');

/** UUIDs are stored in lower case; other ids (the seed's `event_456`) are taken as sent. */
export const normaliseEventId = (id: string) => (isUuid(id) ? id.toLowerCase() : id);

// ---------------------------------------------------------------------------------------------
// Dates: a production runs over whole local days, [start_date 00:00, end_date + 1 day 00:00).

const iso = (epochMs: number) => new Date(epochMs).toISOString();

export function instantsOfDates(startDate: LocalDate, endDate: LocalDate, timeZone: string): { startAt: string; endAt: string } {
  return { startAt: iso(startOfLocalDay(startDate, timeZone)), endAt: iso(startOfLocalDay(addDays(endDate, 1), timeZone)) };
}

/** The local dates an event touches; the end is exclusive, so an event ending at midnight ends the day before. */
export function datesOfInstants(startAt: string, endAt: string, timeZone: string): { startDate: LocalDate; endDate: LocalDate } {
  return { startDate: localParts(Date.parse(startAt), timeZone).date, endDate: localParts(Date.parse(endAt) - 1, timeZone).date };
}

/** The same wall-clock time in another zone: changing a production's zone must not move its dates. */
function keepWallClock(instant: string, from: string, to: string): string {
  const ms = Date.parse(instant);
  const parts = localParts(ms, from);
  const withinMinute = ((ms % 60_000) + 60_000) % 60_000;
  return iso(localToInstant(parts.date, parts.hour * 60 + parts.minute, to) + withinMinute);
}

const dateRangeError = (field: 'start_date' | 'end_date') =>
  invalid(field, message('VALIDATION_ERROR.end_date_before_start_date'));

/**
 * The largest `startAt` an event can have and still start on or before local date `to`, in any
 * time zone (offsets stay within -12 h and +14 h): a key bound for the start-sorted index, refined
 * per event by `matchesProductionFilters`.
 */
export const startIndexUpperBound = (to: LocalDate): string => `${addDays(to, 2)}T00:00:00.000Z`;

// ---------------------------------------------------------------------------------------------
// Budget: amounts in euros, to the cent, never negative; the lines may leave part of the total
// unallocated but may not exceed it.

const cents = (amount: number) => Math.round(amount * 100);
const isCentAmount = (amount: number) => Number.isFinite(amount) && amount >= 0 && Math.abs(amount * 100 - cents(amount)) < 1e-6;

export function assertValidBudget(budget: Budget): void {
  if (!isCentAmount(budget.total)) {
    throw invalid('budget.total', message('VALIDATION_ERROR.amount'));
  }
  let allocated = 0;
  for (const [line, amount] of Object.entries(budget.breakdown)) {
    if (!isCentAmount(amount)) {
      throw invalid(`budget.breakdown.${line}`, message('VALIDATION_ERROR.amount'));
    }
    allocated += cents(amount);
  }
  if (allocated > cents(budget.total)) {
    const sum = (allocated / 100).toString();
    throw invalid('budget.breakdown', message('VALIDATION_ERROR.budget_lines', { sum, total: budget.total }));
  }
}

/** The public text of a venue, for EventLite's `location`. */
export const locationOfVenue = (venue: Venue): string => [venue.name, venue.address].filter((part) => part).join(', ');

// ---------------------------------------------------------------------------------------------
// Creation and partial updates.

export interface NewProductionInput {
  name: string;
  description?: string | null;
  startDate: LocalDate;
  endDate: LocalDate;
  timezone?: string;
  venue?: Venue | null;
  technicalRequirements?: TechnicalRequirements | null;
  budget?: Budget | null;
}

export interface ProductionPatch {
  name?: string;
  description?: string | null;
  startDate?: LocalDate;
  endDate?: LocalDate;
  timezone?: string;
  status?: ProductionStatus;
  venue?: Venue | null;
  technicalRequirements?: TechnicalRequirements | null;
  budget?: Budget | null;
}

/** A production starts in planning (EventLite DRAFT), in person, and is published from either view. */
export function createProductionEvent(
  input: NewProductionInput,
  ids: { id: string; organizationId: string; organizerId: string; slug: string },
  now: Date,
): Event {
  if (input.endDate < input.startDate) throw dateRangeError('end_date');
  if (input.budget) assertValidBudget(input.budget);
  const timezone = input.timezone ?? DEFAULT_TIME_ZONE;
  const { startAt, endAt } = instantsOfDates(input.startDate, input.endDate, timezone);
  const event = createEvent(
    {
      title: input.name,
      description: input.description ?? null,
      mode: 'IN_PERSON',
      location: input.venue ? locationOfVenue(input.venue) : null,
      startAt,
      endAt,
      timezone,
      status: 'DRAFT',
    },
    ids,
    now,
  );
  return { ...event, venue: input.venue ?? null, technicalRequirements: input.technicalRequirements ?? null, budget: input.budget ?? null };
}

/**
 * Only the fields sent change; venue, technical requirements and budget are replaced whole.
 * A date sent moves that bound to a local midnight and leaves the other bound as it was (an
 * EventLite event keeps its hours on the side not sent). A new time zone keeps the wall-clock
 * dates and hours, so the dates the planner sees do not shift.
 */
export function applyProductionPatch(event: Event, patch: ProductionPatch, now: Date): Event {
  const status = patch.status === undefined ? undefined : eventStatusOf(patch.status);
  if (status !== undefined) assertTransition(event, status, productionStatusOf);

  const timezone = patch.timezone ?? event.timezone;
  let { startAt, endAt } = event;
  if (timezone !== event.timezone) {
    startAt = keepWallClock(startAt, event.timezone, timezone);
    endAt = keepWallClock(endAt, event.timezone, timezone);
  }
  if (patch.startDate !== undefined) startAt = iso(startOfLocalDay(patch.startDate, timezone));
  if (patch.endDate !== undefined) endAt = iso(startOfLocalDay(addDays(patch.endDate, 1), timezone));
  if (Date.parse(endAt) <= Date.parse(startAt)) {
    throw dateRangeError(patch.startDate !== undefined && patch.endDate === undefined ? 'start_date' : 'end_date');
  }
  if (patch.budget) assertValidBudget(patch.budget);

  const next = applyEventPatch(
    event,
    {
      title: patch.name,
      description: patch.description,
      startAt,
      endAt,
      timezone,
      status,
      // A cleared venue leaves `location` alone: EventLite may have written it by hand.
      location: patch.venue ? locationOfVenue(patch.venue) : undefined,
    },
    now,
  );
  return {
    ...next,
    ...(patch.venue !== undefined ? { venue: patch.venue } : {}),
    ...(patch.technicalRequirements !== undefined ? { technicalRequirements: patch.technicalRequirements } : {}),
    ...(patch.budget !== undefined ? { budget: patch.budget } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Next steps: one rule per step, each pending until what it asks for exists.

/**
 * What has been planned around an event. Crew, riders and rehearsal shifts arrive with later
 * issues; until their repositories exist, callers pass `NOTHING_PLANNED` and every step shows.
 */
export interface ProductionProgress {
  /** Event roles held by the crew assigned to the event. */
  crewRoles: readonly string[];
  /** Artists' technical riders imported for the event. */
  riders: number;
  /** Technical rehearsal shifts planned for the event. */
  rehearsals: number;
}

export const NOTHING_PLANNED: ProductionProgress = { crewRoles: [], riders: 0, rehearsals: 0 };

/** The event role of the "régisseur général". */
export const GENERAL_STAGE_MANAGER = 'general_stage_manager';

export type StepLanguage = Language;

interface NextStepRule {
  text: Text;
  pending: (progress: ProductionProgress) => boolean;
}

/** In the spec's order and wording (French with its accents). */
export const nextStepRules: readonly NextStepRule[] = [
  {
    text: message('NEXT_STEP.general_stage_manager'),
    pending: (progress) => !progress.crewRoles.includes(GENERAL_STAGE_MANAGER),
  },
  {
    text: message('NEXT_STEP.riders'),
    pending: (progress) => progress.riders === 0,
  },
  {
    text: message('NEXT_STEP.rehearsals'),
    pending: (progress) => progress.rehearsals === 0,
  },
];

/** A cancelled event has nothing left to plan; otherwise every rule still pending gives its step. */
export function nextSteps(event: Pick<Event, 'status'>, progress: ProductionProgress = NOTHING_PLANNED, lang: StepLanguage = 'fr'): string[] {
  if (event.status === 'CANCELLED') return [];
  return nextStepRules.filter((rule) => rule.pending(progress)).map((rule) => rule.text[lang]);
}

// ---------------------------------------------------------------------------------------------
// List filters.

export interface ProductionFilters {
  /** Events still running on or after this local date. */
  from?: LocalDate;
  /** Events starting on or before this local date. */
  to?: LocalDate;
  /** Words of the name, case and accents ignored. */
  q?: string;
}

/** Lower case, accents and punctuation dropped, so "Jazz à Juan" matches "jazz a juan". */
export const foldForSearch = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export const hasFilters = (filters: ProductionFilters) => filters.from !== undefined || filters.to !== undefined || (filters.q ?? '') !== '';

/** Date filters read each event in its own time zone: an event overlaps [from, to] by its local dates. */
export function matchesProductionFilters(event: Pick<Event, 'title' | 'startAt' | 'endAt' | 'timezone'>, filters: ProductionFilters): boolean {
  if (filters.from !== undefined || filters.to !== undefined) {
    const { startDate, endDate } = datesOfInstants(event.startAt, event.endAt, event.timezone);
    if (filters.from !== undefined && endDate < filters.from) return false;
    if (filters.to !== undefined && startDate > filters.to) return false;
  }
  if (filters.q) {
    const wanted = foldForSearch(filters.q);
    if (wanted !== '' && !foldForSearch(event.title).includes(wanted)) return false;
  }
  return true;
}
