import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { putTechnicianBody, technicianParams, toQualifications } from '../../shared/schemas/technicians.ts';
import { putTechnicianUseCase } from '../../shared/app/technicians/put-technician.ts';
import { technicianView } from '../../shared/views/technicians.ts';

/** Creates or replaces the planner-managed part of a profile: skills, certifications, contract. */
export const handler = endpoint(
  { surface: 'planninghub', roles: PLANNERS, params: technicianParams, body: putTechnicianBody },
  async ({ params, body, principal }) => {
    const { profile, membership, user, created } = await putTechnicianUseCase(principal, params.user_id, toQualifications(body));
    return { statusCode: created ? 201 : 200, body: technicianView(profile, membership, user) };
  },
);
