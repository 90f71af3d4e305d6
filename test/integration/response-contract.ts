/**
 * The contract every response of the local gateway is held to in the integration tests (issue 12,
 * "documents cannot drift"): the response of a route of an API surface must be one its OpenAPI
 * document declares for that route (method, path template) and status, with that content type,
 * and a JSON body must validate against the declared schema (one compiled Ajv validator per
 * method, path template and status). A route or a status the document does not declare is drift
 * too. Routes of no surface (public pages, the liveness probe, the `$default` catch-all) are not
 * in either document: their statuses and content types are checked against the manifest's
 * declarations instead.
 *
 * Bodies other than JSON (CSV, iCalendar, HTML) are checked by content type only; 204 and 304 must
 * carry no body.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import eventLiteDocument from '../../shared/openapi/eventlite.openapi.json' with { type: 'json' };
import planningHubDocument from '../../shared/openapi/planninghub.openapi.json' with { type: 'json' };
import { routes as manifestRoutes, type RouteDefinition } from '../../lib/manifest.ts';

// ajv-formats is CommonJS: its function is the module itself under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

type JsonSchema = Record<string, unknown>;
interface MediaType { schema?: JsonSchema }
interface ResponseObject { description: string; content?: Record<string, MediaType> }
interface Operation { operationId: string; responses: Record<string, ResponseObject> }
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export interface ObservedResponse {
  method: string;
  /** Path and query of the request, or a whole URL. */
  url: string;
  status: number;
  /** The Content-Type header, or null. */
  contentType: string | null;
  body: string;
}

const EMPTY_STATUSES = new Set([204, 304]);
const essence = (contentType: string | null) => contentType?.split(';')[0]!.trim().toLowerCase() ?? null;
const isJson = (mediaType: string | null) => mediaType !== null && (mediaType === 'application/json' || mediaType.endsWith('+json'));

interface CompiledRoute {
  definition: RouteDefinition;
  pattern: RegExp;
  specificity: number;
}

/** The local gateway's matching (local/gateway.ts): the most specific path of the method wins. */
function compile(definition: RouteDefinition): CompiledRoute {
  const source = definition.path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)(\+)?\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return match[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { definition, pattern: new RegExp(`^${source}$`), specificity: definition.path.split('/').filter((s) => !s.startsWith('{')).length };
}

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

export function responseContract(
  documents: { eventlite: OpenApiDocument; planninghub: OpenApiDocument } = {
    eventlite: eventLiteDocument as unknown as OpenApiDocument,
    planninghub: planningHubDocument as unknown as OpenApiDocument,
  },
  routes: RouteDefinition[] = manifestRoutes,
) {
  // Not strict: the documents carry OpenAPI's own keywords (example, discriminator) next to JSON Schema's.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  for (const [surface, document] of Object.entries(documents)) {
    // `#/components/schemas/X` in the documents resolves against this base.
    ajv.addSchema({ $id: `https://contract.invalid/${surface}`, components: document.components }, surface);
  }
  const validators = new Map<string, ValidateFunction>();
  const validatorOf = (surface: string, key: string, schema: JsonSchema) => {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile({ $id: `https://contract.invalid/${surface}/${encodeURIComponent(key)}`, ...rebase(schema, surface) });
      validators.set(key, validate);
    }
    return validate;
  };

  const mounted = routes.filter((route) => route.path !== '$default').map(compile).sort((a, b) => b.specificity - a.specificity);
  const fallback = routes.find((route) => route.path === '$default');

  function routeOf(method: string, path: string): RouteDefinition | undefined {
    return mounted.find((candidate) => candidate.definition.method === method && candidate.pattern.test(path))?.definition ?? fallback;
  }

  /** A JSON body against a schema; the violations found. */
  function checkJson(surface: string, key: string, schema: JsonSchema | undefined, body: string): string[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return [`body is not JSON: ${JSON.stringify(body.slice(0, 120))}`];
    }
    if (!schema) return [];
    const validate = validatorOf(surface, key, schema);
    if (validate(parsed)) return [];
    return (validate.errors ?? []).map((error) => `body${error.instancePath} ${error.message}${error.params ? ` ${JSON.stringify(error.params)}` : ''}`);
  }

  /** A response against a declaration: content (media type -> schema) or none. */
  function checkContent(surface: string, key: string, response: ObservedResponse, content: Record<string, MediaType> | undefined): string[] {
    const received = essence(response.contentType);
    if (EMPTY_STATUSES.has(response.status) || !content) {
      return response.body.length === 0 ? [] : [`a body the document does not declare (${received ?? 'no content type'}): ${JSON.stringify(response.body.slice(0, 120))}`];
    }
    const declared = Object.keys(content);
    // A declared range (`image/*`) admits every subtype.
    const match = declared.find((mediaType) => mediaType.toLowerCase() === received || (mediaType.endsWith('/*') && received?.startsWith(mediaType.slice(0, -1).toLowerCase())));
    if (!match) return [`content type ${received ?? 'none'}, the document declares ${declared.join(', ')}`];
    return isJson(match) ? checkJson(surface, `${key} ${match}`, content[match]!.schema, response.body) : [];
  }

  /**
   * The violations of one response (empty when it keeps to the contract), each a sentence naming
   * the route and status.
   */
  function violations(response: ObservedResponse): string[] {
    const method = response.method.toUpperCase();
    const path = new URL(response.url, 'http://contract.invalid').pathname;
    const route = routeOf(method, path);
    if (!route) return [`${method} ${path}: no route of the manifest serves it`];
    const label = `${method} ${path} (${route.id}) ${response.status}`;
    const prefix = (list: string[]) => list.map((violation) => `${label}: ${violation}`);

    if (route.surface === 'eventlite' || route.surface === 'planninghub') {
      const operation = documents[route.surface].paths[route.path]?.[method.toLowerCase()];
      if (!operation) return prefix([`${route.method} ${route.path} is not in the ${route.surface} document`]);
      const declared = operation.responses[String(response.status)];
      if (!declared) return prefix([`status not in the document (declared: ${Object.keys(operation.responses).join(', ')})`]);
      return prefix(checkContent(route.surface, `${method} ${route.path} ${response.status}`, response, declared.content));
    }

    // Routes of no surface: the manifest declares their statuses and content types.
    const declared = route.docs.responses[response.status];
    if (!declared) return prefix([`status not declared in the manifest (declared: ${Object.keys(route.docs.responses).join(', ')})`]);
    if (route.path === '$default') {
      // The catch-all answers in the envelope of the surface the path belongs to (functions/system/not-found.ts).
      if (within(path, '/e')) return prefix(checkContent('system', `$default ${response.status}`, response, { 'text/html': {} }));
      const surface = within(path, '/api/v1') ? 'eventlite' : within(path, '/v1') ? 'planninghub' : undefined;
      const errorSchema = surface && { $ref: `#/components/schemas/${surface === 'eventlite' ? 'Error' : 'PlanningHubError'}` };
      return prefix(checkContent(surface ?? 'system', `$default ${surface} ${response.status}`, response, { 'application/json': errorSchema ? { schema: errorSchema } : {} }));
    }
    const content = declared.contentType ? { [declared.contentType]: {} } : undefined;
    return prefix(checkContent('system', `${method} ${route.path} ${response.status}`, response, content));
  }

  return { violations };
}

/** Component references of a document's schema, made absolute against that document's base. */
function rebase(schema: JsonSchema, surface: string): JsonSchema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"https://contract.invalid/${surface}#/components/`));
}

/** Thrown into the test by the checked fetch: the response and every way it departs from the document. */
export class ResponseDriftError extends Error {
  override name = 'ResponseDriftError';
}

/**
 * A fetch that checks every response of the gateway at `baseUrl` (other origins, such as the
 * presigned S3 URLs, and the local runtime's own controls pass unchecked) and throws
 * ResponseDriftError on a response that departs from the contract.
 */
export function contractFetch(
  fetchImpl: typeof fetch,
  baseUrl: () => string,
  contract = responseContract(),
  /** Instead of throwing (to survey every drift of a run at once). */
  report?: (violations: string[]) => void,
): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const base = new URL(baseUrl());
    if (url.origin !== base.origin || within(url.pathname, '/_local') || within(url.pathname, '/.well-known')) return response;
    // CORS preflights are answered by API Gateway's CORS configuration, not by a route.
    if (method === 'OPTIONS' && new Headers(init?.headers ?? request?.headers).has('access-control-request-method')) return response;
    const body = await response.clone().text();
    const found = contract.violations({ method, url: url.pathname + url.search, status: response.status, contentType: response.headers.get('content-type'), body });
    if (found.length && report) report(found);
    else if (found.length) throw new ResponseDriftError(`the response departs from the OpenAPI document:\n  ${found.join('\n  ')}`);
    return response;
  };
}
