/**
 * What a route is, and the one builder every surface's routes go through. A surface file
 * (lib/routes/eventlite.ts, lib/routes/planninghub/*.ts, lib/routes/system.ts) declares only
 * what differs from its surface's defaults; the builder fills in the rest, so the entry file,
 * the auth mode, the standard error responses, the rate class and idempotency cannot drift
 * from one route to the next.
 */
import type { z } from 'zod';
import type { BucketName, TopicName } from '../table.ts';
import type { RateClass } from '../../shared/http/route-policies.ts';

export type { RateClass };
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Surface = 'eventlite' | 'planninghub' | 'system';
/** `required`: the Lambda authorizer runs and the handler refuses anonymous callers. */
export type AuthMode = 'none' | 'required';
export type Access = 'read' | 'readwrite';

export interface HeaderDoc {
  description: string;
  schema: { type: 'integer' | 'string'; minimum?: number };
  required?: boolean;
}

export interface ResponseDoc {
  description: string;
  schema?: z.core.$ZodType;
  /** Response headers the client acts on (Retry-After on 429). */
  headers?: Record<string, HeaderDoc>;
  /** A body other than JSON (text/csv, text/calendar, text/html): its media type, declared with a string schema. */
  contentType?: string;
}

export interface RouteDocs {
  summary: string;
  description?: string;
  tags: string[];
  request?: { params?: z.core.$ZodType; query?: z.core.$ZodType; body?: z.core.$ZodType };
  responses: Record<number, ResponseDoc>;
}

export interface RouteDefinition {
  /** PascalCase, unique: the CDK construct id, the OpenAPI operationId and (kebab-case) the handler file. */
  id: string;
  /** `ANY` only for the `$default` catch-all. */
  method: HttpMethod | 'ANY';
  /** API Gateway route path, parameters in braces; `$default` for the catch-all. */
  path: string;
  /** Handler module relative to the project root, `functions/<surface>/<kebab-case id>.ts`; it exports `handler`. */
  entry: string;
  surface: Surface;
  auth: AuthMode;
  /** The limit the request is counted against (docs/rate-limits.md). */
  rateClass: RateClass;
  /** Accepts an `Idempotency-Key` header (docs/idempotency.md). */
  idempotent: boolean;
  /** What the function may touch; the stack grants exactly this (least privilege). */
  access: {
    table?: Access;
    topics?: TopicName[];
    buckets?: Partial<Record<BucketName, Access>>;
  };
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Gets the Auth0 login configuration (AUTH0_DOMAIN, AUTH0_CLIENT_ID...) from the stack. */
  usesIdentityProvider?: true;
  /**
   * Signs or verifies QR check-in links: the stack passes CHECKIN_TOKEN_SECRET_ARN, grants reading
   * that secret, and adds the Parameters and Secrets extension the function reads it through.
   */
  usesCheckinSecret?: true;
  docs: RouteDocs;
}

/** What a surface file writes for one route: everything the builder cannot derive. */
export type RouteSpec = Pick<RouteDefinition, 'id' | 'method' | 'path'> &
  Partial<Omit<RouteDefinition, 'id' | 'method' | 'path' | 'entry' | 'surface' | 'docs'>> & {
    docs: Omit<RouteDocs, 'tags'> & { tags?: string[] };
  };

/** What a surface (or one area of it) shares. */
export interface SurfaceDefaults {
  surface: Surface;
  tag: string;
  auth: AuthMode;
  rateClass: RateClass;
  /** The error responses of every authenticated route of the surface; a route's own responses override them. */
  authenticatedErrors: Record<number, ResponseDoc>;
  /** Table access by method when a route declares none: reads read, the rest write. */
  tableAccess: boolean;
  /** The errors of every route that takes a JSON body (415 for another Content-Type); a route's own responses override them. */
  bodyErrors?: Record<number, ResponseDoc>;
  /**
   * The surface's error response: given, the errors the pipeline itself answers (pipelineErrors)
   * are derived from each route's declaration and documented with it.
   */
  errorDoc?: (description: string) => ResponseDoc;
}

/** The naming rule: `GetCurrentUser` -> `get-current-user`. */
export const kebabCase = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export const entryOf = (surface: Surface, id: string) => `functions/${surface}/${kebabCase(id)}.ts`;

/** The API Gateway route key of a route, as `event.routeKey` carries it. */
export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) => (route.path === '$default' ? '$default' : `${route.method} ${route.path}`);

const policyNotes = (route: Pick<RouteDefinition, 'rateClass' | 'idempotent'>) =>
  [route.rateClass === 'critical' ? 'Critical rate class (20/min).' : '', route.idempotent ? 'Accepts Idempotency-Key.' : ''].filter(Boolean);

const retryAfter: HeaderDoc = { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 }, required: true };
const rateLimitHeaders: Record<string, HeaderDoc> = {
  'Retry-After': retryAfter,
  'RateLimit-Limit': { description: 'Requests allowed in the window', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Remaining': { description: 'Requests left in the window', schema: { type: 'integer', minimum: 0 } },
  'RateLimit-Reset': { description: 'Seconds until the window resets', schema: { type: 'integer', minimum: 0 } },
};

/**
 * The answers shared/http/endpoint.ts gives on its own, whatever the handler: derived from what the
 * route declares, so that a route cannot leave one out. 400 for a path, query or body the schema
 * refuses or a malformed Idempotency-Key; 409 and 422 for an Idempotency-Key still in flight or
 * reused with another request (docs/idempotency.md); 429 past the rate class's limit
 * (docs/rate-limits.md); 500 for a fault of ours.
 */
function pipelineErrors(route: Pick<RouteDefinition, 'rateClass' | 'idempotent'>, request: RouteDocs['request'], errorDoc: (description: string) => ResponseDoc) {
  const errors: Record<number, ResponseDoc> = {};
  if (request?.params || request?.query || request?.body || route.idempotent) errors[400] = errorDoc('Invalid data (the field is named in the details)');
  if (route.rateClass !== 'none') errors[429] = { ...errorDoc('Too many requests for the rate class; wait Retry-After seconds'), headers: rateLimitHeaders };
  errors[500] = errorDoc('Unexpected failure on our side (the body carries a request id to quote)');
  return errors;
}

/** Appended to a route's own 409 and 422: the Idempotency-Key answers of every idempotent route. */
const idempotencyErrors = {
  409: { text: 'IDEMPOTENCY_IN_PROGRESS: a request with this Idempotency-Key is still running (Retry-After)', headers: { 'Retry-After': { ...retryAfter, required: false } } },
  422: { text: 'IDEMPOTENCY_KEY_REUSED: this Idempotency-Key was used with another request', headers: {} },
};

/** Later layers win, except that headers add up (a route's own 429 keeps the rate headers). */
function mergeResponses(...layers: Record<number, ResponseDoc>[]) {
  const merged: Record<number, ResponseDoc> = {};
  for (const layer of layers) {
    for (const [status, response] of Object.entries(layer)) {
      const headers = { ...merged[Number(status)]?.headers, ...response.headers };
      merged[Number(status)] = { ...merged[Number(status)], ...response, ...(Object.keys(headers).length ? { headers } : {}) };
    }
  }
  return merged;
}

export function defineRoutes(defaults: SurfaceDefaults, specs: RouteSpec[]): RouteDefinition[] {
  return specs.map(({ docs, ...spec }) => {
    const auth = spec.auth ?? defaults.auth;
    const route = {
      ...spec,
      entry: entryOf(defaults.surface, spec.id),
      surface: defaults.surface,
      auth,
      rateClass: spec.rateClass ?? defaults.rateClass,
      // Every POST creates or acts once; retrying one without a key could do it twice.
      idempotent: spec.idempotent ?? spec.method === 'POST',
      access: spec.access ?? (defaults.tableAccess ? { table: spec.method === 'GET' ? 'read' : 'readwrite' } : {}),
    } satisfies Omit<RouteDefinition, 'docs'>;
    const description = [docs.description, ...policyNotes(route)].filter(Boolean).join(' ');
    return {
      ...route,
      docs: {
        ...docs,
        ...(description ? { description } : {}),
        tags: docs.tags ?? [defaults.tag],
        responses: responsesOf(route, docs, defaults),
      },
    };
  });
}

function responsesOf(route: Pick<RouteDefinition, 'auth' | 'rateClass' | 'idempotent'>, docs: RouteSpec['docs'], defaults: SurfaceDefaults): Record<number, ResponseDoc> {
  const responses = mergeResponses(
    defaults.errorDoc ? pipelineErrors(route, docs.request, defaults.errorDoc) : {},
    route.auth === 'required' ? defaults.authenticatedErrors : {},
    docs.request?.body ? (defaults.bodyErrors ?? {}) : {},
    docs.responses,
  );
  if (defaults.errorDoc && route.idempotent) {
    for (const [status, { text, headers }] of Object.entries(idempotencyErrors)) {
      const own = responses[Number(status)];
      responses[Number(status)] = own
        ? { ...own, description: `${own.description}; ${text}`, headers: { ...headers, ...own.headers } }
        : { ...defaults.errorDoc(text), headers };
    }
  }
  return responses;
}
