/**
 * The EventLite OpenAPI document's fixed parts. Built from the manifest and the zod schemas by
 * `npm run openapi` into eventlite.openapi.json and the compressed module the function serves:
 * generating it per cold start would load every schema of the API into that function (see docs/bench.md).
 */
import { routes } from '../../lib/manifest.ts';
import { buildOpenApiDocument } from './document.ts';
import { eventLiteExamples } from './examples.ts';

export const SERVER_URL_PLACEHOLDER = 'https://api.example.invalid';

export function buildEventLiteDocument(serverUrl = SERVER_URL_PLACEHOLDER) {
  return buildOpenApiDocument(routes, {
    surface: 'eventlite',
    title: 'EventLite API',
    version: '1.0.0',
    description:
      'Public events with slugs, a status workflow, capacity and waitlist. Authenticate with `Authorization: Bearer <API_KEY>`; keys are per user, random, revocable (POST /api/v1/api-keys).',
    serverUrl,
    security: 'bearerApiKey',
    contact: { name: 'StageCrew backend team' },
    license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    tags: { EventLite: 'Events, registrations, API keys and cover images.' },
    examples: eventLiteExamples,
  });
}
