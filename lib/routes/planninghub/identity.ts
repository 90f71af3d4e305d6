/** PlanningHub routes, identity area: logging in and the caller's own profile (`/v1/auth`, `/v1/users/me`). Defaults in ./common.ts. */
import * as z from 'zod';
import { currentUserResponse, loginResponse, planningHubError } from '../../../shared/schemas/planninghub-identity-docs.ts';
import { loginBody } from '../../../shared/schemas/planninghub-identity.ts';
import { availabilityPatchInput, availabilityPatchResponse, invalidTimeRangeError } from '../../../shared/schemas/technicians-docs.ts';
import { updateMeBody } from '../../../shared/schemas/technicians.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

export const identityRoutes = planningHubRoutes({ tag: 'PlanningHub: identity' }, [
  {
    id: 'Login',
    method: 'POST',
    path: '/v1/auth/login',
    auth: 'none',
    usesIdentityProvider: true,
    docs: {
      summary: 'Log in (with the organisation and, optionally, event context)',
      description:
        'Exchanges the credentials with Auth0 when configured, with the development issuer otherwise. A wrong e-mail and a wrong password give the same 401. Failures slow down the source that sends them, never the account: after 3 failures for one address (or 20 over all addresses) from one source, that source waits 2, 4, 8 ... s, at most 15 min (429 with Retry-After).',
      request: { body: loginBody },
      responses: {
        200: { description: 'An access token and the user', schema: loginResponse },
        400: errorDoc('Invalid data'),
        401: errorDoc('Incorrect e-mail or password'),
        403: errorDoc('Not a member of the organisation, or event not in it'),
        429: errorDoc('TOO_MANY_LOGIN_ATTEMPTS or RATE_LIMIT_EXCEEDED: wait Retry-After seconds'),
        503: errorDoc('IDENTITY_PROVIDER_UNAVAILABLE: Auth0 did not answer; try again later'),
      },
    },
  },
  {
    id: 'GetCurrentUser',
    method: 'GET',
    path: '/v1/users/me',
    docs: {
      summary: 'The caller, with roles, specializations, availability, contract and current events',
      description:
        'The member acting in X-Organization-ID: contact details, roles, specializations and availability from the technician profile, contract, and the events where they have shifts (with those shifts, by start).',
      responses: { 200: { description: 'The current user', schema: currentUserResponse } },
    },
  },
  {
    id: 'UpdateCurrentUser',
    method: 'PATCH',
    path: '/v1/users/me',
    docs: {
      summary: "The caller's own contact details (first name, last name, phone)",
      description: 'Only these fields: contract, skills, roles and e-mail are refused (400, the field named). The answer is GET /v1/users/me.',
      request: { body: updateMeBody },
      responses: { 200: { description: 'The current user', schema: currentUserResponse } },
    },
  },
  {
    id: 'UpdateAvailability',
    method: 'PATCH',
    path: '/v1/users/me/availability',
    docs: {
      summary: "Set or clear the caller's availability on some dates",
      description:
        "Dates and `HH:MM-HH:MM` ranges are local to the organisation's time zone (default Europe/Paris); `14:00-03:00` ends the next morning; overlapping ranges of a date are merged. Dates not sent are kept. A warning names each shift of the caller that overlaps a date's ranges.",
      request: { body: availabilityPatchInput },
      responses: {
        200: { description: 'The dates sent, as stored', schema: availabilityPatchResponse },
        400: { description: 'INVALID_TIME_RANGE (every bad date and range in `details`), or invalid data (VALIDATION_ERROR naming the field)', schema: z.union([invalidTimeRangeError, planningHubError]).meta({ id: 'AvailabilityError' }) },
      },
    },
  },
]);
