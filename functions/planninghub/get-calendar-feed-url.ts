import { config } from '../../shared/config.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import { calendarFeedSecret } from '../../shared/app/calendar/calendar-feed.ts';

export const handler = endpoint({ surface: 'planninghub' }, async ({ principal, event }) => {
  const secret = await calendarFeedSecret(principal);
  const host = event.requestContext?.domainName ?? event.headers?.host ?? 'localhost';
  const base = config.publicBaseUrl ?? `${host.startsWith('127.0.0.1') || host.startsWith('localhost') ? 'http' : 'https'}://${host}`;
  const url = `${base.replace(/\/+$/, '')}/v1/calendar/${secret}`;
  // The URL is a credential: never cached by anything between.
  return { statusCode: 200, headers: { 'Cache-Control': 'no-store' }, body: { url, webcal_url: url.replace(/^https?:/, 'webcal:') } };
});
