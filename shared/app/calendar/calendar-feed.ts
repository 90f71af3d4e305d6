/**
 * The technician's secret, revocable calendar feed (docs/documents.md, "Calendar feed"):
 * GET /v1/users/me/calendar gives its secret (made on first call), DELETE revokes it, and
 * GET /v1/calendar/{secret} answers the iCalendar without other authentication.
 */
import { createHash, randomBytes } from 'node:crypto';
import { deleteFeed, feedByHash, getFeedOfMember, insertFeed } from '../../store/calendar-feeds.ts';
import { getMembership } from '../../store/identity.ts';
import { shiftsOfTechnicianFrom } from '../../store/sync.ts';
import { shiftsCalendar } from '../../domain/calendar.ts';
import type { Actor } from '../actor.ts';

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const FEED_SECRET = /^[A-Za-z0-9_-]{43}$/;
/** What the phone shows: 60 days back. */
const FEED_HISTORY_DAYS = 60;

export async function calendarFeedSecret(actor: Actor, now = new Date()): Promise<string> {
  const existing = await getFeedOfMember(actor.organizationId, actor.userId);
  if (existing) return existing.secret;
  const secret = randomBytes(32).toString('base64url');
  if (await insertFeed({ organizationId: actor.organizationId, userId: actor.userId, secret, hash: hashOf(secret), createdAt: now.toISOString() })) return secret;
  // Two first calls at once: the one that committed is the member's feed.
  return (await getFeedOfMember(actor.organizationId, actor.userId))!.secret;
}

/** Revokes the feed: its URL stops answering; the next GET /v1/users/me/calendar makes a new one. */
export async function revokeCalendarFeed(actor: Actor): Promise<boolean> {
  const existing = await getFeedOfMember(actor.organizationId, actor.userId);
  if (!existing) return false;
  await deleteFeed(existing);
  return true;
}

/** The calendar behind a secret, or null (unknown, revoked, or the member left the organisation). */
export async function calendarOfFeed(secret: string, host: string, now = new Date()): Promise<string | null> {
  if (!FEED_SECRET.test(secret)) return null;
  const feed = await feedByHash(hashOf(secret));
  if (!feed) return null;
  if (!(await getMembership(feed.organizationId, feed.userId))) return null;
  const shifts = await shiftsOfTechnicianFrom(feed.organizationId, feed.userId, new Date(now.getTime() - FEED_HISTORY_DAYS * 86_400_000).toISOString());
  return shiftsCalendar(shifts, { name: 'PlanningHub', now, host });
}
