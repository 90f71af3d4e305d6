/** GET /e/{slug}/calendar.ics: the event for calendar applications (RFC 5545). */
import { baseUrlOf, etagOf, notModified, page } from '../../shared/http/page.ts';
import { findPublicEvent } from '../../shared/app/registrations/public.ts';
import { eventCalendar } from '../../shared/views/pages/calendar.ts';

export const handler = page(async ({ event, header }) => {
  const found = await findPublicEvent(event.pathParameters?.slug ?? '');
  const base = baseUrlOf(event);
  const text = eventCalendar(found, `${base}/e/${found.slug}`, new URL(base).hostname);
  const etag = etagOf(text);
  const headers = {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `attachment; filename="${found.slug}.ics"`,
    'Cache-Control': 'public, max-age=300',
    ETag: etag,
  };
  if (notModified(header('if-none-match'), etag)) return { statusCode: 304, headers };
  return { statusCode: 200, text, headers };
});
