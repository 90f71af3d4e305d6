import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { invitationParams } from '../../shared/schemas/identity-params.ts';
import { revokeInvitationUseCase } from '../../shared/app/identity/invitations.ts';

export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, params: invitationParams }, async ({ params, principal }) => {
  await revokeInvitationUseCase(principal, params.invitation_id);
  return { statusCode: 200, body: { status: 'revoked', invitation_id: params.invitation_id } };
});
