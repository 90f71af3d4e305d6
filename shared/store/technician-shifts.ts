/**
 * The port through which availability learns about a technician's shifts: the intervals during
 * which a shift holds the technician. Shifts hold technicians through the resource allocations of
 * shared/store/allocations.ts (resource type `technician`, owner = the shift), written by the
 * shifts capability; this module only reads them, so it answers "none" before any shift exists
 * and needs no change after.
 */
import { readAllocations } from './allocations.ts';
import type { ShiftInterval, UtcInterval } from '../domain/availability.ts';

/** The shifts holding the technician during some part of `window` (half-open). */
export async function listShiftIntervalsOfTechnician(organizationId: string, userId: string, window: UtcInterval): Promise<ShiftInterval[]> {
  const allocations = await readAllocations(organizationId, { type: 'technician', id: userId }, { start: window.startMs, end: window.endMs });
  // A technician allocation's owner is the shift that holds them: the warning names it.
  return allocations.map((allocation) => ({ id: allocation.ownerId, startMs: allocation.start, endMs: allocation.end }));
}
