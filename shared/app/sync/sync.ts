/**
 * GET /v1/sync?since=<cursor>: what the caller's mobile app needs offline, changed since its last
 * sync (docs/documents.md, "Offline sync"): the caller's shifts (created, updated, cancelled) from
 * 30 days back on, the ids of every live one (a shift missing from them was removed from the
 * caller or left the window: the app drops it), and the documents of those shifts' events.
 */
import { decodeCursor, encodeCursor } from '../../store/cursor.ts';
import { shiftSettings } from '../../store/shifts.ts';
import { shiftsOfTechnicianFrom } from '../../store/sync.ts';
import { documentsChangedSince, listDocumentsOfEvent } from '../../store/documents.ts';
import { DomainError } from '../../domain/errors.ts';
import type { EventDocument } from '../../domain/document.ts';
import type { Shift } from '../../domain/shift.ts';
import { downloadOf, type Download } from '../documents/read-documents.ts';
import type { Actor } from '../actor.ts';

/** How far back the app keeps shifts. */
export const SYNC_HORIZON_DAYS = 30;
/**
 * Changes are read from a little before the cursor's instant: a write stamped by a clock slightly
 * behind, or not yet visible on the index when the cursor was issued, is still delivered. The app
 * upserts by id, so a change delivered twice costs nothing.
 */
export const SYNC_OVERLAP_MS = 5_000;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const invalidSince = () => DomainError.of('invalid', 'VALIDATION_ERROR.cursor', { details: [{ field: 'since', message: 'Invalid cursor' }] });

function sinceOf(cursor: string, now: Date): string {
  try {
    return decodeCursor(cursor, (decoded) => {
      const at = (decoded as { at?: unknown } | null)?.at;
      return typeof at === 'string' && ISO_INSTANT.test(at) && Date.parse(at) <= now.getTime() ? at : null;
    });
  } catch {
    throw invalidSince();
  }
}

export interface SyncResult {
  shifts: Shift[];
  liveShiftIds: string[];
  documents: { document: EventDocument; download: Download | null }[];
  nextCursor: string;
  timeZone: string;
  serverTime: string;
}

export async function syncUseCase(actor: Actor, cursor: string | undefined, now = new Date()): Promise<SyncResult> {
  const since = cursor === undefined ? undefined : new Date(Date.parse(sinceOf(cursor, now)) - SYNC_OVERLAP_MS).toISOString();
  const from = new Date(now.getTime() - SYNC_HORIZON_DAYS * 86_400_000).toISOString();
  const [all, { timeZone }] = await Promise.all([shiftsOfTechnicianFrom(actor.organizationId, actor.userId, from), shiftSettings(actor.organizationId)]);
  const live = all.filter((shift) => shift.status !== 'cancelled');
  const shifts = since === undefined ? live : all.filter((shift) => shift.updatedAt >= since);
  // An event the caller just joined (a shift new to them) gets all its documents, not only the changed ones.
  const fresh = new Set(since === undefined ? live.map((shift) => shift.eventId) : shifts.map((shift) => shift.eventId));
  const events = [...new Set(live.map((shift) => shift.eventId))];
  const perEvent = await Promise.all(
    events.map((eventId) => (fresh.has(eventId) ? listDocumentsOfEvent(actor.organizationId, eventId) : documentsChangedSince(actor.organizationId, eventId, since))),
  );
  const documents = perEvent.flat().filter((document) => since !== undefined || document.status !== 'deleted');
  return {
    shifts,
    liveShiftIds: live.map((shift) => shift.id),
    documents: await Promise.all(documents.map(async (document) => ({ document, download: document.status === 'ready' ? await downloadOf(document.current, now) : null }))),
    nextCursor: encodeCursor({ at: now.toISOString() }),
    timeZone,
    serverTime: now.toISOString(),
  };
}
