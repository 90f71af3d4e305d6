import { getUser, getUsers, listMembers, removeMembership, revokeApiKeysOfMember, updateMemberRoles, type Membership, type User } from '../../store/identity.ts';
import type { Actor } from '../actor.ts';

/** GET /v1/organizations/members: the organisation's memberships with their accounts. */
export async function listMembersUseCase(actor: Actor): Promise<{ members: Membership[]; users: Map<string, User> }> {
  const members = await listMembers(actor.organizationId);
  const users = await getUsers(members.map((member) => member.userId));
  return { members, users };
}

/** PATCH /v1/organizations/members/{user_id}: the last admin stays one (a condition of the transaction). */
export async function updateMemberUseCase(actor: Actor, userId: string, roles: string[]): Promise<{ membership: Membership; user: User | null }> {
  const membership = await updateMemberRoles(actor.organizationId, userId, roles);
  return { membership, user: await getUser(userId) };
}

/** DELETE /v1/organizations/members/{user_id}: access ends with the membership; the member's keys in this organisation go too. */
export async function removeMemberUseCase(actor: Actor, userId: string): Promise<void> {
  await removeMembership(actor.organizationId, userId);
  await revokeApiKeysOfMember(actor.organizationId, userId);
}
