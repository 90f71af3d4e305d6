import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { listInvitationsUseCase } from '../../shared/app/identity/invitations.ts';
import { invitationView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS }, async ({ principal }) => {
  const now = new Date();
  const invitations = await listInvitationsUseCase(principal);
  return { statusCode: 200, body: { count: invitations.length, results: invitations.map((invitation) => invitationView(invitation, now)) } };
});
