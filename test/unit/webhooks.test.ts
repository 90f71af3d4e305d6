/** Webhook rules (shared/domain/webhooks.ts, event-payloads.ts): signatures, URL checks, retries, the daily window, maintenance thresholds. */
import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { checkWebhookUrl, deliveryIdOf, deliveryUrl, disableAfterFailure, nextRetryDelaySeconds, secondsUntilNextDay, secretOf, signatureHeader, signatureOf, DEFAULT_RETRY_POLICY } from '../../shared/domain/webhooks.ts';
import { maintenanceThreshold } from '../../shared/domain/event-payloads.ts';

describe('Standard Webhooks signatures', () => {
  it('signs so that the standardwebhooks package verifies, with the key after whsec_ base64-decoded', () => {
    // prepare
    const secret = secretOf(new Uint8Array(24).map((_, i) => i * 7));
    const body = JSON.stringify({ event: 'shift.conflict.detected', data: { shift_id: 'shift_789' }, timestamp: '2024-01-20T10:00:00Z' });
    const timestamp = Math.floor(Date.now() / 1000);
    // act
    const signature = signatureOf(secret, 'msg_1', timestamp, body);
    // assess
    expect(signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signature })).toEqual(JSON.parse(body));
  });

  it('signs with both secrets for a day after a rotation, then with the new one only', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const endpoint = { secret: secretOf(new Uint8Array(24).fill(1)), previousSecret: secretOf(new Uint8Array(24).fill(2)), previousSecretExpiresAt: '2026-01-02T00:00:00Z' };
    expect(signatureHeader(endpoint, 'msg_1', 1, '{}', now).split(' ')).toHaveLength(2);
    expect(signatureHeader(endpoint, 'msg_1', 1, '{}', new Date('2026-01-02T00:00:01Z')).split(' ')).toHaveLength(1);
  });
});

describe('webhook URLs (the image download rules)', () => {
  it.each([
    ['http://hooks.example.com', 'not_https'],
    ['https://127.0.0.1/hook', 'forbidden_host'],
    ['https://10.0.0.5/hook', 'forbidden_host'],
    ['https://169.254.169.254/latest', 'forbidden_host'],
    ['https://[::1]/hook', 'forbidden_host'],
    ['https://localhost/hook', 'forbidden_host'],
    ['https://user:pass@hooks.example.com', 'credentials'],
    ['https://hooks.example.com/?a=1', 'query_or_fragment'],
    ['not a url', 'invalid_url'],
  ])('refuses %s (%s) outside the local runtime', (url, reason) => {
    expect(() => checkWebhookUrl(url, false)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', details: [{ field: 'url', message: reason }] }));
  });

  it('accepts a public https URL, and http or loopback only when insecure targets are allowed (local runtime)', () => {
    expect(() => checkWebhookUrl('https://hooks.example.com/planninghub', false)).not.toThrow();
    expect(() => checkWebhookUrl('http://127.0.0.1:8080/hooks', true)).not.toThrow();
  });

  it('posts each family to {url}/{family}', () => {
    expect(deliveryUrl('https://hooks.example.com/ph/', 'shift-conflict')).toBe('https://hooks.example.com/ph/shift-conflict');
  });
});

describe('retries', () => {
  it('backs off exponentially with jitter, and gives up after about a day', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const delays = [1, 2, 3, 4, 5].map((failures) => nextRetryDelaySeconds(failures, start, start, DEFAULT_RETRY_POLICY, () => 0.5));
    expect(delays).toEqual([23, 45, 90, 180, 360]);
    expect(nextRetryDelaySeconds(3, start, start, DEFAULT_RETRY_POLICY, () => 0)).toBe(60);
    expect(nextRetryDelaySeconds(3, start, start, DEFAULT_RETRY_POLICY, () => 0.999)).toBe(120);
    expect(nextRetryDelaySeconds(20, start, new Date('2026-01-01T23:00:00Z'), DEFAULT_RETRY_POLICY, () => 0.5)).toBeNull();
  });

  it('disables at once on 410, and after three days of failures', () => {
    const now = new Date('2026-01-04T00:00:00Z');
    expect(disableAfterFailure({ failingSince: null }, 410, now)).toBe('gone');
    expect(disableAfterFailure({ failingSince: '2026-01-01T00:00:00Z' }, 500, now)).toBe('failing');
    expect(disableAfterFailure({ failingSince: '2026-01-02T00:00:00Z' }, 500, now)).toBeNull();
  });

  it('waits until the next UTC day when the daily limit is reached', () => {
    expect(secondsUntilNextDay(new Date('2026-01-01T23:59:00Z'))).toBe(60);
  });

  it('gives one delivery id per event and endpoint, sorted by the event time', () => {
    const a = deliveryIdOf('2026-01-01T00:00:00Z', 'msg_aaaaaaaaaaaaaaaaaaaa', 'wh_1234567890abcdef');
    expect(deliveryIdOf('2026-01-01T00:00:00Z', 'msg_aaaaaaaaaaaaaaaaaaaa', 'wh_1234567890abcdef')).toBe(a);
    expect(deliveryIdOf('2026-01-01T00:00:01Z', 'msg_0000000000000000', 'wh_1234567890abcdef') > a).toBe(true);
  });
});

describe('maintenance thresholds', () => {
  it('announces at the horizon, then at 30, 7 and 0 days (overdue counts as 0), nothing beyond the horizon', () => {
    expect([60, 45, 40, 30, 20, 7, 3, 0, -10].map((days) => maintenanceThreshold(days, 45))).toEqual([null, 45, 45, 30, 30, 7, 7, 0, 0]);
    expect(maintenanceThreshold(25, 20)).toBeNull();
    expect(maintenanceThreshold(15, 20)).toBe(20);
  });
});
