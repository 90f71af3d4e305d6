/**
 * endpoint(): the one way a handler is built. Middleware first, handler last, so the parsed and
 * typed input flows into the handler: (params, query, body) validated by zod, the caller's
 * principal resolved, the response shaped as JSON.
 */
import middy from '@middy/core';
import type { z } from 'zod';
import fr from 'zod/v4/locales/fr.js';
import en from 'zod/v4/locales/en.js';
import { HttpError, validationError, type FieldIssue, type Language, type LocalisedMessage } from './errors.ts';
import { cors, errorEnvelope, headerOf, jsonBody, requestScope, type RequestScope } from './middlewares.ts';
import type { ApiEvent, ApiResult, Context, Principal, Surface } from './types.ts';

const localeErrors = { fr: fr().localeError, en: en().localeError };

/** The seed's 401 messages, per surface. */
const unauthorised: Record<Surface, LocalisedMessage> = {
  eventlite: 'Unauthorized - Invalid or missing API key',
  planninghub: { fr: 'Authentification requise : jeton absent, invalide ou expiré', en: 'Authentication required: missing, invalid or expired token' },
  system: 'Unauthorized',
};

const notMember: Record<Surface, LocalisedMessage> = {
  eventlite: 'Forbidden - You are not a member of this organization',
  planninghub: { fr: "Accès refusé : vous n'êtes pas membre de cette organisation", en: 'Forbidden: you are not a member of this organisation' },
  system: 'Forbidden',
};

export interface EndpointSpec<P extends z.ZodType | undefined, Q extends z.ZodType | undefined, B extends z.ZodType | undefined> {
  surface: Surface;
  /** Default true: anonymous callers get the surface's 401. */
  auth?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  maxBodyBytes?: number;
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

/** Reads the authorizer's verdict; refuses anonymous callers before the body is even parsed. */
const authenticate = (options: { surface: Surface; required: boolean }): middy.MiddlewareObj<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }> => ({
  before: ({ event, context }) => {
    const scope = context.scope!;
    const auth = event.requestContext?.authorizer?.lambda;
    if (auth && auth.principal === 'user') {
      if (!auth.member) throw new HttpError(403, 'FORBIDDEN', notMember[options.surface]);
      scope.principal = {
        userId: auth.userId,
        organizationId: auth.organizationId,
        authType: auth.authType,
        apiKeyId: auth.apiKeyId,
        roles: auth.roles ? auth.roles.split(',') : [],
      };
      scope.log = scope.log.child({ userId: auth.userId, organizationId: auth.organizationId });
    } else if (options.required) {
      throw new HttpError(401, 'UNAUTHORIZED', unauthorised[options.surface], {
        headers: options.surface === 'planninghub' ? { 'WWW-Authenticate': 'Bearer' } : undefined,
      });
    }
  },
});

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
    .use(authenticate({ surface: spec.surface, required: requireAuth }))
    .use(jsonBody({ maxBytes: spec.maxBodyBytes }))
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
