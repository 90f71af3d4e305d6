import { endpoint } from '../../shared/http/endpoint.ts';
import { PLANNERS } from '../../shared/domain/roles.ts';
import { listTechniciansQuery } from '../../shared/schemas/technician-list.ts';
import { listTechniciansUseCase } from '../../shared/app/technicians/technicians.ts';
import { byName, technicianSummaryView } from '../../shared/views/technicians.ts';

export const handler = endpoint({ surface: 'planninghub', roles: PLANNERS, query: listTechniciansQuery }, async ({ query, principal }) => {
  const technicians = await listTechniciansUseCase(principal, {
    skill: query.skill,
    minLevel: query.min_level,
    certification: query.certification,
    validOn: query.valid_on,
  });
  const results = technicians.map(({ profile, membership, user }) => technicianSummaryView(profile, membership, user)).sort(byName);
  return { statusCode: 200, body: { count: results.length, results } };
});
