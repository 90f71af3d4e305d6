import { availabilityBetween } from '../../domain/technician.ts';
import type { LocalDate } from '../../domain/time/zoned.ts';
import { getOrganizationTimeZone, getUsers, listMembers, type User } from '../../store/identity.ts';
import { getTechnicianProfiles, listTechnicianProfiles } from '../../store/technicians.ts';
import type { Actor } from '../actor.ts';

export interface TeamAvailability {
  timeZone: string;
  members: { userId: string; user: User | undefined; availability: Record<LocalDate, string[]> }[];
}

/** GET /v1/technicians/availability: the members' declared dates from one local date to another. */
export async function teamAvailabilityUseCase(actor: Actor, query: { from: LocalDate; to: LocalDate; userIds?: string[] }): Promise<TeamAvailability> {
  const organizationId = actor.organizationId;
  const [timeZone, members, profiles] = await Promise.all([
    getOrganizationTimeZone(organizationId),
    listMembers(organizationId),
    query.userIds ? getTechnicianProfiles(organizationId, query.userIds) : listTechnicianProfiles(organizationId),
  ]);
  const memberIds = new Set(members.map((membership) => membership.userId));
  const kept = profiles.filter((profile) => memberIds.has(profile.userId));
  const users = await getUsers(kept.map((profile) => profile.userId));
  return {
    timeZone,
    members: kept.map((profile) => ({ userId: profile.userId, user: users.get(profile.userId), availability: availabilityBetween(profile.availability ?? {}, query.from, query.to) })),
  };
}
