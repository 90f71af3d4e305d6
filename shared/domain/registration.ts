/**
 * Registrations to an EventLite event: who may register, whether a newcomer is confirmed or
 * waitlisted, and the personal data kept (a name and an e-mail address, nothing else). Pure: the
 * store turns the admission below into the conditions of one transaction (shared/store/registrations.ts),
 * so the decision taken here from a read is re-checked by DynamoDB at commit. docs/registrations.md.
 */
import { DomainError } from './errors.ts';
import type { Event } from './event.ts';

export type RegistrationStatus = 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED';
export const REGISTRATION_STATUSES = ['CONFIRMED', 'WAITLISTED', 'CANCELLED'] as const;

export interface Registration {
  id: string;
  organizationId: string;
  eventId: string;
  name: string;
  /** As typed (trimmed); `emailKey` is what uniqueness compares. */
  email: string;
  emailKey: string;
  status: RegistrationStatus;
  /** Where it came from: the public page or the organiser's API. */
  source: 'page' | 'api';
  createdAt: string;
  updatedAt: string;
  promotedAt?: string;
  cancelledAt?: string;
  /** Hidden field of the private page's cancel form (CSRF); never shown to the organiser. */
  csrf?: string;
  /** Hash of the private page's token (the token itself is given once and not kept). */
  tokenHash?: string;
}

/** A registration as answered: a waitlisted one carries its rank in the live waitlist (1 = next promoted). */
export type RegistrationWithPosition = Registration & { waitlistPosition: number | null };

/** How long a cancelled registration is kept before DynamoDB's TTL deletes it (personal data). */
export const CANCELLED_RETENTION_DAYS = 30;

/**
 * Uniqueness compares addresses case-insensitively (the domain part is case-insensitive, and
 * in practice mailboxes are too), after Unicode NFC and trimming. No provider-specific folding
 * (Gmail dots, `+tags`): they are different addresses for every other system.
 */
export const normaliseEmail = (email: string) => email.normalize('NFC').trim().toLowerCase();

/** A practical address check (what browsers' `type=email` accepts, plus a dot in the domain). */
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
export const isPlausibleEmail = (email: string) => email.length <= 254 && EMAIL.test(email.trim());

export type Admission = 'confirm' | 'waitlist';

const numberOr0 = (value: number | undefined | null) => (typeof value === 'number' ? value : 0);

/** Whether a newcomer gets a place: only while nobody waits (arrival order) and a place is free. */
export function hasRoom(event: Pick<Event, 'capacity' | 'confirmedCount' | 'waitlistCount'>): boolean {
  return numberOr0(event.waitlistCount) === 0 && (event.capacity === null || numberOr0(event.confirmedCount) < event.capacity);
}

/** Places the waitlist may fill now (a capacity raised, a place freed): Infinity when unlimited. */
export function placesToPromote(event: Pick<Event, 'capacity' | 'confirmedCount' | 'waitlistCount' | 'status'>): number {
  if (event.status === 'CANCELLED') return 0;
  const waiting = numberOr0(event.waitlistCount);
  const free = event.capacity === null ? Infinity : event.capacity - numberOr0(event.confirmedCount);
  return Math.max(0, Math.min(waiting, free));
}

/**
 * The admission a newcomer gets from the event as read, or the refusal. The store's conditions
 * say the same thing in DynamoDB's words, so a stale read only costs a retry.
 */
export function admissionOf(event: Pick<Event, 'status' | 'capacity' | 'confirmedCount' | 'waitlistCount' | 'waitlist'>): Admission {
  switch (event.status) {
    case 'DRAFT':
      throw DomainError.of('conflict', 'REGISTRATION_REFUSED.draft');
    case 'CLOSED':
      throw DomainError.of('conflict', 'REGISTRATION_REFUSED.closed');
    case 'CANCELLED':
      throw DomainError.of('conflict', 'REGISTRATION_REFUSED.cancelled');
    case 'PUBLISHED':
      break;
  }
  if (hasRoom(event)) return 'confirm';
  // A waitlist that still holds people (a waitlist turned off later) keeps its order: newcomers
  // are refused rather than confirmed ahead of them.
  if (event.waitlist && event.capacity !== null) return 'waitlist';
  throw DomainError.of('conflict', 'REGISTRATION_REFUSED.full');
}

export const registrationNotFound = () => DomainError.of('not_found', 'NOT_FOUND.registration');
export const alreadyRegistered = (registrationId: string) => DomainError.of('conflict', 'ALREADY_REGISTERED', { details: { registrationId } });
export const registrationBusy = () => DomainError.of('conflict', 'CONCURRENT_UPDATE.registration');

export interface NewRegistrationInput {
  name: string;
  email: string;
  source: 'page' | 'api';
}

export function newRegistration(
  input: NewRegistrationInput,
  ids: { id: string; organizationId: string; eventId: string; csrf?: string },
  status: Exclude<RegistrationStatus, 'CANCELLED'>,
  now: Date,
): Registration {
  const at = now.toISOString();
  return {
    id: ids.id,
    organizationId: ids.organizationId,
    eventId: ids.eventId,
    name: input.name.trim(),
    email: input.email.trim(),
    emailKey: normaliseEmail(input.email),
    status,
    source: input.source,
    createdAt: at,
    updatedAt: at,
    ...(ids.csrf ? { csrf: ids.csrf } : {}),
  };
}

/** Epoch seconds at which the TTL removes a registration cancelled at `now`. */
export const cancelledExpiry = (now: Date) => Math.floor(now.getTime() / 1000) + CANCELLED_RETENTION_DAYS * 86_400;

/**
 * Time-ordered ids (UUID version 7: 48 bits of milliseconds, then randomness): the event's
 * registrations and its waitlist sort by arrival with no extra index. `random` gives 10 bytes.
 */
export function timeOrderedId(now: number, random: Uint8Array): string {
  const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  const time = now.toString(16).padStart(12, '0').slice(-12);
  const r = hex(random);
  const variant = ((parseInt(r.slice(3, 4), 16) & 0x3) | 0x8).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${r.slice(0, 3)}-${variant}${r.slice(4, 7)}-${r.slice(7, 19)}`;
}

/** What the public page says about places: the state that decides whether it shows the form. */
export type Availability =
  | { kind: 'cancelled' }
  | { kind: 'closed' }
  | { kind: 'full' }
  | { kind: 'waitlist' }
  | { kind: 'open'; placesLeft: number | null };

export function availabilityOf(event: Pick<Event, 'status' | 'capacity' | 'confirmedCount' | 'waitlistCount' | 'waitlist'>): Availability {
  if (event.status === 'CANCELLED') return { kind: 'cancelled' };
  if (event.status !== 'PUBLISHED') return { kind: 'closed' };
  if (hasRoom(event)) return { kind: 'open', placesLeft: event.capacity === null ? null : event.capacity - numberOr0(event.confirmedCount) };
  return event.waitlist ? { kind: 'waitlist' } : { kind: 'full' };
}

export interface RegistrationForm {
  name: string;
  email: string;
  consent: boolean;
}

export type RegistrationFormErrors = Partial<Record<keyof RegistrationForm, 'VALIDATION_ERROR.registration_name' | 'VALIDATION_ERROR.registration_email' | 'VALIDATION_ERROR.registration_consent'>>;

/** The public form's checks, field by field (the page shows each next to its field). */
export function registrationFormErrors(form: RegistrationForm): RegistrationFormErrors {
  const errors: RegistrationFormErrors = {};
  const name = form.name.trim();
  if (name.length === 0 || name.length > 100) errors.name = 'VALIDATION_ERROR.registration_name';
  if (!isPlausibleEmail(form.email)) errors.email = 'VALIDATION_ERROR.registration_email';
  if (!form.consent) errors.consent = 'VALIDATION_ERROR.registration_consent';
  return errors;
}
