import { describe, expect, it } from 'vitest';
import { applyEventPatch, assertTransition, createEvent, type Event } from '../../shared/domain/event.ts';
import { DomainError } from '../../shared/domain/errors.ts';

const ids = { id: '00000000-0000-4000-8000-000000000001', organizationId: 'org_1', organizerId: 'user_1', slug: 'show' };
const now = new Date('2025-01-20T10:00:00.000Z');

function draft(overrides: Partial<Event> = {}): Event {
  return { ...createEvent({ title: 'Show', mode: 'ONLINE', startAt: '2025-02-15T19:00:00.000Z' }, ids, now), ...overrides };
}

describe('createEvent', () => {
  it('applies the seed defaults', () => {
    expect(draft()).toMatchObject({
      endAt: '2025-02-15T21:00:00.000Z',
      timezone: 'Europe/Paris',
      waitlist: true,
      status: 'DRAFT',
      capacity: null,
      confirmedCount: 0,
      waitlistCount: 0,
      version: 1,
      createdAt: '2025-01-20T10:00:00.000Z',
    });
  });

  it('normalises offsets to UTC and refuses an end before the start', () => {
    expect(createEvent({ title: 'Show', mode: 'ONLINE', startAt: '2025-02-15T20:00:00+01:00' }, ids, now).startAt).toBe('2025-02-15T19:00:00.000Z');
    expect(() => createEvent({ title: 'Show', mode: 'ONLINE', startAt: '2025-02-15T20:00:00Z', endAt: '2025-02-15T20:00:00Z' }, ids, now)).toThrow(DomainError);
  });
});

describe('status state machine', () => {
  const allowed: [Event['status'], Event['status']][] = [
    ['DRAFT', 'PUBLISHED'],
    ['DRAFT', 'CANCELLED'],
    ['PUBLISHED', 'CLOSED'],
    ['PUBLISHED', 'CANCELLED'],
    ['PUBLISHED', 'DRAFT'],
    ['CLOSED', 'PUBLISHED'],
    ['CLOSED', 'CANCELLED'],
  ];
  const refused: [Event['status'], Event['status']][] = [
    ['DRAFT', 'CLOSED'],
    ['CLOSED', 'DRAFT'],
    ['CANCELLED', 'DRAFT'],
    ['CANCELLED', 'PUBLISHED'],
    ['CANCELLED', 'CLOSED'],
  ];
  it.each(allowed)('%s -> %s is allowed', (from, to) => {
    expect(() => assertTransition({ status: from, confirmedCount: 0, waitlistCount: 0 }, to)).not.toThrow();
  });
  it.each(refused)('%s -> %s is refused', (from, to) => {
    expect(() => assertTransition({ status: from, confirmedCount: 0, waitlistCount: 0 }, to)).toThrow(/Invalid status transition|Transition/);
  });
  it('does not unpublish an event people registered to', () => {
    expect(() => assertTransition({ status: 'PUBLISHED', confirmedCount: 1, waitlistCount: 0 }, 'DRAFT')).toThrow(DomainError);
  });
});

describe('applyEventPatch', () => {
  it('changes only the fields sent and bumps the version', () => {
    const before = draft();
    const after = applyEventPatch(before, { capacity: 10 }, new Date('2025-01-21T00:00:00.000Z'));
    expect(after).toEqual({ ...before, capacity: 10, version: 2, updatedAt: '2025-01-21T00:00:00.000Z' });
  });

  it('checks endAt against the stored start', () => {
    expect(() => applyEventPatch(draft(), { endAt: '2025-02-15T18:00:00Z' }, now)).toThrow(DomainError);
  });

  it('keeps capacity above the confirmed registrations', () => {
    expect(() => applyEventPatch(draft({ confirmedCount: 5 }), { capacity: 4 }, now)).toThrow(/capacity/);
    expect(applyEventPatch(draft({ confirmedCount: 5 }), { capacity: null }, now).capacity).toBeNull();
  });
});

