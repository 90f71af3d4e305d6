/** GET /e/{slug}/r/{token}: the registration's private page (never cached, never indexed, its address never sent to another site). */
import { page } from '../../shared/http/page.ts';
import { findByToken, findPublicEvent } from '../../shared/app/registrations/public.ts';
import { registrationPage } from '../../shared/views/pages/registration-page.ts';

export const handler = page(async ({ event, lang }) => {
  const found = await findPublicEvent(event.pathParameters?.slug ?? '');
  const token = event.pathParameters?.token ?? '';
  const registration = await findByToken(found, token);
  return {
    statusCode: 200,
    html: registrationPage(found, registration, token, lang),
    headers: { 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin', 'X-Robots-Tag': 'noindex, nofollow' },
  };
});
