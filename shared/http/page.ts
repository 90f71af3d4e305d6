/**
 * page(): the pipeline of the public HTML pages (/e/{slug}...), the pages' counterpart of
 * endpoint(). Same middleware where it applies (request id and logs, security headers, the rate
 * limit counted per source address), but HTML everywhere: answers, and every refusal or failure
 * rendered as an HTML page in the visitor's language, never the API's JSON envelope. Forms are
 * `application/x-www-form-urlencoded`. docs/registrations.md, "Public pages".
 */
import middy from '@middy/core';
import { createHash } from 'node:crypto';
import { config } from '../config.ts';
import { HttpError, isHttpError, statusOfKind, type Language } from './errors.ts';
import { headerOf, requestScope, securityHeaders, type RequestScope } from './middlewares.ts';
import { rateLimit, rateLimitHeaders, type RateLimitState } from './rate-limit.ts';
import { DomainError } from '../domain/errors.ts';
import { errorPage, PAGE_HEADERS } from '../views/pages/layout.ts';
import { message } from '../messages/catalogue.ts';
import type { ApiEvent, ApiResult, Context } from './types.ts';

type PageContext = Context & { scope?: RequestScope; rateLimit?: RateLimitState; form?: URLSearchParams };


export interface PageReply {
  statusCode: number;
  /** The HTML document; absent for redirects and 304. */
  html?: string;
  /** Any other text body (text/calendar); `headers` give its type. */
  text?: string;
  headers?: Record<string, string>;
  cookies?: string[];
}

export interface PageInput {
  event: ApiEvent;
  lang: Language;
  scope: RequestScope;
  /** The form's fields (POST only). */
  form: URLSearchParams;
  header: (name: string) => string | undefined;
  cookie: (name: string) => string | undefined;
}

const MAX_FORM_BYTES = 16 * 1024;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;

export { PAGE_HEADERS };

const htmlErrors = (): middy.MiddlewareObj<ApiEvent, ApiResult, Error, PageContext> => ({
  onError: (request) => {
    const scope = request.context.scope;
    const lang = scope?.lang ?? 'fr';
    const error = request.error;
    let httpError: HttpError;
    if (error instanceof DomainError) httpError = new HttpError(statusOfKind[error.kind], error.code, error.localised, { cause: error });
    else if (isHttpError(error)) httpError = error;
    else {
      scope?.log.error('unexpected error', { error });
      httpError = HttpError.of(500, 'INTERNAL_ERROR');
    }
    if (httpError.status < 500) scope?.log.info('request refused', { code: httpError.code, status: httpError.status });
    // The rate limit's own sentence is the API's (English only); a visitor gets one in their language.
    const text =
      httpError.status === 429
        ? message('RATE_LIMITED_PAGE', { seconds: Number(httpError.headers?.['Retry-After'] ?? 60) })[lang]
        : httpError.messageIn(lang);
    request.response = {
      statusCode: httpError.status,
      headers: { ...PAGE_HEADERS, 'Cache-Control': 'no-store', ...httpError.headers },
      body: errorPage(httpError.status, text, lang),
    };
  },
});

/** Reads the urlencoded form of a POST (415 for another type, 413 past 16 KB). */
const formBody = (): middy.MiddlewareObj<ApiEvent, ApiResult, Error, PageContext> => ({
  before: ({ event, context }) => {
    context.form = new URLSearchParams();
    if (event.body === undefined || event.body === null || event.body === '') return;
    const raw = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    if (Buffer.byteLength(raw, 'utf8') > MAX_FORM_BYTES) throw HttpError.of(413, 'PAYLOAD_TOO_LARGE', { params: { maxBytes: MAX_FORM_BYTES } });
    if (!FORM_TYPE.test(headerOf(event, 'content-type') ?? '')) throw HttpError.of(415, 'UNSUPPORTED_MEDIA_TYPE.form');
    context.form = new URLSearchParams(raw);
  },
});

function cookieOf(event: ApiEvent, name: string): string | undefined {
  const all = event.cookies ?? (headerOf(event, 'cookie') ?? '').split(';');
  for (const cookie of all) {
    const at = cookie.indexOf('=');
    if (at > 0 && cookie.slice(0, at).trim() === name) return cookie.slice(at + 1).trim();
  }
  return undefined;
}

export function page(handler: (input: PageInput) => Promise<PageReply>) {
  return middy<ApiEvent, ApiResult, Error, PageContext>()
    .use(requestScope({ surface: 'system' }))
    .use(securityHeaders({ authenticated: false }))
    .use(rateLimitHeaders())
    .use(htmlErrors())
    .use(rateLimit({ surface: 'system' }))
    .use(formBody())
    .handler(async (event, context) => {
      const scope = context.scope!;
      const reply = await handler({
        event,
        lang: scope.lang,
        scope,
        form: context.form ?? new URLSearchParams(),
        header: (name) => headerOf(event, name),
        cookie: (name) => cookieOf(event, name),
      });
      const body = reply.html ?? reply.text ?? '';
      return {
        statusCode: reply.statusCode,
        headers: { ...(reply.html !== undefined || reply.text === undefined ? PAGE_HEADERS : {}), ...reply.headers },
        ...(reply.cookies?.length ? { cookies: reply.cookies } : {}),
        body,
      };
    });
}

/** The absolute base of links (canonical URL, Open Graph): the configured public URL, else the request's host. */
export function baseUrlOf(event: ApiEvent): string {
  if (config.publicBaseUrl) return config.publicBaseUrl.replace(/\/+$/, '');
  const host = headerOf(event, 'host') ?? event.requestContext?.domainName ?? 'localhost';
  return `${/^(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?$/.test(host) ? 'http' : 'https'}://${host}`;
}

/** A strong validator of a page's bytes, and whether the client already holds them. */
export function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export const notModified = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
