/**
 * The public event page (GET /e/{slug}) and its registration form, server-rendered: dates in the
 * event's time zone in the visitor's language, the description escaped with its paragraphs and
 * links, Open Graph and schema.org Event JSON-LD for previews and search engines.
 */
import { TZDate } from '@date-fns/tz';
import { availabilityOf } from '../../domain/registration.ts';
import { formatWithOffset } from '../../domain/time/local-time.ts';
import type { Event } from '../../domain/event.ts';
import { message } from '../../messages/catalogue.ts';
import type { Language } from '../../messages/define.ts';
import { escapeHtml, htmlDocument } from './layout.ts';

/**
 * Day and month names (locale data, not sentences). Written here rather than taken from date-fns'
 * locales: those carry parsing patterns with non-ASCII letters in regular expressions, which
 * esbuild leaves as they are, and one such character makes V8 hold and scan the whole bundle as
 * UTF-16 (about 10% of a page function's cold start; docs/bench.md). Deterministic too, unlike
 * Intl's wording, which moves with the ICU version.
 */
const WEEKDAYS: Record<Language, readonly string[]> = {
  fr: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Language, readonly string[]> = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

const time = (date: TZDate) => `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
/** "samedi 1 juin 2030 à 20:00" / "Saturday 1 June 2030 at 20:00". */
const dayAndTime = (date: TZDate, lang: Language) => `${WEEKDAYS[lang][date.getDay()]} ${date.getDate()} ${MONTHS[lang][date.getMonth()]} ${date.getFullYear()} ${lang === 'fr' ? 'à' : 'at'} ${time(date)}`;

/** "samedi 1 juin 2030 à 20:00 – 22:00" (same local day) or both ends in full. */
export function eventWhen(event: Pick<Event, 'startAt' | 'endAt' | 'timezone'>, lang: Language): string {
  const start = new TZDate(Date.parse(event.startAt), event.timezone);
  const end = new TZDate(Date.parse(event.endAt), event.timezone);
  const sameDay = start.getFullYear() === end.getFullYear() && start.getMonth() === end.getMonth() && start.getDate() === end.getDate();
  return `${dayAndTime(start, lang)} – ${sameDay ? time(end) : dayAndTime(end, lang)}`;
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/g;

/** Escaped text with its web addresses as links (trailing punctuation left out of them). */
function linkified(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const url = match[0].replace(/[.,;:!?)\]]+$/, '');
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(url)}" rel="nofollow noopener noreferrer">${escapeHtml(url)}</a>`;
    last = match.index + url.length;
  }
  return html + escapeHtml(text.slice(last));
}

/** Paragraphs at blank lines, line breaks kept inside them. */
export function descriptionHtml(description: string): string {
  return description
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `<p>${paragraph.split(/\r?\n/).map(linkified).join('<br>')}</p>`)
    .join('');
}

function mapLink(event: Event): string | null {
  if (event.latitude !== null && event.longitude !== null) {
    return `https://www.openstreetmap.org/?mlat=${event.latitude}&mlon=${event.longitude}#map=17/${event.latitude}/${event.longitude}`;
  }
  return event.location ? `https://www.openstreetmap.org/search?query=${encodeURIComponent(event.location)}` : null;
}

/** JSON inside <script>: `<` escaped so that no text of the event can close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

function jsonLd(event: Event, url: string): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Event',
    name: event.title,
    ...(event.description ? { description: event.description } : {}),
    startDate: formatWithOffset(Date.parse(event.startAt), event.timezone),
    endDate: formatWithOffset(Date.parse(event.endAt), event.timezone),
    eventStatus: event.status === 'CANCELLED' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: event.mode === 'ONLINE' ? 'https://schema.org/OnlineEventAttendanceMode' : 'https://schema.org/OfflineEventAttendanceMode',
    location:
      event.mode === 'ONLINE'
        ? { '@type': 'VirtualLocation', url }
        : {
            '@type': 'Place',
            name: event.location ?? event.title,
            address: event.location ?? '',
            ...(event.latitude !== null && event.longitude !== null ? { geo: { '@type': 'GeoCoordinates', latitude: event.latitude, longitude: event.longitude } } : {}),
          },
    ...(event.coverImage ? { image: [event.coverImage] } : {}),
    url,
  };
  return `<script type="application/ld+json">${scriptJson(data)}</script>`;
}

export interface FormState {
  values: { name: string; email: string; consent: boolean };
  /** Field -> message. */
  errors: Partial<Record<'name' | 'email' | 'consent', string>>;
  /** A refusal of the whole form (full, closed, already registered). */
  notice?: string;
}

const t = (key: Parameters<typeof message>[0], lang: Language) => escapeHtml((message as (k: typeof key) => { fr: string; en: string })(key)[lang]);

function field(name: 'name' | 'email', type: string, autocomplete: string, lang: Language, state: FormState | undefined): string {
  const error = state?.errors[name];
  const id = `f-${name}`;
  return (
    `<label for="${id}">${t(name === 'name' ? 'PAGE.name' : 'PAGE.email', lang)} <span>${t('PAGE.required', lang)}</span></label>` +
    `<input type="${type}" id="${id}" name="${name}" autocomplete="${autocomplete}" required maxlength="${name === 'name' ? 100 : 254}"` +
    ` value="${escapeHtml(state?.values[name] ?? '')}"${error ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>` +
    (error ? `<p class="error" id="${id}-error">${escapeHtml(error)}</p>` : '')
  );
}

function registrationForm(event: Event, lang: Language, waitlist: boolean, state: FormState | undefined): string {
  const errors = state ? Object.values(state.errors) : [];
  const consentError = state?.errors.consent;
  return (
    `<form method="post" action="/e/${escapeHtml(event.slug)}/register" novalidate aria-labelledby="register-title">` +
    `<h2 id="register-title">${t('PAGE.register', lang)}</h2>` +
    (waitlist ? `<p>${t('PAGE.waitlist_note', lang)}</p>` : '') +
    (errors.length ? `<div class="summary" role="alert"><p>${t('PAGE.errors', lang)}</p><ul>${errors.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></div>` : '') +
    field('name', 'text', 'name', lang, state) +
    field('email', 'email', 'email', lang, state) +
    `<label class="check" for="f-consent"><input type="checkbox" id="f-consent" name="consent" value="yes" required${state?.values.consent ? ' checked' : ''}` +
    `${consentError ? ' aria-invalid="true" aria-describedby="f-consent-error"' : ''}> <span>${t('PAGE.consent', lang)}</span></label>` +
    (consentError ? `<p class="error" id="f-consent-error">${escapeHtml(consentError)}</p>` : '') +
    `<div class="hp" aria-hidden="true"><label for="f-website">${t('PAGE.honeypot', lang)}</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>` +
    `<button type="submit">${t('PAGE.register', lang)}</button></form>`
  );
}

export function eventPage(event: Event, lang: Language, baseUrl: string, state?: FormState): string {
  const url = `${baseUrl}/e/${encodeURIComponent(event.slug)}`;
  const availability = availabilityOf(event);
  const statusText =
    availability.kind === 'cancelled'
      ? message('PAGE.cancelled')[lang]
      : availability.kind === 'closed'
        ? message('PAGE.closed')[lang]
        : availability.kind === 'full'
          ? message('PAGE.full')[lang]
          : availability.kind === 'waitlist'
            ? message('PAGE.full_waitlist')[lang]
            : availability.placesLeft === null
              ? message('PAGE.open')[lang]
              : message('PAGE.places_left', { count: availability.placesLeft })[lang];
  const off = availability.kind !== 'open';
  const summary = event.subtitle ?? event.description?.slice(0, 200) ?? '';
  const head =
    `<link rel="canonical" href="${escapeHtml(url)}">` +
    (summary ? `<meta name="description" content="${escapeHtml(summary)}">` : '') +
    `<meta property="og:type" content="website"><meta property="og:title" content="${escapeHtml(event.title)}">` +
    `<meta property="og:url" content="${escapeHtml(url)}">` +
    (summary ? `<meta property="og:description" content="${escapeHtml(summary)}">` : '') +
    (event.coverImage ? `<meta property="og:image" content="${escapeHtml(event.coverImage)}">` : '') +
    `<meta property="og:locale" content="${lang === 'fr' ? 'fr_FR' : 'en_GB'}">` +
    jsonLd(event, url);
  const map = event.mode === 'IN_PERSON' ? mapLink(event) : null;
  const where = event.mode === 'ONLINE' ? t('PAGE.online', lang) : escapeHtml(event.location ?? '');
  const body =
    `<header>${event.coverImage ? `<img class="cover" src="${escapeHtml(event.coverImage)}" alt="" width="1200" height="630">` : ''}</header>` +
    `<main><h1>${escapeHtml(event.title)}</h1>` +
    (event.subtitle ? `<p class="subtitle">${escapeHtml(event.subtitle)}</p>` : '') +
    `<p><span class="status${off ? ' off' : ''}">${escapeHtml(statusText)}</span></p>` +
    `<dl><dt>${t('PAGE.when', lang)}</dt><dd>${escapeHtml(eventWhen(event, lang))}<br><small>${escapeHtml(message('PAGE.time_zone', { zone: event.timezone })[lang])}</small></dd>` +
    (where ? `<dt>${t('PAGE.where', lang)}</dt><dd>${where}${map ? ` · <a href="${escapeHtml(map)}" rel="noopener noreferrer">${t('PAGE.map', lang)}</a>` : ''}</dd>` : '') +
    `</dl><p><a href="/e/${escapeHtml(event.slug)}/calendar.ics">${t('PAGE.calendar', lang)}</a></p>` +
    (state?.notice ? `<p class="summary" role="alert">${escapeHtml(state.notice)}</p>` : '') +
    (availability.kind === 'open' || availability.kind === 'waitlist' ? registrationForm(event, lang, availability.kind === 'waitlist', state) : '') +
    (event.description ? `<section aria-labelledby="about"><h2 id="about">${t('PAGE.about', lang)}</h2>${descriptionHtml(event.description)}</section>` : '') +
    `</main>`;
  return htmlDocument({ lang, title: event.title, head, body });
}
