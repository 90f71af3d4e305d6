/**
 * The outbox record, written in the same transaction as the change it reports. The publisher's
 * stream filter selects items by `entity = OutboxEvent` on their new image (lib, docs/webhooks.md).
 */
import { defineEntity } from '../entity.ts';
import * as keys from '../keys.ts';
import type { OutboxRecord } from '../../domain/domain-events.ts';

/** Kept a week: the stream delivers within seconds and retries for at most a day. */
export const OUTBOX_RETENTION_SECONDS = 7 * 24 * 3600;

export const OutboxEventEntity = defineEntity<OutboxRecord, ReturnType<typeof keys.outboxEvent>>({
  name: 'OutboxEvent',
  key: (record) => keys.outboxEvent(record.organizationId, record.id),
  // `body`: the envelope's JSON as built, sent as is (a stored map does not keep the order of its keys).
  extra: (record) => ({ expiresAt: Math.ceil(Date.parse(record.envelope.timestamp) / 1000) + OUTBOX_RETENTION_SECONDS, body: JSON.stringify(record.envelope) }),
  decode: (item) => ({
    id: item.id as string,
    organizationId: item.organizationId as string,
    type: item.type as OutboxRecord['type'],
    family: item.family as OutboxRecord['family'],
    ...(typeof item.eventId === 'string' ? { eventId: item.eventId } : {}),
    envelope: (typeof item.body === 'string' ? JSON.parse(item.body) : item.envelope) as OutboxRecord['envelope'],
  }),
});
