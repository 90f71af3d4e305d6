/**
 * The request pipeline as small middy middleware factories, each with defaults. Order (before
 * phase): requestScope -> errorEnvelope -> cors -> jsonBody -> (validation + auth in endpoint()).
 */
import type middy from '@middy/core';
import { randomUUID } from 'node:crypto';
import { detailsIn, HttpError, isHttpError, statusOfKind, type Language } from './errors.ts';
import { createLogger, writeMetrics, type Logger } from './logger.ts';
import { DomainError, type DomainErrorKind } from '../domain/errors.ts';
import { config } from '../config.ts';
import { collected, emfDocuments, recordMetric } from '../observability/metrics.ts';

import type { ApiEvent, ApiResult, Context, Principal, Surface } from './types.ts';
import { corsHeaders } from './cors.ts';

export interface RequestScope {
  requestId: string;
  lang: Language;
  log: Logger;
  startedAt: number;
  /** Parsed JSON body, when the request carried one. */
  body?: unknown;
  /** The authenticated caller, when there is one. */
  principal?: Principal;
  /** The event context named by X-Event-ID, checked to belong to the caller's organisation. */
  eventId?: string;
}

type Request = middy.Request<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>;
type Middleware = middy.MiddlewareObj<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>;

const rootLogger = createLogger();
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export const headerOf = (event: ApiEvent, name: string): string | undefined => {
  const headers = event.headers ?? {};
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) if (key.toLowerCase() === wanted) return headers[key];
  return undefined;
};

export const languageOf = (event: ApiEvent): Language =>
  (headerOf(event, 'accept-language') ?? '').trim().toLowerCase().startsWith('en') ? 'en' : 'fr';

/** Request id (client's X-Request-Id when well-formed, else the gateway's), language, logger, access log. */
export const requestScope = (options: { surface: Surface; route?: string }): Middleware => ({
  before: (request: Request) => {
    const { event, context } = request;
    const clientId = headerOf(event, 'x-request-id');
    const requestId = clientId && REQUEST_ID.test(clientId) ? clientId : event.requestContext?.requestId ?? randomUUID();
    const route = options.route ?? event.routeKey;
    const metrics = collected();
    if (metrics) metrics.route = route;
    // The trace id and Lambda's own request id join every line, so that a log line leads to its
    // X-Ray trace and to the invocation's REPORT line (docs/operations.md, "Tracing").
    const traceId = config.traceId;
    context.scope = {
      requestId,
      lang: languageOf(event),
      log: rootLogger.child({
        requestId,
        ...(context.awsRequestId ? { awsRequestId: context.awsRequestId } : {}),
        ...(traceId ? { traceId } : {}),
        surface: options.surface,
        route,
      }),
      startedAt: Date.now(),
    };
  },
  after: (request: Request) => finish(request),
  onError: (request: Request) => {
    if (request.response) finish(request);
  },
});

function finish(request: Request) {
  const scope = request.context.scope;
  if (!scope || !request.response) return;
  request.response.headers = { ...request.response.headers, 'X-Request-Id': scope.requestId };
  scope.log.info('request', {
    method: request.event.requestContext?.http?.method,
    path: request.event.rawPath,
    status: request.response.statusCode,
    durationMs: Date.now() - scope.startedAt,
  });
  flushMetrics(scope);
}

/** The request's domain metrics as EMF lines (shared/observability/metrics.ts), written once. */
function flushMetrics(scope: RequestScope) {
  const metrics = collected();
  if (!metrics || metrics.samples.length === 0) return;
  const samples = metrics.samples.splice(0);
  const traceId = config.traceId;
  writeMetrics(emfDocuments(samples, { Stage: config.stage }, { message: 'metrics', requestId: scope.requestId, ...(traceId ? { traceId } : {}) }));
}

/** Refusals the operators follow (docs/operations.md): counted from the domain error itself. */
function countRefusal(error: DomainError) {
  if (error.code === 'LABOR_LAW_VIOLATION') {
    const rules = new Set((Array.isArray(error.details) ? error.details : []).map((detail) => String((detail as { rule?: unknown }).rule ?? 'unknown')));
    for (const rule of rules) recordMetric('LabourLawRefusals', 1, { Rule: rule });
  } else if (error.code.startsWith('RESOURCE_CONFLICT')) {
    recordMetric('BookingConflicts');
  }
}

/** Formats any failure in the surface's envelope. Unexpected errors: generic 500, stack in the logs only. */
export const errorEnvelope = (options: { surface: Surface }): Middleware => ({
  onError: (request: Request) => {
    const scope = request.context.scope;
    const lang = scope?.lang ?? 'fr';
    const requestId = scope?.requestId ?? request.context.awsRequestId;
    const error = request.error;
    let httpError: HttpError;
    if (error instanceof DomainError) {
      httpError = new HttpError(statusOfKind[error.kind], error.code, error.localised, { details: error.details, cause: error });
      scope?.log.info('request refused', { code: error.code, status: httpError.status });
      countRefusal(error);
    } else if (isHttpError(error)) {
      httpError = error;
      if (error.status >= 500) scope?.log.error('request failed', { error });
      else scope?.log.info('request refused', { code: error.code, status: error.status });
    } else {
      scope?.log.error('unexpected error', { error });
      httpError = HttpError.of(500, 'INTERNAL_ERROR');
    }
    const message = httpError.messageIn(lang);
    const details = detailsIn(httpError.details, lang);
    const withRequestId = httpError.status >= 500;
    const body =
      options.surface === 'planninghub'
        ? {
            error: {
              code: httpError.code,
              message,
              ...(details !== undefined ? { details } : {}),
              ...(withRequestId ? { request_id: requestId } : {}),
            },
          }
        : {
            error: message,
            ...(details !== undefined ? { details } : {}),
            ...(withRequestId ? { requestId } : {}),
          };
    request.response = {
      statusCode: httpError.status,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...corsHeaders, ...httpError.headers },
      body: JSON.stringify(body),
    };
  },
});

/**
 * OWASP API8 response headers, on every answer (errors included): `nosniff`, and `no-store` on
 * whatever an authenticated endpoint answers, so that profiles, contracts, rates or check-in
 * tokens never sit in a shared or browser cache. A public endpoint keeps the cache policy it sets
 * (the OpenAPI document, images) and gets `no-store` otherwise.
 */
export const securityHeaders = (options: { authenticated: boolean }): Middleware => {
  const apply = (request: Request) => {
    const response = request.response;
    if (!response) return;
    const headers: Record<string, string | number | boolean> = { ...response.headers };
    const cacheControl = Object.keys(headers).find((name) => name.toLowerCase() === 'cache-control');
    if (cacheControl && options.authenticated) delete headers[cacheControl];
    response.headers = {
      ...headers,
      ...(cacheControl && !options.authenticated ? {} : { 'Cache-Control': 'no-store' }),
      'X-Content-Type-Options': 'nosniff',
    };
  };
  return { after: apply, onError: apply };
};

/** CORS response headers (API Gateway answers the preflight from the same policy). */
export const cors = (): Middleware => ({
  after: (request: Request) => {
    if (request.response) request.response.headers = { ...corsHeaders, ...request.response.headers };
  },
});

/** Deeper bodies are refused before parsing: DynamoDB nests 32 levels, and recursive walks (zod, marshalling) must not overflow. */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of arrays and objects in a JSON text, read in one pass without recursion
 * (a recursive walk would itself overflow on the input it guards against); brackets inside
 * strings do not count. Stops counting past `limit`.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * JSON bodies only: 415 for another content type, 413 past the size limit, 400 for malformed JSON
 * or JSON nested past MAX_JSON_DEPTH.
 * With `raw`, only the size limit applies and the handler reads `event.body` itself (e.g. for
 * multipart uploads).
 */
export const jsonBody = (options: { maxBytes?: number; raw?: boolean } = {}): Middleware => {
  const maxBytes = options.maxBytes ?? 1_048_576;
  const tooLarge = () =>
    HttpError.of(413, 'PAYLOAD_TOO_LARGE', { params: { maxBytes } });
  return {
    before: (request: Request) => {
      const { event, context } = request;
      if (event.body === undefined || event.body === null || event.body === '') return;
      if (options.raw) {
        // Counted on the decoded bytes: a binary body re-read as UTF-8 would be miscounted.
        if (Buffer.byteLength(event.body, event.isBase64Encoded ? 'base64' : 'utf8') > maxBytes) throw tooLarge();
        return;
      }
      const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      if (Buffer.byteLength(raw, 'utf8') > maxBytes) throw tooLarge();
      const contentType = headerOf(event, 'content-type') ?? '';
      if (!JSON_TYPE.test(contentType)) {
        throw HttpError.of(415, 'UNSUPPORTED_MEDIA_TYPE.json');
      }
      if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
        throw HttpError.of(400, 'INVALID_JSON.too_deep', {
          params: { maxDepth: MAX_JSON_DEPTH },
          details: [{ field: '(root)', message: `at most ${MAX_JSON_DEPTH} levels of nesting` }],
        });
      }
      try {
        context.scope!.body = JSON.parse(raw);
      } catch (cause) {
        throw HttpError.of(400, 'INVALID_JSON.malformed', { cause });
      }
    },
  };
};
