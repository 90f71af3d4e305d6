import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { hasAnyRole, PLANNERS } from '../../shared/domain/roles.ts';
import { shiftNotFound } from '../../shared/domain/shift.ts';
import { shiftIdParams } from '../../shared/schemas/shifts.ts';
import { getShift, resolveShiftResources, shiftSettings } from '../../shared/store/shifts.ts';
import { shiftDetailView } from '../../shared/views/shifts.ts';

export const handler = endpoint({ surface: 'planninghub', params: shiftIdParams }, async ({ params, principal }) => {
  const shift = await getShift(principal.organizationId, params.id);
  if (!shift) throw shiftNotFound();
  if (!hasAnyRole(principal.roles, PLANNERS) && !shift.technicianIds.includes(principal.userId)) {
    throw new HttpError(403, 'INSUFFICIENT_ROLE', {
      fr: 'Rôle insuffisant : seul un régisseur, un administrateur ou un technicien du shift le voit',
      en: 'Insufficient role: only a stage manager, an admin or a technician of the shift sees it',
    });
  }
  const [{ timeZone }, resolved] = await Promise.all([shiftSettings(principal.organizationId), resolveShiftResources(principal.organizationId, shift)]);
  return { statusCode: 200, headers: { ETag: `"${shift.version}"` }, body: shiftDetailView(shift, resolved, timeZone) };
});
