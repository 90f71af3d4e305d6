/** Event entities: the event, its public slug marker, its registrations and their markers. */
import { defineEntity } from '../entity.ts';
import * as keys from '../keys.ts';
import { withoutKeys, type Key } from '../keys.ts';
import type { Registration } from '../../domain/registration.ts';
import type { Event } from '../../domain/event.ts';

export const EventEntity = defineEntity<Event>({
  name: 'Event',
  key: (event) => keys.event(event.organizationId, event.id),
  indexes: (event) => keys.eventIndexes(event.organizationId, event.status, event.startAt, event.id),
});

/** Slugs are global; the marker names the event and its organisation (the slug is only its key). */
export const EventSlugEntity = defineEntity<{ slug: string; eventId: string; organizationId: string }, ReturnType<typeof keys.eventSlug>, { eventId: string; organizationId: string }>({
  name: 'EventSlug',
  key: (marker) => keys.eventSlug(marker.slug),
  encode: ({ eventId, organizationId }) => ({ eventId, organizationId }),
  decode: (item) => ({ eventId: item.eventId as string, organizationId: item.organizationId as string }),
});

type RegistrationKeyFields = Pick<Registration, 'organizationId' | 'eventId' | 'id'>;

/**
 * A registration lives in its event's partition; its organisation, event and id are its key only.
 * Partial beyond the key: fixtures write bare items.
 */
export const RegistrationEntity = defineEntity<RegistrationKeyFields & Partial<Registration>, ReturnType<typeof keys.registration>, Omit<Registration, 'organizationId' | 'eventId' | 'id'>>({
  name: 'Registration',
  key: (registration) => keys.registration(registration.organizationId, registration.eventId, registration.id),
  encode: ({ organizationId: _organizationId, eventId: _eventId, id: _id, ...attributes }) => attributes,
  decode: (item) => withoutKeys(item),
});

interface RegistrationMarker {
  organizationId: string;
  eventId: string;
  registrationId: string;
}

export const RegistrationEmailEntity = defineEntity<RegistrationMarker & { emailKey: string }, Key, { registrationId: string }>({
  name: 'RegistrationEmail',
  key: (marker) => keys.registrationEmail(marker.organizationId, marker.eventId, marker.emailKey),
  encode: ({ registrationId }) => ({ registrationId }),
  decode: (item) => ({ registrationId: item.registrationId as string }),
});

export const RegistrationTokenEntity = defineEntity<RegistrationMarker & { tokenHash: string }, Key, { registrationId: string }>({
  name: 'RegistrationToken',
  key: (marker) => keys.registrationToken(marker.organizationId, marker.eventId, marker.tokenHash),
  encode: ({ registrationId }) => ({ registrationId }),
  decode: (item) => ({ registrationId: item.registrationId as string }),
});

export const WaitlistEntryEntity = defineEntity<RegistrationMarker, Key, { registrationId: string }>({
  name: 'WaitlistEntry',
  key: (entry) => keys.waitlistEntry(entry.organizationId, entry.eventId, entry.registrationId),
  encode: ({ registrationId }) => ({ registrationId }),
  decode: (item) => ({ registrationId: item.registrationId as string }),
});
