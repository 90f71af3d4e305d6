/**
 * endpoint(): the one way a handler is built. Middleware first, handler last, so the parsed and
 * typed input flows into the handler: (params, query, body) validated by zod, the caller's
 * principal resolved, the response shaped as JSON.
 */
import middy from '@middy/core';
import type { z } from 'zod';
import fr from 'zod/v4/locales/fr.js';
import en from 'zod/v4/locales/en.js';
import { validationError, type FieldIssue, type Language } from './errors.ts';
import { authenticate } from './access.ts';
import type { MemberRole } from '../domain/roles.ts';
import { cors, errorEnvelope, headerOf, jsonBody, requestScope, type RequestScope } from './middlewares.ts';
import type { ApiEvent, ApiResult, Context, Principal, Surface } from './types.ts';

const localeErrors = { fr: fr().localeError, en: en().localeError };

export interface EndpointSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  surface: Surface;
  /** Default true: anonymous callers get the surface's 401. */
  auth?: boolean;
  /** Roles allowed to call (admins always may); omitted = any member of the organisation. */
  roles?: readonly MemberRole[];
  params?: P;
  query?: Q;
  body?: B;
  maxBodyBytes?: number;
  /**
   * Skip JSON parsing (only `maxBodyBytes` is enforced): the handler reads `event.body` and
   * `event.isBase64Encoded` itself, e.g. for multipart/form-data. Not combined with `body`.
   */
  rawBody?: B extends z.ZodType ? never : true;
}

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface EndpointInput<P, Q, B, A extends boolean> {
  params: P;
  query: Q;
  body: B;
  principal: A extends false ? Principal | undefined : Principal;
  headers: (name: string) => string | undefined;
  scope: RequestScope;
  event: ApiEvent;
}

export interface Reply {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, lang: Language, prefix: string): z.output<T> {
  const result = schema.safeParse(value, { error: localeErrors[lang] });
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [prefix, path, key].filter(Boolean).join('.'), message: issue.message }));
    }
    return [{ field: [prefix, path].filter(Boolean).join('.') || prefix || '(root)', message: issue.message }];
  });
  throw validationError(issues);
}

export function endpoint<
  P extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  A extends boolean = true,
>(
  spec: EndpointSpec<P, Q, B> & { auth?: A },
  handler: (input: EndpointInput<Out<P>, Out<Q>, Out<B>, A>) => Promise<Reply>,
) {
  const requireAuth = spec.auth !== false;
  return middy<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>()
    .use(requestScope({ surface: spec.surface }))
    .use(errorEnvelope({ surface: spec.surface }))
    .use(cors())
    .use(authenticate({ surface: spec.surface, required: requireAuth, organizationHeader: spec.surface === 'planninghub' && requireAuth, roles: spec.roles }))
    .use(jsonBody({ maxBytes: spec.maxBodyBytes, raw: spec.rawBody === true }))
    .handler(async (event, context) => {
      const scope = context.scope!;
      const principal = scope.principal;
      const params = spec.params ? parseWith(spec.params, event.pathParameters ?? {}, scope.lang, '') : undefined;
      const query = spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, scope.lang, '') : undefined;
      const body = spec.body ? parseWith(spec.body, scope.body ?? {}, scope.lang, '') : undefined;
      const reply = await handler({
        params: params as Out<P>,
        query: query as Out<Q>,
        body: body as Out<B>,
        principal: principal as EndpointInput<Out<P>, Out<Q>, Out<B>, A>['principal'],
        headers: (name) => headerOf(event, name),
        scope,
        event,
      });
      return {
        statusCode: reply.statusCode,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers },
        body: reply.body === undefined ? '' : JSON.stringify(reply.body),
      };
    });
}
