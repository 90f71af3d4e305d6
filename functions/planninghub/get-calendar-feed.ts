/**
 * The iCalendar feed behind a secret URL: no other authentication (a phone calendar cannot send
 * headers). Built from the pipeline's middleware rather than endpoint(), which always answers JSON.
 */
import middy from '@middy/core';
import { cors, errorEnvelope, requestScope, type RequestScope } from '../../shared/http/middlewares.ts';
import type { ApiEvent, ApiResult, Context } from '../../shared/http/types.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { calendarOfFeed } from '../../shared/app/calendar/calendar-feed.ts';

export const handler = middy<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>()
  .use(requestScope({ surface: 'planninghub' }))
  .use(errorEnvelope({ surface: 'planninghub' }))
  .use(cors())
  .handler(async (event) => {
    const host = event.requestContext?.domainName ?? event.headers?.host ?? 'planninghub';
    const calendar = await calendarOfFeed(event.pathParameters?.secret ?? '', host.replace(/:\d+$/, ''));
    if (calendar === null) throw DomainError.of('not_found', 'NOT_FOUND.calendar_feed');
    return {
      statusCode: 200,
      headers: { 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' },
      body: calendar,
    };
  });
