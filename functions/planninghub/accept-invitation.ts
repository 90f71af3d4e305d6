import { endpoint } from '../../shared/http/endpoint.ts';
import { invitationParams } from '../../shared/schemas/identity-params.ts';
import { acceptInvitationUseCase } from '../../shared/app/identity/invitations.ts';
import { myInvitationView } from '../../shared/views/planninghub-identity.ts';

/** JWT only (access.ts): joining an organisation is the person's own decision, not a key's. */
export const handler = endpoint({ surface: 'planninghub', organization: 'none', params: invitationParams }, async ({ params, principal }) => {
  const now = new Date();
  const { invitation, organizationName } = await acceptInvitationUseCase(principal, params.invitation_id, now);
  return { statusCode: 200, body: myInvitationView(invitation, organizationName, now) };
});
