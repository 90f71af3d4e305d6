/**
 * Who may do what to an event, whatever the surface (EventLite `/api/v1/events`, PlanningHub
 * `/v1/events`). Both views write the same item, so one rule must decide for both: otherwise a
 * member refused on one surface does the same thing through the other (OWASP API5:2023).
 * Pure: the surfaces turn a refusal into their own envelope. docs/roles.md states the rule.
 */
import { hasAnyRole, PLANNERS, type MemberRole } from './roles.ts';
import type { Event } from './event.ts';
import { DomainError } from './errors.ts';

export type EventAction = 'read' | 'create' | 'change' | 'delete';

export interface EventActor {
  userId: string;
  roles: readonly string[];
}

export type EventRefusal = 'INSUFFICIENT_ROLE' | 'NOT_EVENT_ORGANIZER';
export type EventVerdict = { allowed: true } | { allowed: false; reason: EventRefusal };

/** Roles that create events, and that an organiser must still hold to change or delete theirs. */
export const EVENT_PLANNER_ROLES: readonly MemberRole[] = PLANNERS;
/** Roles that change or delete any event of the organisation. */
export const EVENT_ADMIN_ROLES: readonly MemberRole[] = ['admin'];

const allow: EventVerdict = { allowed: true };
const refuse = (reason: EventRefusal): EventVerdict => ({ allowed: false, reason });

/**
 * read: any member. create: planners. change / delete: admins, or the event's organiser while
 * they hold a planner role (a demoted organiser loses their events' edit rights with the role).
 * The role is judged first: a member without a planner role is refused whoever organised the
 * event, without learning who did. `event` is required for change and delete.
 */
export function eventPolicy(actor: EventActor, action: EventAction, event?: Pick<Event, 'organizerId'>): EventVerdict {
  switch (action) {
    case 'read':
      return allow;
    case 'create':
      return hasAnyRole(actor.roles, EVENT_PLANNER_ROLES) ? allow : refuse('INSUFFICIENT_ROLE');
    case 'change':
    case 'delete': {
      if (!event) throw new Error(`eventPolicy: ${action} needs the event`);
      if (hasAnyRole(actor.roles, EVENT_ADMIN_ROLES)) return allow;
      if (!hasAnyRole(actor.roles, EVENT_PLANNER_ROLES)) return refuse('INSUFFICIENT_ROLE');
      return event.organizerId === actor.userId ? allow : refuse('NOT_EVENT_ORGANIZER');
    }
  }
}

const roleList = EVENT_PLANNER_ROLES.join(', ');

/**
 * The refusal in each surface's words. EventLite keeps its seed's sentence for a non-organiser;
 * PlanningHub answers codes in its envelope.
 */
export function eventRefusalError(reason: EventRefusal, surface: 'eventlite' | 'planninghub'): DomainError {
  if (reason === 'NOT_EVENT_ORGANIZER') {
    return surface === 'eventlite'
      ? DomainError.of('forbidden', 'FORBIDDEN.not_owner')
      : DomainError.of('forbidden', 'NOT_EVENT_ORGANIZER');
  }
  return surface === 'eventlite'
    ? DomainError.of('forbidden', 'INSUFFICIENT_ROLE.eventlite', { params: { roles: roleList } })
    : DomainError.of('forbidden', 'INSUFFICIENT_ROLE.planninghub', { params: { roles: roleList } });
}

/** Asks the policy and throws the surface's refusal. */
export function assertEventAllowed(actor: EventActor, action: EventAction, surface: 'eventlite' | 'planninghub', event?: Pick<Event, 'organizerId'>): void {
  const verdict = eventPolicy(actor, action, event);
  if (!verdict.allowed) throw eventRefusalError(verdict.reason, surface);
}
