import { endpoint } from '../../shared/http/endpoint.ts';
import { registrationParams } from '../../shared/schemas/registration-params.ts';
import { getRegistrationOfEvent } from '../../shared/app/registrations/organiser.ts';
import { registrationView } from '../../shared/views/registrations.ts';

export const handler = endpoint({ surface: 'eventlite', params: registrationParams }, async ({ params, principal }) => {
  const registration = await getRegistrationOfEvent(principal, params.id, params.registrationId);
  return { statusCode: 200, body: { data: registrationView(registration) } };
});
