/** PlanningHub routes, calendar area: the technician's secret iCalendar feed (docs/documents.md). */
import * as z from 'zod';
import { errorDoc, planningHubRoutes } from './common.ts';

const feedUrl = z
  .object({ url: z.string().describe('Secret: anyone holding it reads your shifts. Revoke with DELETE.'), webcal_url: z.string() })
  .meta({ id: 'CalendarFeedUrl' });

export const calendarRoutes = planningHubRoutes({ tag: 'PlanningHub: calendar' }, [
  {
    id: 'GetCalendarFeedUrl',
    method: 'GET',
    path: '/v1/users/me/calendar',
    docs: {
      summary: "The caller's secret calendar feed URL (made on first call)",
      description: 'Subscribe a phone calendar to it: the feed answers `text/calendar` with the caller\'s shifts of this organisation, from 60 days back, without other authentication.',
      responses: { 200: { description: 'The feed URL', schema: feedUrl } },
    },
  },
  {
    id: 'RevokeCalendarFeed',
    method: 'DELETE',
    path: '/v1/users/me/calendar',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Revoke the calendar feed: its URL stops answering; the next GET makes a new one',
      description: 'The secret URL answers 404 from then on; the next GET /v1/users/me/calendar makes a new one.',
      responses: { 204: { description: 'Revoked (or there was none)' } },
    },
  },
  {
    id: 'GetCalendarFeed',
    method: 'GET',
    path: '/v1/calendar/{secret}',
    auth: 'none',
    rateClass: 'none',
    access: { table: 'read' },
    docs: {
      summary: 'The iCalendar feed behind a secret URL (no other authentication)',
      description:
        "The holder of the secret's shifts in that organisation from 60 days back (call time to end; SEQUENCE = the shift's version, so calendars update events in place). Not rate limited: a 256-bit secret is not guessed. A member removed from the organisation stops getting it.",
      request: { params: z.object({ secret: z.string().describe('The secret of GET /v1/users/me/calendar') }) },
      responses: { 200: { description: 'text/calendar (RFC 5545)', contentType: 'text/calendar' }, 404: errorDoc('Unknown or revoked feed') },
    },
  },
]);
