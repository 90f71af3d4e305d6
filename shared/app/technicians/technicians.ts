import { DomainError } from '../../domain/errors.ts';
import { hasAnyRole, PLANNERS } from '../../domain/roles.ts';
import { matchesTechnicianFilter, technicianNotFound, type TechnicianFilter, type TechnicianProfile } from '../../domain/technician.ts';
import type { LocalDate } from '../../domain/time/local-date.ts';
import { localParts } from '../../domain/time/local-time.ts';
import { getMembership, getOrganizationTimeZone, getUser, getUsers, listMembers, type Membership, type User } from '../../store/identity.ts';
import { getTechnicianProfile, listTechnicianProfiles } from '../../store/technicians.ts';
import type { Actor } from '../actor.ts';

/** A technician of the organisation: the profile, the membership that makes it the organisation's, the account. */
export interface Technician {
  profile: TechnicianProfile;
  membership: Membership;
  user: User | undefined;
}

/** GET /v1/technicians/{user_id}: planners see every profile, a technician their own. */
export async function getTechnicianUseCase(actor: Actor, userId: string): Promise<Technician> {
  // Decided before any read, so a refusal says nothing about whether the profile exists.
  if (userId !== actor.userId && !hasAnyRole(actor.roles, PLANNERS)) {
    throw DomainError.of('forbidden', 'INSUFFICIENT_ROLE.technician_profile');
  }
  const [membership, profile, user] = await Promise.all([
    getMembership(actor.organizationId, userId),
    getTechnicianProfile(actor.organizationId, userId),
    getUser(userId),
  ]);
  // A former member's profile stays in the table but is no longer the organisation's to show.
  if (!membership || !profile) throw technicianNotFound();
  return { profile, membership, user: user ?? undefined };
}

/** GET /v1/technicians: the members' profiles that match the filter. */
export async function listTechniciansUseCase(actor: Actor, filter: Omit<TechnicianFilter, 'validOn'> & { validOn?: LocalDate }): Promise<Technician[]> {
  const organizationId = actor.organizationId;
  const [profiles, members, timeZone] = await Promise.all([
    listTechnicianProfiles(organizationId),
    listMembers(organizationId),
    filter.certification !== undefined && filter.validOn === undefined ? getOrganizationTimeZone(organizationId) : Promise.resolve(undefined),
  ]);
  // "Valid" without a date means valid today, in the organisation's calendar.
  const validOn = filter.validOn ?? (timeZone ? localParts(Date.now(), timeZone).date : undefined);
  const memberships = new Map(members.map((membership) => [membership.userId, membership]));
  const matching = profiles.filter((profile) => memberships.has(profile.userId) && matchesTechnicianFilter(profile, { ...filter, validOn }));
  const users = await getUsers(matching.map((profile) => profile.userId));
  return matching.map((profile) => ({ profile, membership: memberships.get(profile.userId)!, user: users.get(profile.userId) }));
}
