import { endpoint } from '../../shared/http/endpoint.ts';
import { HttpError } from '../../shared/http/errors.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { technicianNotFound } from '../../shared/domain/technician.ts';
import { putTechnicianBody, technicianParams, toQualifications } from '../../shared/schemas/technicians.ts';
import { getMembership, getUser } from '../../shared/store/identity.ts';
import { saveTechnicianQualifications } from '../../shared/store/technicians.ts';
import { technicianView } from '../../shared/views/technicians.ts';

/** Creates or replaces the planner-managed part of a profile: skills, certifications, contract. */
export const handler = endpoint(
  { surface: 'planninghub', roles: PLANNERS, params: technicianParams, body: putTechnicianBody },
  async ({ params, body, principal }) => {
    // Nobody sets their own rate or qualifications, a stage manager who is also on the crew included;
    // admins manage the organisation and may.
    if (params.user_id === principal.userId && !principal.roles.includes('admin')) {
      throw HttpError.of(403, 'OWN_PROFILE_FORBIDDEN');
    }
    const [membership, user] = await Promise.all([getMembership(principal.organizationId, params.user_id), getUser(params.user_id)]);
    if (!membership) throw technicianNotFound();
    const { profile, created } = await saveTechnicianQualifications(principal.organizationId, params.user_id, toQualifications(body), new Date());
    return { statusCode: created ? 201 : 200, body: technicianView(profile, membership, user ?? undefined) };
  },
);
