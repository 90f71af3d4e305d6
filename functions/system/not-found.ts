/**
 * API Gateway's `$default` route (and the local gateway's fallback): a path no route serves is a
 * 404, a known path with another method a 405 with `Allow`, in the envelope of the surface the
 * path belongs to, instead of API Gateway's bare `{"message":"Not Found"}`. The known paths
 * come from the generated route table, not from the manifest (no schemas in this bundle).
 */
import middy from '@middy/core';
import { HttpError } from '../../shared/http/errors.ts';
import { cors, errorEnvelope, requestScope, type RequestScope } from '../../shared/http/middlewares.ts';
import { methodsAllowedOn } from '../../shared/http/route-policies.ts';
import type { ApiEvent, ApiResult, Context, Surface } from '../../shared/http/types.ts';
import { errorPage, PAGE_HEADERS } from '../../shared/views/pages/layout.ts';

const within = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

const surfaceOf = (path: string): Surface => (within(path, '/api/v1') ? 'eventlite' : within(path, '/v1') ? 'planninghub' : 'system');

function refusal(event: ApiEvent): HttpError {
  const allowed = methodsAllowedOn(event.rawPath ?? '/');
  if (allowed.length === 0) {
    return HttpError.of(404, 'NOT_FOUND.route');
  }
  return HttpError.of(405, 'METHOD_NOT_ALLOWED', { params: { allowed }, headers: { Allow: allowed.join(', ') } });
}

const pipelineOf = (surface: Surface) =>
  middy<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>()
    .use(requestScope({ surface, route: '$default' }))
    .use(errorEnvelope({ surface }))
    .use(cors())
    .handler(async (event) => {
      throw refusal(event);
    });

const pipelines: Record<Surface, ReturnType<typeof pipelineOf>> = {
  eventlite: pipelineOf('eventlite'),
  planninghub: pipelineOf('planninghub'),
  system: pipelineOf('system'),
};

/** The public pages' paths (/e/...) are for people: an HTML page in their language, not JSON. */
const pagesPipeline = middy<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>()
  .use(requestScope({ surface: 'system', route: '$default' }))
  .handler(async (event, context) => {
    const error = refusal(event);
    const lang = context.scope?.lang ?? 'fr';
    return { statusCode: error.status, headers: { ...PAGE_HEADERS, 'Cache-Control': 'no-store', ...error.headers }, body: errorPage(error.status, error.messageIn(lang), lang) };
  });

export const handler = (event: ApiEvent, context: Context) =>
  within(event.rawPath ?? '/', '/e') ? pagesPipeline(event, context) : pipelines[surfaceOf(event.rawPath ?? '/')](event, context);
