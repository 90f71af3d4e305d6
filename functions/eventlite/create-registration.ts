import { endpoint } from '../../shared/http/endpoint.ts';
import { createRegistrationBody, registrationEventParams } from '../../shared/schemas/registrations.ts';
import { createRegistrationByOrganiser } from '../../shared/app/registrations/organiser.ts';
import { registrationView } from '../../shared/views/registrations.ts';

export const handler = endpoint({ surface: 'eventlite', params: registrationEventParams, body: createRegistrationBody }, async ({ params, body, principal }) => {
  const registration = await createRegistrationByOrganiser(principal, params.id, body);
  return { statusCode: 201, body: { data: registrationView(registration) } };
});
