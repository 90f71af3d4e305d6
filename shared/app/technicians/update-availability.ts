import { availabilityWindow, shiftOverlapWarnings, type Availability, type AvailabilityWarning } from '../../domain/availability.ts';
import { writeAvailabilityDates } from '../../store/technicians.ts';
import { getOrganizationTimeZone } from '../../store/identity.ts';
import { listShiftIntervalsOfTechnician } from '../../store/technician-shifts.ts';
import type { Actor } from '../actor.ts';

/**
 * PATCH /v1/users/me/availability: writes the caller's own dates (already normalised), in the
 * organisation's time zone, and warns about the caller's shifts that fall outside them.
 */
export async function updateAvailabilityUseCase(actor: Actor, availability: Availability, now = new Date()): Promise<AvailabilityWarning[]> {
  const { organizationId, userId } = actor;
  const timeZone = await getOrganizationTimeZone(organizationId);
  const window = availabilityWindow(availability, timeZone);
  const [, shifts] = await Promise.all([
    writeAvailabilityDates(organizationId, userId, availability, now),
    window ? listShiftIntervalsOfTechnician(organizationId, userId, window) : Promise.resolve([]),
  ]);
  // Two allocations of one shift would otherwise warn twice about the same thing.
  return shiftOverlapWarnings(availability, shifts, timeZone).filter(
    (warning, index, all) => all.findIndex((other) => other.date === warning.date && other.message === warning.message) === index,
  );
}
