import { endpoint } from '../../shared/http/endpoint.ts';
import { getOrganizationNames, getUser, listInvitationsOfEmail } from '../../shared/store/identity.ts';
import { myInvitationView } from '../../shared/views/planninghub-identity.ts';

/** The signed-in person's pending invitations, found by their account's e-mail (no organisation needed). */
export const handler = endpoint({ surface: 'planninghub', organization: 'none' }, async ({ principal }) => {
  const now = new Date();
  const user = await getUser(principal.userId);
  const invitations = user ? (await listInvitationsOfEmail(user.email)).filter((invitation) => invitation.status === 'pending' && invitation.validUntil > now.toISOString()) : [];
  const names = await getOrganizationNames(invitations.map((invitation) => invitation.organizationId));
  return { statusCode: 200, body: { count: invitations.length, results: invitations.map((invitation) => myInvitationView(invitation, names.get(invitation.organizationId) ?? '', now)) } };
});
