import { endpoint } from '../../shared/http/endpoint.ts';
import { invitationParams } from '../../shared/schemas/identity-params.ts';
import { declineInvitationUseCase } from '../../shared/app/identity/invitations.ts';
import { myInvitationView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', organization: 'none', params: invitationParams }, async ({ params, principal }) => {
  const now = new Date();
  const { invitation, organizationName } = await declineInvitationUseCase(principal, params.invitation_id, now);
  return { statusCode: 200, body: myInvitationView(invitation, organizationName, now) };
});
