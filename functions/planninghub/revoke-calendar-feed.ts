import { endpoint } from '../../shared/http/endpoint.ts';
import { revokeCalendarFeed } from '../../shared/app/calendar/calendar-feed.ts';

export const handler = endpoint({ surface: 'planninghub' }, async ({ principal }) => {
  await revokeCalendarFeed(principal);
  return { statusCode: 204 };
});
