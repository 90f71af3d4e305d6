import { describe, expect, it } from 'vitest';
import { eventPolicy, eventRefusalError } from '../../shared/domain/event-policy.ts';

const event = { organizerId: 'user_org' };
const organiser = (roles: string[]) => ({ userId: 'user_org', roles });
const other = (roles: string[]) => ({ userId: 'user_other', roles });

describe('API5:2023 Broken Function Level Authorization — one policy for an event, whatever the surface', () => {
  it('lets any member read', () => {
    expect(eventPolicy(other(['technician']), 'read', event)).toEqual({ allowed: true });
    expect(eventPolicy(other([]), 'read')).toEqual({ allowed: true });
  });

  it('lets planners create, and only them', () => {
    expect(eventPolicy(other(['stage_manager']), 'create')).toEqual({ allowed: true });
    expect(eventPolicy(other(['admin']), 'create')).toEqual({ allowed: true });
    for (const roles of [['technician'], ['sound_engineer', 'lighting_engineer'], []]) {
      expect(eventPolicy(other(roles), 'create')).toEqual({ allowed: false, reason: 'INSUFFICIENT_ROLE' });
    }
  });

  it.each(['change', 'delete'] as const)('%s: admins any event, the organiser while a planner, nobody else', (action) => {
    expect(eventPolicy(other(['admin']), action, event)).toEqual({ allowed: true });
    expect(eventPolicy(organiser(['stage_manager']), action, event)).toEqual({ allowed: true });
    expect(eventPolicy(organiser(['sound_engineer', 'stage_manager']), action, event)).toEqual({ allowed: true });
    // A planner who does not organise it.
    expect(eventPolicy(other(['sound_engineer', 'stage_manager']), action, event)).toEqual({ allowed: false, reason: 'NOT_EVENT_ORGANIZER' });
    // The organiser demoted: the role went, the rights with it.
    expect(eventPolicy(organiser(['technician']), action, event)).toEqual({ allowed: false, reason: 'INSUFFICIENT_ROLE' });
    expect(eventPolicy(organiser([]), action, event)).toEqual({ allowed: false, reason: 'INSUFFICIENT_ROLE' });
    // Neither: the role is judged first, so who organised the event is not disclosed.
    expect(eventPolicy(other(['technician']), action, event)).toEqual({ allowed: false, reason: 'INSUFFICIENT_ROLE' });
  });

  it('needs the event to judge a change', () => {
    expect(() => eventPolicy(other(['admin']), 'change')).toThrow();
  });

  it("speaks each surface's words: the seed's sentence on EventLite, codes on PlanningHub", () => {
    expect(eventRefusalError('NOT_EVENT_ORGANIZER', 'eventlite')).toMatchObject({ kind: 'forbidden', localised: "Forbidden - You don't own this event" });
    expect(eventRefusalError('NOT_EVENT_ORGANIZER', 'planninghub')).toMatchObject({ kind: 'forbidden', code: 'NOT_EVENT_ORGANIZER' });
    expect(eventRefusalError('INSUFFICIENT_ROLE', 'planninghub')).toMatchObject({ kind: 'forbidden', code: 'INSUFFICIENT_ROLE' });
    const eventLite = eventRefusalError('INSUFFICIENT_ROLE', 'eventlite');
    expect(eventLite.kind).toBe('forbidden');
    expect(eventLite.message).toMatch(/^Forbidden - Insufficient role/);
  });
});
