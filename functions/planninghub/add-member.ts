import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { addMemberBody } from '../../shared/schemas/planninghub-identity.ts';
import { inviteMemberUseCase } from '../../shared/app/identity/invitations.ts';
import { invitationView } from '../../shared/views/planninghub-identity.ts';

/**
 * Invites an address: the person joins when they accept with their own account. The answer is
 * the same whether or not the address has an account, and holds nothing about that person.
 */
export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, body: addMemberBody }, async ({ body, principal }) => {
  const now = new Date();
  const invitation = await inviteMemberUseCase(principal, body, now);
  return { statusCode: 202, body: invitationView(invitation, now) };
});
