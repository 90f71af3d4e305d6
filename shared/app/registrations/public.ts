/**
 * The public side of registrations (/e/{slug}): the published event by its slug, registering from
 * the page, the private page's registration by its token, cancelling from it. A draft, or an
 * event being deleted, does not exist for the public.
 */
import { timingSafeEqual } from 'node:crypto';
import { DomainError } from '../../domain/errors.ts';
import { eventNotFound, type Event } from '../../domain/event.ts';
import { registrationNotFound, type NewRegistrationInput, type RegistrationWithPosition } from '../../domain/registration.ts';
import { getEventBySlugAnywhere, getRegistration, registrationIdByToken } from '../../store/registrations.ts';
import { cancelRegistration } from './cancel.ts';
import { register, tokenHashOf, withPosition, type RegistrationOutcome } from './register.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function findPublicEvent(slug: string): Promise<Event> {
  const event = SLUG.test(slug) && slug.length <= 200 ? await getEventBySlugAnywhere(slug) : null;
  if (!event || event.status === 'DRAFT') throw eventNotFound();
  return event;
}

export async function registerFromPage(event: Event, input: Omit<NewRegistrationInput, 'source'>): Promise<RegistrationOutcome> {
  return register(event, { ...input, source: 'page' }, true);
}

export async function findByToken(event: Event, token: string): Promise<RegistrationWithPosition> {
  if (!TOKEN.test(token)) throw registrationNotFound();
  const id = await registrationIdByToken(event.organizationId, event.id, tokenHashOf(token));
  const registration = id ? await getRegistration(event.organizationId, event.id, id, true) : null;
  if (!registration) throw registrationNotFound();
  return withPosition(registration);
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The cancel form must carry the registration's own CSRF value (rendered only into its private page). */
export async function cancelFromPage(event: Event, token: string, csrf: string): Promise<void> {
  const registration = await findByToken(event, token);
  if (!registration.csrf || !sameSecret(registration.csrf, csrf)) throw DomainError.of('forbidden', 'FORBIDDEN_CSRF');
  await cancelRegistration(event.organizationId, event.id, registration.id);
}
