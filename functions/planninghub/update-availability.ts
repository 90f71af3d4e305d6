import { endpoint } from '../../shared/http/endpoint.ts';
import { availabilityWindow, invalidTimeRange, normalizeAvailability, shiftOverlapWarnings, type AvailabilityPatch } from '../../shared/domain/availability.ts';
import { availabilityPatchBody } from '../../shared/schemas/technicians.ts';
import { writeAvailabilityDates } from '../../shared/store/technicians.ts';
import { getOrganizationTimeZone } from '../../shared/store/identity.ts';
import { listShiftIntervalsOfTechnician } from '../../shared/store/technician-shifts.ts';
import { availabilityPatchView } from '../../shared/views/technicians.ts';

/** PATCH /v1/users/me/availability: the caller's own dates, in the organisation's time zone. */
export const handler = endpoint(
  { surface: 'planninghub', body: availabilityPatchBody, maxBodyBytes: 64 * 1024 },
  async ({ body, principal, scope }) => {
    // The engine judges every value itself (lists, nulls, anything else), so all faults come back at once.
    const result = normalizeAvailability(body as AvailabilityPatch);
    if (!result.ok) throw invalidTimeRange(result.errors, scope.lang);
    const { organizationId, userId } = principal;
    const timeZone = await getOrganizationTimeZone(organizationId);
    const window = availabilityWindow(result.availability, timeZone);
    const [, shifts] = await Promise.all([
      writeAvailabilityDates(organizationId, userId, result.availability, new Date()),
      window ? listShiftIntervalsOfTechnician(organizationId, userId, window) : Promise.resolve([]),
    ]);
    // Two allocations of one shift would otherwise warn twice about the same thing.
    const warnings = shiftOverlapWarnings(result.availability, shifts, timeZone).filter(
      (warning, index, all) => all.findIndex((other) => other.date === warning.date && other.message === warning.message) === index,
    );
    return { statusCode: 200, body: availabilityPatchView(result.availability, warnings) };
  },
);
