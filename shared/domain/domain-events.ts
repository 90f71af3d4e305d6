/**
 * The domain events the product emits, and the envelope every consumer receives. An event is
 * written to the outbox in the same transaction as the change that caused it (shared/store/outbox.ts);
 * the publisher sends it to its family's SNS topic; webhook deliveries post it to `{url}{path}`.
 * The envelope `{event, data, timestamp}` is the PlanningHub spec's (see docs/webhooks.md).
 */
import type { TopicName } from './topics.ts';

/** Every event type, with the family (SNS topic and webhook path) it travels in. */
export const DOMAIN_EVENT_FAMILIES = {
  'shift.conflict.detected': 'shift-conflict',
  'equipment.maintenance.due': 'equipment-maintenance',
  'shift.created': 'shift',
  'shift.updated': 'shift',
  'shift.cancelled': 'shift',
  'equipment.booked': 'equipment-booking',
  'equipment.booking.cancelled': 'equipment-booking',
  'event.published': 'event',
  'event.cancelled': 'event',
  'registration.created': 'registration',
  'registration.cancelled': 'registration',
  'registration.promoted': 'registration',
} as const satisfies Record<string, TopicName>;

export type DomainEventType = keyof typeof DOMAIN_EVENT_FAMILIES;
export const DOMAIN_EVENT_TYPES = Object.keys(DOMAIN_EVENT_FAMILIES) as DomainEventType[];

export interface DomainEventEnvelope<D = Record<string, unknown>> {
  event: DomainEventType;
  data: D;
  /** ISO 8601 instant the change was decided. */
  timestamp: string;
}

/** One outbox record: the envelope plus what routing and deduplication need. */
export interface OutboxRecord<D = Record<string, unknown>> {
  /** Stable id consumers dedupe on (the `webhook-id` of every delivery of this event). */
  id: string;
  organizationId: string;
  type: DomainEventType;
  family: TopicName;
  /** The production or public event the change belongs to, when there is one (an SNS attribute). */
  eventId?: string;
  envelope: DomainEventEnvelope<D>;
}

/** Builds the outbox record of one change; the id and the instant are given (the domain draws no randomness). */
export function domainEvent<D extends Record<string, unknown>>(
  type: DomainEventType,
  organizationId: string,
  data: D,
  context: { id: string; at: Date; eventId?: string },
): OutboxRecord<D> {
  return {
    id: context.id,
    organizationId,
    type,
    family: DOMAIN_EVENT_FAMILIES[type],
    ...(context.eventId ? { eventId: context.eventId } : {}),
    envelope: { event: type, data, timestamp: context.at.toISOString() },
  };
}
