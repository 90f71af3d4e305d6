/** The outbox records of event changes (docs/webhooks.md): publication and cancellation. */
import { newOutboxId } from '../../store/outbox.ts';
import { eventLifecycle, eventStatusChange } from '../../domain/event-payloads.ts';
import type { OutboxRecord } from '../../domain/domain-events.ts';
import type { Event } from '../../domain/event.ts';

/** What a change from `before` (null: a creation) to `after` emits, if anything. */
export function eventChangeRecord(before: Pick<Event, 'status'> | null, after: Event, at: Date): OutboxRecord | null {
  const type = eventStatusChange(before, after);
  return type ? eventLifecycle(type, after, { id: newOutboxId(), at }) : null;
}
