import { endpoint } from '../../shared/http/endpoint.ts';
import { config } from '../../shared/config.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { createLogger } from '../../shared/http/logger.ts';
import { hasAnyRole, PLANNERS } from '../../shared/domain/roles.ts';
import { shiftNotFound } from '../../shared/domain/shift.ts';
import { shiftIdParams } from '../../shared/schemas/shifts.ts';
import { getShiftWithAttendance, resolveShiftResources, shiftSettings } from '../../shared/store/shifts.ts';
import { checkinTokenKeys } from '../../shared/adapters/checkin-secret.ts';
import { checkinTokensOf } from '../../shared/domain/attendance.ts';
import { actualAttendanceOf } from '../../shared/app/shifts/attendance.ts';
import { shiftWithAttendanceView } from '../../shared/views/shifts.ts';

const logger = createLogger({ function: 'GetShift' });

export const handler = endpoint({ surface: 'planninghub', params: shiftIdParams }, async ({ params, principal }) => {
  const found = await getShiftWithAttendance(principal.organizationId, params.id);
  if (!found) throw shiftNotFound();
  const { shift, attendance } = found;
  const planner = hasAnyRole(principal.roles, PLANNERS);
  if (!planner && !shift.technicianIds.includes(principal.userId)) {
    throw new HttpError(403, 'INSUFFICIENT_ROLE', {
      fr: 'Rôle insuffisant : seul un régisseur, un administrateur ou un technicien du shift le voit',
      en: 'Insufficient role: only a stage manager, an admin or a technician of the shift sees it',
    });
  }
  const [world, resolved, keys] = await Promise.all([
    shiftSettings(principal.organizationId),
    resolveShiftResources(principal.organizationId, shift),
    // The shift is the app's main screen: without the secret it still shows, without links.
    checkinTokenKeys().then(
      (configured) => {
        if (!configured) logger.error('no check-in token secret configured: no links');
        return configured ?? [];
      },
      (error: unknown) => {
        logger.error('check-in token secret unreadable: no links', { error });
        return [];
      },
    ),
  ]);
  const tokens = checkinTokensOf(shift, planner ? shift.technicianIds : [principal.userId], keys, Date.now());
  const actual = await actualAttendanceOf(principal.organizationId, shift, attendance, resolved.profiles, world);
  return {
    statusCode: 200,
    // The ETag is the planning version (If-Match of PATCH); check-ins do not move it.
    headers: { ETag: `"${shift.version}"` },
    body: shiftWithAttendanceView(shift, resolved, world.timeZone, { tokens, callerId: principal.userId, planner, appBaseUrl: config.appBaseUrl, attendance, actual }),
  };
});
