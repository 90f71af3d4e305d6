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

export interface ResponseDoc {
  description: string;
  schema?: z.core.$ZodType;
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
  /** The errors of every route that accepts an Idempotency-Key (422 reused with another body, 409 still running); a route's own responses override them. */
  idempotencyErrors?: Record<number, ResponseDoc>;
}

/** The naming rule: `GetCurrentUser` -> `get-current-user`. */
export const kebabCase = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

export const entryOf = (surface: Surface, id: string) => `functions/${surface}/${kebabCase(id)}.ts`;

/** The API Gateway route key of a route, as `event.routeKey` carries it. */
export const routeKeyOf = (route: Pick<RouteDefinition, 'method' | 'path'>) => (route.path === '$default' ? '$default' : `${route.method} ${route.path}`);

const policyNotes = (route: Pick<RouteDefinition, 'rateClass' | 'idempotent'>) =>
  [route.rateClass === 'critical' ? 'Critical rate class (20/min).' : '', route.idempotent ? 'Accepts Idempotency-Key.' : ''].filter(Boolean);

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
        responses: {
          ...(auth === 'required' ? defaults.authenticatedErrors : {}),
          ...(docs.request?.body ? defaults.bodyErrors : {}),
          ...(route.idempotent ? defaults.idempotencyErrors : {}),
          ...docs.responses,
        },
      },
    };
  });
}
