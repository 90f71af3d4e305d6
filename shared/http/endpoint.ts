/**
 * endpoint(): the one way a handler is built. Middleware first, handler last, so the parsed and
 * typed input flows into the handler: (params, query, body) validated by zod, the caller's
 * principal resolved, the response shaped as JSON.
 */
import middy from '@middy/core';
import type { z } from 'zod';
import { authenticate } from './access.ts';
import { parseWith } from './validation.ts';
import type { MemberRole } from '../domain/roles.ts';
import { cors, errorEnvelope, headerOf, jsonBody, requestScope, securityHeaders, type RequestScope } from './middlewares.ts';
import { rateLimit, rateLimitHeaders, type RateLimitState } from './rate-limit.ts';
import { idempotency, replayOf, type IdempotencyState } from './idempotency.ts';
import type { ApiEvent, ApiResult, Context, Principal, Surface } from './types.ts';
import { withMetrics } from '../observability/metrics.ts';

type PipelineContext = Context & { scope?: RequestScope; rateLimit?: RateLimitState; idempotency?: IdempotencyState };


export interface EndpointSpec<P extends z.core.$ZodType | undefined, Q extends z.core.$ZodType | undefined, B extends z.core.$ZodType | undefined> {
  surface: Surface;
  /** Default true: anonymous callers get the surface's 401. */
  auth?: boolean;
  /**
   * 'none': an authenticated person outside any organisation (JWT only, no X-Organization-ID,
   * no membership; `principal.organizationId` is ''), e.g. the invitee's own invitations.
   */
  organization?: 'required' | 'none';
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
  rawBody?: B extends z.core.$ZodType ? never : true;
}

type Out<T> = T extends z.core.$ZodType ? z.output<T> : undefined;

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
  /** A body sent as it is rather than as JSON (a CSV export); `headers` then give its Content-Type. */
  text?: string;
}

export function endpoint<
  P extends z.core.$ZodType | undefined = undefined,
  Q extends z.core.$ZodType | undefined = undefined,
  B extends z.core.$ZodType | undefined = undefined,
  A extends boolean = true,
>(
  spec: EndpointSpec<P, Q, B> & { auth?: A },
  handler: (input: EndpointInput<Out<P>, Out<Q>, Out<B>, A>) => Promise<Reply>,
) {
  const requireAuth = spec.auth !== false;
  const idempotent = idempotency({ surface: spec.surface });
  // Before phase, in order: requestScope -> errorEnvelope -> cors -> authenticate -> rateLimit ->
  // jsonBody -> idempotency guard -> handler. Middy runs after/onError hooks in reverse order of
  // registration, so rateLimitHeaders and the idempotency recorder, registered ahead of
  // errorEnvelope (their before hooks only reset per-request state), see the response it shaped:
  // the idempotency record holds exactly what the client received (4xx errors included), and
  // error responses carry the RateLimit-* headers too.
  const pipeline = middy<ApiEvent, ApiResult, Error, PipelineContext>()
    .use(requestScope({ surface: spec.surface }))
    // Its after/onError hooks run after every other but requestScope's: the final response, errors
    // and replays included, and after the idempotency recorder (a stored answer is not "no-store").
    .use(securityHeaders({ authenticated: requireAuth }))
    .use(rateLimitHeaders())
    .use(idempotent.recorder)
    .use(errorEnvelope({ surface: spec.surface }))
    .use(cors())
    .use(
      authenticate({
        surface: spec.surface,
        required: requireAuth,
        organizationHeader: spec.surface === 'planninghub' && requireAuth && spec.organization !== 'none',
        roles: spec.roles,
        organization: spec.organization,
      }),
    )
    // Counted before the body is read, so a flood of malformed bodies still uses up the limit.
    .use(rateLimit({ surface: spec.surface }))
    .use(jsonBody({ maxBytes: spec.maxBodyBytes, raw: spec.rawBody === true }))
    .use(idempotent.guard)
    .handler(async (event, context) => {
      // A replay goes through the same after phase as a first answer (CORS, request id, rate headers).
      const replay = replayOf(context);
      if (replay) return replay;
      const scope = context.scope!;
      const principal = scope.principal;
      const params = spec.params ? parseWith(spec.params, event.pathParameters ?? {}, scope.lang) : undefined;
      const query = spec.query ? parseWith(spec.query, event.queryStringParameters ?? {}, scope.lang) : undefined;
      const body = spec.body ? parseWith(spec.body, scope.body ?? {}, scope.lang) : undefined;
      const reply = await handler({
        params: params as Out<P>,
        query: query as Out<Q>,
        body: body as Out<B>,
        principal: principal as EndpointInput<Out<P>, Out<Q>, Out<B>, A>['principal'],
        headers: (name) => headerOf(event, name),
        scope,
        event,
      });
      if (reply.text !== undefined) return { statusCode: reply.statusCode, headers: { ...reply.headers }, body: reply.text };
      return {
        statusCode: reply.statusCode,
        headers: { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers },
        body: reply.body === undefined ? '' : JSON.stringify(reply.body),
      };
    });
  // Each invocation counts its own domain metrics, even when the local runtime runs several at once.
  return Object.assign((event: ApiEvent, context: Context) => withMetrics(() => pipeline(event, context)), { pipeline });
}
