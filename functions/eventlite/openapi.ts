import { endpoint } from '../../shared/http/endpoint.ts';

let cached: { serverUrl: string; body: unknown } | undefined;

export const handler = endpoint({ surface: 'eventlite', auth: false }, async ({ event }) => {
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const serverUrl = process.env.PUBLIC_BASE_URL ?? `${host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https'}://${host}`;
  if (cached?.serverUrl !== serverUrl) {
    // Loaded on the first request, not at cold start: the manifest pulls in every schema.
    const [{ buildOpenApiDocument }, { routes }] = await Promise.all([import('../../shared/openapi/document.ts'), import('../../lib/manifest.ts')]);
    cached = {
      serverUrl,
      body: buildOpenApiDocument(routes, {
        surface: 'eventlite',
        title: 'EventLite API',
        version: '1.0.0',
        description:
          'Public events with slugs, a status workflow, capacity and waitlist. Authenticate with `Authorization: Bearer <API_KEY>`; keys are per user, random, revocable (POST /api/v1/api-keys).',
        serverUrl,
        security: 'bearerApiKey',
      }),
    };
  }
  return { statusCode: 200, body: cached.body, headers: { 'Cache-Control': 'public, max-age=300' } };
});
