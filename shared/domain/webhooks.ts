/**
 * HTTPS webhooks registered through the API (docs/webhooks.md): endpoints, Standard Webhooks
 * signatures, the retry schedule, the daily limit and when an endpoint is disabled. Pure: the
 * randomness and the clock are given.
 */
import { createHmac } from 'node:crypto';
import { DomainError } from './errors.ts';
import { checkRemoteUrl } from './image.ts';
import type { DomainEventType } from './domain-events.ts';
import type { TopicName } from './topics.ts';

export type WebhookStatus = 'active' | 'disabled';
export type DisabledReason = 'by_user' | 'gone' | 'failing';

export interface WebhookEndpoint {
  id: string;
  organizationId: string;
  url: string;
  events: DomainEventType[];
  description: string | null;
  status: WebhookStatus;
  disabledReason: DisabledReason | null;
  /** `whsec_<base64 key>`: shown once, at creation and rotation. */
  secret: string;
  /** The secret before the last rotation, still signing beside the new one until `previousSecretExpiresAt`. */
  previousSecret: string | null;
  previousSecretExpiresAt: string | null;
  /** Since when every delivery failed (null after a success): days of it disable the endpoint. */
  failingSince: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'waiting_limit';

export interface DeliveryAttempt {
  at: string;
  /** null: no HTTP answer (timeout, refused connection, forbidden address). */
  responseCode: number | null;
  durationMs: number;
  error: string | null;
}

export interface WebhookDelivery {
  id: string;
  organizationId: string;
  endpointId: string;
  /** The `webhook-id`: the outbox record's id, the same at every attempt. */
  messageId: string;
  eventType: string;
  family: TopicName | 'ping';
  /** The exact body sent (the event's JSON). */
  body: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  nextRetryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** `whsec_` and 24 random bytes in base64 (Standard Webhooks' secret format). */
export const secretOf = (randomBytes: Uint8Array): string => `whsec_${Buffer.from(randomBytes).toString('base64')}`;

/** After a rotation, the old secret still signs for a day, so receivers can switch without losing events. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 3600 * 1000;

/** The Standard Webhooks signature of one delivery: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`. */
export function signatureOf(secret: string, messageId: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${messageId}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The `webhook-signature` header: one signature per live secret, space-separated (the spec allows several). */
export function signatureHeader(endpoint: Pick<WebhookEndpoint, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, messageId: string, timestampSeconds: number, body: string, now: Date): string {
  const secrets = [endpoint.secret];
  if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > now.getTime()) secrets.push(endpoint.previousSecret);
  return secrets.map((secret) => signatureOf(secret, messageId, timestampSeconds, body)).join(' ');
}

/** `{url}/{family}`: the spec's paths (`/shift-conflict`, `/equipment-maintenance`), one per family. */
export const deliveryUrl = (url: string, family: string): string => `${url.replace(/\/+$/, '')}/${family}`;

/**
 * A webhook URL is the image download's rules (https only, no credentials, no IP literal that is
 * not public, no localhost); `allowInsecure` (the local runtime only) lets http and loopback through.
 */
export function checkWebhookUrl(url: string, allowInsecure: boolean): void {
  const fail = (reason: string) => DomainError.of('invalid', 'VALIDATION_ERROR.webhook_url', { params: { reason }, details: [{ field: 'url', message: reason }] });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fail('invalid_url');
  }
  if (parsed.search || parsed.hash) throw fail('query_or_fragment');
  if (allowInsecure && parsed.protocol === 'http:') parsed = new URL(url.replace(/^http:/i, 'https:'));
  const check = checkRemoteUrl(parsed, { allowPrivateHosts: allowInsecure });
  if (!check.ok) throw fail(check.reason);
}

export const webhookNotFound = () => DomainError.of('not_found', 'NOT_FOUND.webhook');
export const deliveryNotFound = () => DomainError.of('not_found', 'NOT_FOUND.webhook_delivery');

// ---------------------------------------------------------------------------------------------
// Retries.

export interface RetryPolicy {
  /** The first retry's ceiling; each next one doubles it (full jitter below it). */
  baseSeconds: number;
  maxDelaySeconds: number;
  /** After this long since the first attempt, the delivery is failed. */
  giveUpAfterSeconds: number;
}

/** About a day of retries: 30 s, 1 min, 2 min... capped at 4 h between attempts. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseSeconds: 30, maxDelaySeconds: 4 * 3600, giveUpAfterSeconds: 24 * 3600 };

/**
 * The wait before attempt `failedAttempts + 1`, or null to give up. Exponential with jitter over
 * the upper half (never sooner than half the step, so retries still spread out over the day).
 */
export function nextRetryDelaySeconds(failedAttempts: number, firstAttemptAt: Date, now: Date, policy: RetryPolicy, random: () => number): number | null {
  const step = Math.min(policy.maxDelaySeconds, policy.baseSeconds * 2 ** Math.max(0, failedAttempts - 1));
  const delay = Math.max(1, Math.round(step / 2 + (random() * step) / 2));
  const elapsed = (now.getTime() - firstAttemptAt.getTime()) / 1000;
  return elapsed + delay > policy.giveUpAfterSeconds ? null : delay;
}

/** A success is 2xx; redirects are not followed and count as failures. */
export const isSuccess = (status: number | null): boolean => status !== null && status >= 200 && status < 300;

/** Days of uninterrupted failures disable an endpoint (410 Gone does at once). */
export const FAILING_DAYS_BEFORE_DISABLE = 3;

export function disableAfterFailure(endpoint: Pick<WebhookEndpoint, 'failingSince'>, status: number | null, now: Date): 'gone' | 'failing' | null {
  if (status === 410) return 'gone';
  if (endpoint.failingSince && now.getTime() - Date.parse(endpoint.failingSince) >= FAILING_DAYS_BEFORE_DISABLE * 24 * 3600 * 1000) return 'failing';
  return null;
}

// ---------------------------------------------------------------------------------------------
// The daily limit (the spec's 1000 webhook requests a day per organisation).

export const DEFAULT_DAILY_LIMIT = 1000;

export const utcDay = (now: Date): string => now.toISOString().slice(0, 10);

/** Seconds until the next UTC day starts (a request over the limit waits until then). */
export function secondsUntilNextDay(now: Date): number {
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

/** A delivery id sorts by its event's time and is the same for one event and one endpoint (redeliveries land on it). */
export function deliveryIdOf(eventTimestamp: string, messageId: string, endpointId: string): string {
  const ms = Date.parse(eventTimestamp);
  const time = (Number.isFinite(ms) ? ms : 0).toString(36).padStart(9, '0');
  const endpoint = endpointId.replace(/^wh_/, '').slice(0, 8);
  return `dlv_${time}${messageId.replace(/^msg_/, '').slice(0, 16)}${endpoint}`;
}
