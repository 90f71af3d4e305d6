/** GET /e/{slug}: the public event page (HTML), cacheable for a short while, 304 on a matching ETag. */
import { baseUrlOf, etagOf, notModified, page } from '../../shared/http/page.ts';
import { findPublicEvent } from '../../shared/app/registrations/public.ts';
import { eventPage } from '../../shared/views/pages/event-page.ts';

export const handler = page(async ({ event, lang, header }) => {
  const found = await findPublicEvent(event.pathParameters?.slug ?? '');
  const html = eventPage(found, lang, baseUrlOf(event));
  const etag = etagOf(html);
  // Short: the places left move with every registration; the language changes the bytes.
  const caching = { ETag: etag, 'Cache-Control': 'public, max-age=30', Vary: 'Accept-Language' };
  if (notModified(header('if-none-match'), etag)) return { statusCode: 304, headers: caching };
  return { statusCode: 200, html, headers: caching };
});
