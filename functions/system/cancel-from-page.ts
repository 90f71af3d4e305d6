/**
 * POST /e/{slug}/r/{token}/cancel: the private page's cancel form. CSRF: the form carries the
 * registration's own secret value (only its private page shows it), and a browser that says the
 * request comes from another site (Origin, Sec-Fetch-Site) is refused. 303 back to the page.
 */
import { DomainError } from '../../shared/domain/errors.ts';
import { page } from '../../shared/http/page.ts';
import { cancelFromPage, findPublicEvent } from '../../shared/app/registrations/public.ts';

/** Fetch metadata first (every current browser sends it); else the Origin, when it names another host. */
function crossSite(origin: string | undefined, host: string | undefined, fetchSite: string | undefined): boolean {
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export const handler = page(async ({ event, form, header }) => {
  const found = await findPublicEvent(event.pathParameters?.slug ?? '');
  const token = event.pathParameters?.token ?? '';
  if (crossSite(header('origin'), header('host'), header('sec-fetch-site'))) throw DomainError.of('forbidden', 'FORBIDDEN_CSRF');
  await cancelFromPage(found, token, form.get('csrf') ?? '');
  return { statusCode: 303, headers: { Location: `/e/${found.slug}/r/${token}`, 'Cache-Control': 'no-store', 'Referrer-Policy': 'same-origin' } };
});
