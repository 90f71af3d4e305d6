/** Event entities: the event, its public slug marker and its registrations. */
import { defineEntity } from '../entity.ts';
import { keys, withoutKeys } from '../keys.ts';
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

export interface Registration {
  organizationId: string;
  eventId: string;
  id: string;
  name?: string;
  email?: string;
  status?: string;
  createdAt?: string;
}

/** A registration lives in its event's partition; its organisation, event and id are its key only. */
export const RegistrationEntity = defineEntity<Registration, ReturnType<typeof keys.registration>, Omit<Registration, 'organizationId' | 'eventId' | 'id'>>({
  name: 'Registration',
  key: (registration) => keys.registration(registration.organizationId, registration.eventId, registration.id),
  encode: ({ organizationId: _organizationId, eventId: _eventId, id: _id, ...attributes }) => attributes,
  decode: (item) => withoutKeys(item),
});
