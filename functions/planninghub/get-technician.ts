import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { hasAnyRole, PLANNERS } from '../../shared/domain/roles.ts';
import { technicianNotFound } from '../../shared/domain/technician.ts';
import { technicianParams } from '../../shared/schemas/technicians.ts';
import { getMembership, getUser } from '../../shared/store/identity.ts';
import { getTechnicianProfile } from '../../shared/store/technicians.ts';
import { technicianView } from '../../shared/views/technicians.ts';

export const handler = endpoint({ surface: 'planninghub', params: technicianParams }, async ({ params, principal }) => {
  // Decided before any read, so a refusal says nothing about whether the profile exists.
  if (params.user_id !== principal.userId && !hasAnyRole(principal.roles, PLANNERS)) {
    throw HttpError.of(403, 'INSUFFICIENT_ROLE.technician_profile');
  }
  const [membership, profile, user] = await Promise.all([
    getMembership(principal.organizationId, params.user_id),
    getTechnicianProfile(principal.organizationId, params.user_id),
    getUser(params.user_id),
  ]);
  // A former member's profile stays in the table but is no longer the organisation's to show.
  if (!membership || !profile) throw technicianNotFound();
  return { statusCode: 200, body: technicianView(profile, membership, user ?? undefined) };
});
