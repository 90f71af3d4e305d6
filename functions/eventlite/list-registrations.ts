import { endpoint } from '../../shared/http/endpoint.ts';
import { listRegistrationsQuery, registrationEventParams } from '../../shared/schemas/registrations.ts';
import { listRegistrationsOfEvent } from '../../shared/app/registrations/organiser.ts';
import { registrationView } from '../../shared/views/registrations.ts';

export const handler = endpoint({ surface: 'eventlite', params: registrationEventParams, query: listRegistrationsQuery }, async ({ params, query, principal }) => {
  const { registrations, total } = await listRegistrationsOfEvent(principal, params.id, query);
  return {
    statusCode: 200,
    body: {
      data: registrations.map(registrationView),
      pagination: { total, limit: query.limit, offset: query.offset, has_more: query.offset + registrations.length < total },
    },
  };
});
