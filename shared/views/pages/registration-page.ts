/**
 * A registration's private page (/e/{slug}/r/{token}): its status (and waitlist position), the
 * event's summary and the cancel form. Reached only through its unguessable address, so the
 * page is never cached, indexed or sent as a referrer.
 */
import type { Event } from '../../domain/event.ts';
import type { RegistrationWithPosition } from '../../domain/registration.ts';
import { message } from '../../messages/catalogue.ts';
import type { Language } from '../../messages/define.ts';
import { eventWhen } from './event-page.ts';
import { escapeHtml, htmlDocument } from './layout.ts';

export function registrationPage(event: Event, registration: RegistrationWithPosition, token: string, lang: Language): string {
  const status =
    registration.status === 'CONFIRMED'
      ? message('PAGE.status_confirmed')[lang]
      : registration.status === 'WAITLISTED'
        ? message('PAGE.status_waitlisted', { position: registration.waitlistPosition ?? 0 })[lang]
        : message('PAGE.status_cancelled')[lang];
  const eventPath = `/e/${escapeHtml(event.slug)}`;
  const cancelForm =
    registration.status === 'CANCELLED' || !registration.csrf
      ? ''
      : `<form method="post" action="${eventPath}/r/${escapeHtml(token)}/cancel"><input type="hidden" name="csrf" value="${escapeHtml(registration.csrf)}">` +
        `<button type="submit" class="danger">${escapeHtml(message('PAGE.cancel')[lang])}</button></form>`;
  const eventNotice = event.status === 'CANCELLED' ? `<p><span class="status off">${escapeHtml(message('PAGE.cancelled')[lang])}</span></p>` : '';
  const body =
    `<main><h1>${escapeHtml(message('PAGE.registration')[lang])}</h1>` +
    `<p><span class="status${registration.status === 'CANCELLED' ? ' off' : ''}" id="registration-status">${escapeHtml(status)}</span></p>` +
    `<p>${escapeHtml(message('PAGE.registered_as', { name: registration.name })[lang])}</p>` +
    `<h2>${escapeHtml(event.title)}</h2>${eventNotice}` +
    `<p>${escapeHtml(eventWhen(event, lang))}<br><small>${escapeHtml(message('PAGE.time_zone', { zone: event.timezone })[lang])}</small></p>` +
    (event.mode === 'ONLINE' ? `<p>${escapeHtml(message('PAGE.online')[lang])}</p>` : event.location ? `<p>${escapeHtml(event.location)}</p>` : '') +
    `<p><a href="${eventPath}">${escapeHtml(message('PAGE.home_event')[lang])}</a> · <a href="${eventPath}/calendar.ics">${escapeHtml(message('PAGE.calendar')[lang])}</a></p>` +
    cancelForm +
    `<p><small>${escapeHtml(message('PAGE.keep_link')[lang])}</small></p></main>`;
  return htmlDocument({ lang, title: `${message('PAGE.registration')[lang]} – ${event.title}`, head: '<meta name="robots" content="noindex, nofollow">', body });
}
