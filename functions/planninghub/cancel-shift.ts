import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { expectedVersionOf, shiftIdParams } from '../../shared/schemas/shift-params.ts';
import { resolveShiftResources, shiftSettings } from '../../shared/store/shifts.ts';
import { cancelShift } from '../../shared/app/shifts/cancel-shift.ts';
import { shiftDetailView } from '../../shared/views/shifts.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, params: shiftIdParams }, async ({ params, principal, scope, headers }) => {
  // Cancelling is the last word on a shift: If-Match is honoured when sent, not required.
  const expected = expectedVersionOf(undefined, headers('if-match'), false);
  const shift = await cancelShift({ organizationId: principal.organizationId, userId: principal.userId, lang: scope.lang }, params.id, expected, new Date());
  const [{ timeZone }, resolved] = await Promise.all([shiftSettings(principal.organizationId), resolveShiftResources(principal.organizationId, shift)]);
  return { statusCode: 200, headers: { ETag: `"${shift.version}"` }, body: shiftDetailView(shift, resolved, timeZone) };
});
