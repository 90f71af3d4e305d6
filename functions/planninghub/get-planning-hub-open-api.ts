import { config } from '../../shared/config.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import document from '../../shared/openapi/planninghub.openapi.json' with { type: 'json' };

/** Generated from the manifest and the zod schemas by `npm run openapi`; a unit test keeps it current. */
export const handler = endpoint({ surface: 'planninghub', auth: false }, async ({ event }) => {
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const serverUrl = config.publicBaseUrl ?? `${host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https'}://${host}`;
  return { statusCode: 200, body: { ...document, servers: [{ url: serverUrl }] }, headers: { 'Cache-Control': 'public, max-age=300' } };
});
