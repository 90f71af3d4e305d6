/**
 * POST /e/{slug}/register (the page's form): 303 to the new registration's private page, or the
 * page again with the errors next to their fields and the values kept. A filled honeypot is a
 * bot: it is sent back to the page without registering anything.
 */
import { baseUrlOf, page } from '../../shared/http/page.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { registrationFormErrors } from '../../shared/domain/registration.ts';
import { message } from '../../shared/messages/catalogue.ts';
import { findByToken, findPublicEvent, registerFromPage } from '../../shared/app/registrations/public.ts';
import { eventPage, type FormState } from '../../shared/views/pages/event-page.ts';

/** The browser's memory of its own registration to this event: a second submission finds it again. */
const cookieName = (eventId: string) => `elr_${eventId.replace(/[^A-Za-z0-9_]/g, '')}`;

export const handler = page(async ({ event, lang, form, cookie, scope }) => {
  const slug = event.pathParameters?.slug ?? '';
  const found = await findPublicEvent(slug);
  const eventPath = `/e/${found.slug}`;
  if ((form.get('website') ?? '') !== '') {
    scope.log.info('honeypot filled', { eventId: found.id });
    return { statusCode: 303, headers: { Location: eventPath, 'Cache-Control': 'no-store' } };
  }
  const values = { name: (form.get('name') ?? '').slice(0, 500), email: (form.get('email') ?? '').slice(0, 500), consent: form.get('consent') === 'yes' };
  const invalid = registrationFormErrors(values);
  const rerender = (statusCode: number, state: FormState) => ({ statusCode, html: eventPage(found, lang, baseUrlOf(event), state), headers: { 'Cache-Control': 'no-store' } });
  if (Object.keys(invalid).length > 0) {
    const errors = Object.fromEntries(Object.entries(invalid).map(([field, key]) => [field, message(key)[lang]]));
    return rerender(400, { values, errors });
  }
  try {
    const outcome = await registerFromPage(found, values);
    if (outcome.kind === 'duplicate') {
      const known = cookie(cookieName(found.id));
      const mine = known ? await findByToken(found, known).catch(() => null) : null;
      if (mine && mine.id === outcome.registrationId) return { statusCode: 303, headers: { Location: `${eventPath}/r/${known}`, 'Cache-Control': 'no-store' } };
      return rerender(409, { values, errors: {}, notice: message('ALREADY_REGISTERED')[lang] });
    }
    const secure = baseUrlOf(event).startsWith('https:') ? '; Secure' : '';
    return {
      statusCode: 303,
      headers: { Location: `${eventPath}/r/${outcome.token}`, 'Cache-Control': 'no-store' },
      cookies: [`${cookieName(found.id)}=${outcome.token}; Path=${eventPath}; Max-Age=31536000; HttpOnly; SameSite=Lax${secure}`],
    };
  } catch (error) {
    // Full without waitlist, closed or cancelled meanwhile: the page as it is now, with the reason.
    if (error instanceof DomainError && error.kind === 'conflict') {
      const notice = typeof error.localised === 'string' ? error.localised : error.localised[lang];
      const now = await findPublicEvent(slug).catch(() => found);
      return { statusCode: 409, html: eventPage(now, lang, baseUrlOf(event), { values, errors: {}, notice }), headers: { 'Cache-Control': 'no-store' } };
    }
    throw error;
  }
});
