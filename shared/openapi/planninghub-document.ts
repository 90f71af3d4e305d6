/**
 * The PlanningHub (`/v1`) OpenAPI document's fixed parts, generated like EventLite's by
 * `npm run openapi` into planninghub.openapi.json and the compressed module GET /v1/openapi serves.
 */
import { routes } from '../../lib/manifest.ts';
import { ID_PATTERN } from '../domain/bounds.ts';
import { buildOpenApiDocument } from './document.ts';
import { planningHubExamples } from './examples.ts';

export const SERVER_URL_PLACEHOLDER = 'https://api.example.invalid';

/** Routes of a person outside any organisation: no X-Organization-ID (docs/roles.md, "Invitations"). */
const withoutOrganization = (path: string) => path.startsWith('/v1/invitations') || path === '/v1/auth/login' || path.startsWith('/v1/calendar/');

/** Both headers become parts of keys: the pipeline refuses (400) what is not a bounded id. */
const boundedId = { type: 'string', pattern: ID_PATTERN.source };

const tags = {
  'PlanningHub: identity': 'Logging in, and the caller\'s own profile and availability.',
  'PlanningHub: organisation': 'Members of the organisation, their roles, and invitations.',
  'PlanningHub: events': 'Productions (festivals, tours) with their venue, technical requirements and budget.',
  'PlanningHub: technicians': 'Technician profiles: skills, certifications, contract, availability.',
  'PlanningHub: equipment': 'The equipment catalogue, its availability, and bookings.',
  'PlanningHub: shifts': 'Shifts with their technicians and equipment, conflicts, labour rules, costs, QR check-in (critical rate class).',
  'PlanningHub: documents': 'Riders, stage plots and cable plans of an event (presigned upload and download), and offline sync.',
  'PlanningHub: calendar': "A technician's secret iCalendar feed of their shifts.",
  'PlanningHub: webhooks': "The organisation's HTTPS webhooks and their deliveries.",
  'PlanningHub: discovery': 'This OpenAPI document.',
};

export function buildPlanningHubDocument(serverUrl = SERVER_URL_PLACEHOLDER) {
  return buildOpenApiDocument(routes, {
    surface: 'planninghub',
    title: 'PlanningHub API',
    version: '1.0.0',
    description:
      'Crew and equipment planning for live performance. Log in with `POST /v1/auth/login` and send `Authorization: Bearer <JWT>` with `X-Organization-ID` on every call; errors are `{"error": {"code", "message", "details"}}`, in French by default, English with `Accept-Language: en`.',
    serverUrl,
    security: 'bearerJwt',
    contact: { name: 'StageCrew backend team' },
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    tags,
    examples: planningHubExamples,
    headers: (route) =>
      route.auth !== 'required' || withoutOrganization(route.path)
        ? []
        : [
            { name: 'X-Organization-ID', in: 'header', required: true, description: 'The organisation acted in.', schema: boundedId, example: 'org_123' },
            {
              name: 'X-Event-ID',
              in: 'header',
              required: false,
              description: 'The event the app is scoped to (narrows lists such as GET /v1/shifts); 403 if it is not an event of the organisation.',
              schema: boundedId,
              example: 'event_456',
            },
          ],
  });
}
