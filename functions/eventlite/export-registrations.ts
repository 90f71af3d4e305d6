import { endpoint } from '../../shared/http/endpoint.ts';
import { registrationEventParams } from '../../shared/schemas/registration-params.ts';
import { exportRegistrations } from '../../shared/app/registrations/organiser.ts';
import { registrationsCsv } from '../../shared/views/registrations.ts';

export const handler = endpoint({ surface: 'eventlite', params: registrationEventParams }, async ({ params, principal }) => {
  const { event, registrations } = await exportRegistrations(principal, params.id);
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="registrations-${event.slug}.csv"` },
    text: registrationsCsv(registrations),
  };
});
