/**
 * EventLite's public pages (`/e/{slug}`...): HTML for people, not the JSON API, so they are routes
 * of no API surface (handlers in functions/system/, out of the OpenAPI document) built on page()
 * (shared/http/page.ts). Anonymous; the forms count against the critical class per source
 * address (RATE_LIMIT_CRITICAL, docs/rate-limits.md); the pages themselves against the standard
 * one. Forms are not idempotent-keyed: a browser sends no Idempotency-Key.
 */
import { defineRoutes, type SurfaceDefaults } from './define.ts';

const pages: SurfaceDefaults = { surface: 'system', tag: 'Pages', auth: 'none', rateClass: 'standard', authenticatedErrors: {}, tableAccess: true };

const html = (description: string) => ({ description, contentType: 'text/html' });

export const pageRoutes = defineRoutes(pages, [
  {
    id: 'GetEventPage',
    method: 'GET',
    path: '/e/{slug}',
    docs: {
      summary: 'Public event page (HTML, French or English by Accept-Language)',
      responses: { 200: html('The page (ETag, short Cache-Control)'), 304: html('Not modified'), 404: html('HTML page: unknown or draft event') },
    },
  },
  {
    id: 'RegisterFromPage',
    method: 'POST',
    path: '/e/{slug}/register',
    rateClass: 'critical',
    idempotent: false,
    docs: {
      summary: "The page's registration form (application/x-www-form-urlencoded: name, email, consent)",
      responses: {
        303: { description: "To the registration's private page /e/{slug}/r/{token}" },
        400: html('The page again, errors next to their fields, values kept'),
        409: html('The page again with the reason (full, closed, cancelled, already registered)'),
        415: html('HTML page: the form is not application/x-www-form-urlencoded'),
        429: html('HTML page: too many attempts from this address'),
      },
    },
  },
  {
    id: 'GetRegistrationPage',
    method: 'GET',
    path: '/e/{slug}/r/{token}',
    docs: { summary: "A registration's private page", responses: { 200: html('Status, waitlist position, summary, cancel form'), 404: html('HTML page') } },
  },
  {
    id: 'CancelFromPage',
    method: 'POST',
    path: '/e/{slug}/r/{token}/cancel',
    rateClass: 'critical',
    idempotent: false,
    docs: { summary: "The private page's cancel form (CSRF-protected)", responses: { 303: { description: 'Back to the private page' }, 403: html('HTML page: form not from the page') } },
  },
  {
    id: 'GetEventCalendar',
    method: 'GET',
    path: '/e/{slug}/calendar.ics',
    docs: { summary: 'The event as an iCalendar file (RFC 5545)', responses: { 200: { description: 'The event (RFC 5545)', contentType: 'text/calendar' }, 404: html('HTML page') } },
  },
]);
