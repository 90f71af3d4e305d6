/**
 * The PlanningHub (`/v1`) OpenAPI document's fixed parts, generated like EventLite's by
 * `npm run openapi` into planninghub.openapi.json, which GET /v1/openapi serves.
 */
import { routes } from '../../lib/manifest.ts';
import { buildOpenApiDocument } from './document.ts';

export const SERVER_URL_PLACEHOLDER = 'https://api.example.invalid';

/** Routes of a person outside any organisation: no X-Organization-ID (docs/roles.md, "Invitations"). */
const withoutOrganization = (path: string) => path.startsWith('/v1/invitations') || path === '/v1/auth/login' || path.startsWith('/v1/calendar/');

export function buildPlanningHubDocument(serverUrl = SERVER_URL_PLACEHOLDER) {
  return buildOpenApiDocument(routes, {
    surface: 'planninghub',
    title: 'PlanningHub API',
    version: '1.0.0',
    description:
      'Crew and equipment planning for live performance. Log in with `POST /v1/auth/login` and send `Authorization: Bearer <JWT>` with `X-Organization-ID` on every call; errors are `{"error": {"code", "message", "details"}}`, in French by default, English with `Accept-Language: en`.',
    serverUrl,
    security: 'bearerJwt',
    headers: (route) =>
      route.auth !== 'required' || withoutOrganization(route.path)
        ? []
        : [
            { name: 'X-Organization-ID', in: 'header', required: true, description: 'The organisation acted in, e.g. org_123', schema: { type: 'string' } },
            { name: 'X-Event-ID', in: 'header', required: false, description: 'The event the app is scoped to, e.g. event_456 (narrows lists such as GET /v1/shifts)', schema: { type: 'string' } },
          ],
  });
}
