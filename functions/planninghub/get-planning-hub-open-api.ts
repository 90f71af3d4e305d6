import { config } from '../../shared/config.ts';
import { endpoint } from '../../shared/http/endpoint.ts';

/**
 * Generated from the manifest and the zod schemas by `npm run openapi`; a unit test keeps it current.
 * Imported on the first request, not at cold start: the document is some 350 KB of JSON, and the
 * bundler keeps a dynamically imported module's code unevaluated until it is asked for, so the
 * init of this function does not pay for building it (docs/bench.md).
 */
const loadDocument = () => import('../../shared/openapi/planninghub.openapi.json', { with: { type: 'json' } }).then((module) => module.default);

export const handler = endpoint({ surface: 'planninghub', auth: false }, async ({ event }) => {
  const document = await loadDocument();
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const serverUrl = config.publicBaseUrl ?? `${host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https'}://${host}`;
  return { statusCode: 200, body: { ...document, servers: [{ url: serverUrl }] }, headers: { 'Cache-Control': 'public, max-age=300' } };
});
