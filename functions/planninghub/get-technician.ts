import { endpoint } from '../../shared/http/endpoint.ts';
import { technicianParams } from '../../shared/schemas/technician-params.ts';
import { getTechnicianUseCase } from '../../shared/app/technicians/technicians.ts';
import { technicianView } from '../../shared/views/technicians.ts';

export const handler = endpoint({ surface: 'planninghub', params: technicianParams }, async ({ params, principal }) => {
  const { profile, membership, user } = await getTechnicianUseCase(principal, params.user_id);
  return { statusCode: 200, body: technicianView(profile, membership, user) };
});
