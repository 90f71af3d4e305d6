import { config } from '../../shared/config.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import { lazyDocument } from '../../shared/openapi/compressed-document.ts';
import { compressedDocument } from '../../shared/openapi/eventlite.openapi.compressed.ts';

/**
 * Generated from the manifest and the zod schemas by `npm run openapi`; a unit test keeps it current.
 * Bundled as a compressed string and parsed on the first request, not as a JSON module that every
 * cold start would parse (docs/bench.md).
 */
const loadDocument = lazyDocument(compressedDocument);

export const handler = endpoint({ surface: 'eventlite', auth: false }, async ({ event }) => {
  const document = await loadDocument();
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const serverUrl = config.publicBaseUrl ?? `${host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https'}://${host}`;
  return { statusCode: 200, body: { ...document, servers: [{ url: serverUrl }] }, headers: { 'Cache-Control': 'public, max-age=300' } };
});
