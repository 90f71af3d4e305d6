/**
 * The organiser's registration endpoints (EventLite `/api/v1/events/{id}/registrations`). Names
 * and addresses are personal data: only those who may change the event (its organiser while a
 * planner, or an admin: event-policy.ts) list, read, add, cancel or export them.
 */
import { assertEventAllowed } from '../../domain/event-policy.ts';
import type { Event } from '../../domain/event.ts';
import { registrationNotFound, type RegistrationStatus, type RegistrationWithPosition } from '../../domain/registration.ts';
import { allRegistrations, getRegistration, listRegistrations, waitlistRanks } from '../../store/registrations.ts';
import type { Actor } from '../actor.ts';
import { findEventByIdOrSlug } from '../events/find-event.ts';
import { cancelRegistration } from './cancel.ts';
import { duplicateError, register, withPosition } from './register.ts';

async function ownedEvent(actor: Actor, idOrSlug: string, consistent = false): Promise<Event> {
  const event = await findEventByIdOrSlug(actor.organizationId, idOrSlug, consistent);
  assertEventAllowed(actor, 'change', 'eventlite', event);
  return event;
}

export async function createRegistrationByOrganiser(actor: Actor, idOrSlug: string, input: { name: string; email: string }): Promise<RegistrationWithPosition> {
  const event = await ownedEvent(actor, idOrSlug, true);
  const outcome = await register(event, { ...input, source: 'api' }, false);
  if (outcome.kind === 'duplicate') throw duplicateError(outcome.registrationId);
  return outcome.registration;
}

export async function listRegistrationsOfEvent(
  actor: Actor,
  idOrSlug: string,
  options: { status?: RegistrationStatus; limit: number; offset: number },
): Promise<{ registrations: RegistrationWithPosition[]; total: number }> {
  const event = await ownedEvent(actor, idOrSlug);
  // Live registrations are counted on the event in their own transactions; cancelled ones leave
  // by TTL, which no transaction sees, so a total that includes them is counted.
  const counted = options.status === 'CONFIRMED' ? (event.confirmedCount ?? 0) : options.status === 'WAITLISTED' ? (event.waitlistCount ?? 0) : undefined;
  const page = await listRegistrations(event.organizationId, event.id, options, counted);
  const ranks = page.registrations.some((registration) => registration.status === 'WAITLISTED') ? await waitlistRanks(event.organizationId, event.id) : new Map<string, number>();
  return {
    registrations: page.registrations.map((registration) => ({ ...registration, waitlistPosition: ranks.get(registration.id) ?? null })),
    total: page.total,
  };
}

export async function getRegistrationOfEvent(actor: Actor, idOrSlug: string, registrationId: string): Promise<RegistrationWithPosition> {
  const event = await ownedEvent(actor, idOrSlug);
  const registration = await getRegistration(event.organizationId, event.id, registrationId, true);
  if (!registration) throw registrationNotFound();
  return withPosition(registration);
}

export async function cancelRegistrationByOrganiser(actor: Actor, idOrSlug: string, registrationId: string): Promise<RegistrationWithPosition> {
  const event = await ownedEvent(actor, idOrSlug);
  const { registration } = await cancelRegistration(event.organizationId, event.id, registrationId);
  return { ...registration, waitlistPosition: null };
}

export async function exportRegistrations(actor: Actor, idOrSlug: string): Promise<{ event: Event; registrations: RegistrationWithPosition[] }> {
  const event = await ownedEvent(actor, idOrSlug);
  const [registrations, ranks] = await Promise.all([allRegistrations(event.organizationId, event.id), waitlistRanks(event.organizationId, event.id)]);
  return { event, registrations: registrations.map((registration) => ({ ...registration, waitlistPosition: ranks.get(registration.id) ?? null })) };
}
