/**
 * Typed clients of both surfaces: openapi-fetch over the types `npm run client` generates from the
 * OpenAPI documents (clients/eventlite.ts, clients/planninghub.ts; docs/clients.md). Paths,
 * parameters, bodies and answers are typed from the documents: a call the document does not
 * declare does not compile. For the mobile app and the integration tests; no function bundles it.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths as EventLitePaths } from './eventlite.ts';
import type { paths as PlanningHubPaths } from './planninghub.ts';

export type { EventLitePaths, PlanningHubPaths };
export type PlanningHubClient = Client<PlanningHubPaths>;
export type EventLiteClient = Client<EventLitePaths>;

interface ClientOptions {
  /** Where the API is: `https://api.example.com`, or the local gateway's address. */
  baseUrl: string;
  /** PlanningHub: the `access_token` of POST /v1/auth/login; EventLite: an API key. */
  token?: string;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

const clientOptions = (options: ClientOptions) => ({
  baseUrl: options.baseUrl,
  headers: { ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...options.headers },
  ...(options.fetch ? { fetch: options.fetch } : {}),
});

/** PlanningHub (`/v1`). Calls of an organisation pass `X-Organization-ID` in `params.header` (the document requires it). */
export const planningHubClient = (options: ClientOptions): PlanningHubClient => createClient<PlanningHubPaths>(clientOptions(options));

/** EventLite (`/api/v1`), authenticated by an API key. */
export const eventLiteClient = (options: ClientOptions): EventLiteClient => createClient<EventLitePaths>(clientOptions(options));
