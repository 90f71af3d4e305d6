/**
 * A shift conflict and a suggested action as the API writes them (the 409's details, the views,
 * the conflict events' payloads). Apart from shift.ts so that the event payloads, which every
 * function emitting domain events bundles, need not import the shift engine and its zone
 * arithmetic (@date-fns/tz's TZDate): these only format instants (local-time.ts).
 */
import type { ShiftConflict, SuggestedAction } from './shift.ts';
import { formatWithOffset } from './time/local-time.ts';

/** The spec's `conflict_with` entry; `overlap` in the organisation's offset, as its example. */
export function conflictWire(conflict: ShiftConflict, timeZone: string) {
  return {
    shift_id: conflict.withShiftId,
    resource_id: conflict.resourceId,
    resource_type: conflict.resourceType,
    severity: conflict.severity,
    overlap: `${formatWithOffset(Date.parse(conflict.overlapStart), timeZone)} - ${formatWithOffset(Date.parse(conflict.overlapEnd), timeZone)}`,
    ...(conflict.withBookingId !== null ? { booking_id: conflict.withBookingId } : {}),
    ...(conflict.withEventId !== null ? { event_id: conflict.withEventId } : {}),
    ...(conflict.requestedQuantity !== undefined ? { requested_quantity: conflict.requestedQuantity, available_quantity: conflict.availableQuantity } : {}),
  };
}

/** The spec's `suggested_actions` entry: `reschedule_<shift id>` (`reschedule_shift` when no id is given). */
export function suggestionWire(action: SuggestedAction, shiftId: string | null, timeZone: string) {
  if (action.type === 'reschedule') return { action: `reschedule_${shiftId ?? 'shift'}`, new_start_time: formatWithOffset(Date.parse(action.newStartAt), timeZone) };
  return { action: 'assign_alternative_technician', technician_id: action.technicianId, skills_match: action.skillsMatch, replaces: action.replaces };
}
