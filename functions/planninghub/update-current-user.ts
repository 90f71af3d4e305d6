import { endpoint } from '../../shared/http/endpoint.ts';
import { toContactChanges, updateMeBody } from '../../shared/schemas/me.ts';
import { updateCurrentUserUseCase } from '../../shared/app/identity/current-user.ts';
import { currentUserView } from '../../shared/views/planninghub-identity.ts';

/** A member's own contact details; the strict body refuses anything else (contract, skills, roles, e-mail). */
export const handler = endpoint({ surface: 'planninghub', body: updateMeBody }, async ({ body, principal }) => {
  const { user, membership, profile, events } = await updateCurrentUserUseCase(principal, toContactChanges(body));
  return { statusCode: 200, body: currentUserView(user, membership, profile, events) };
});
