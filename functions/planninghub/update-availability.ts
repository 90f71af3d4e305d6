import { endpoint } from '../../shared/http/endpoint.ts';
import { invalidTimeRange, normalizeAvailability, type AvailabilityPatch } from '../../shared/domain/availability.ts';
import { availabilityPatchBody } from '../../shared/schemas/availability-patch.ts';
import { updateAvailabilityUseCase } from '../../shared/app/technicians/update-availability.ts';
import { availabilityPatchView } from '../../shared/views/technicians.ts';

/** PATCH /v1/users/me/availability: the caller's own dates, in the organisation's time zone. */
export const handler = endpoint(
  { surface: 'planninghub', body: availabilityPatchBody, maxBodyBytes: 64 * 1024 },
  async ({ body, principal, scope }) => {
    // Parsing: the engine judges every value itself (lists, nulls, anything else), so all faults come back at once.
    const result = normalizeAvailability(body as AvailabilityPatch);
    if (!result.ok) throw invalidTimeRange(result.errors, scope.lang);
    const warnings = await updateAvailabilityUseCase(principal, result.availability);
    return { statusCode: 200, body: availabilityPatchView(result.availability, warnings) };
  },
);
