import { endpoint } from '../../shared/http/endpoint.ts';
import { invitationParams } from '../../shared/schemas/planninghub-identity.ts';
import { declineInvitation, getOrganizationNames } from '../../shared/store/identity.ts';
import { myInvitationView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub', organization: 'none', params: invitationParams }, async ({ params, principal }) => {
  const now = new Date();
  const invitation = await declineInvitation(principal.userId, params.invitation_id, now);
  const names = await getOrganizationNames([invitation.organizationId]);
  return { statusCode: 200, body: myInvitationView(invitation, names.get(invitation.organizationId) ?? '', now) };
});
