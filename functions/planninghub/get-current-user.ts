import { endpoint } from '../../shared/http/endpoint.ts';
import { getCurrentUserUseCase } from '../../shared/app/identity/current-user.ts';
import { currentUserView } from '../../shared/views/planninghub-identity.ts';

export const handler = endpoint({ surface: 'planninghub' }, async ({ principal }) => {
  const { user, membership, profile, events } = await getCurrentUserUseCase(principal);
  return { statusCode: 200, body: currentUserView(user, membership, profile, events) };
});
