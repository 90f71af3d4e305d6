import { endpoint } from '../../shared/http/endpoint.ts';
import { listMyInvitationsUseCase } from '../../shared/app/identity/invitations.ts';
import { myInvitationView } from '../../shared/views/planninghub-identity.ts';

/** The signed-in person's pending invitations, found by their account's e-mail (no organisation needed). */
export const handler = endpoint({ surface: 'planninghub', organization: 'none' }, async ({ principal }) => {
  const now = new Date();
  const mine = await listMyInvitationsUseCase(principal, now);
  return { statusCode: 200, body: { count: mine.length, results: mine.map(({ invitation, organizationName }) => myInvitationView(invitation, organizationName, now)) } };
});
