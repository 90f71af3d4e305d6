import { randomUUID } from 'node:crypto';
import { endpoint } from '../../shared/http/endpoint.ts';
import { ADMINS } from '../../shared/domain/roles.ts';
import { addMemberBody } from '../../shared/schemas/planninghub-identity.ts';
import { getUser, getUserIdByEmail, insertMembership, insertUser } from '../../shared/store/identity.ts';
import { memberView } from '../../shared/views/planninghub-identity.ts';

/** Adds an existing user by e-mail, or creates the user (who then signs in through Auth0). */
export const handler = endpoint({ surface: 'planninghub', roles: ADMINS, body: addMemberBody }, async ({ body, principal }) => {
  const now = new Date().toISOString();
  let user = await getUserIdByEmail(body.email).then((id) => (id ? getUser(id) : null));
  if (!user) {
    user = {
      id: `user_${randomUUID()}`,
      email: body.email.toLowerCase(),
      firstName: body.first_name ?? '',
      lastName: body.last_name ?? '',
      phone: body.phone ?? null,
      createdAt: now,
    };
    await insertUser(user);
  }
  const membership = { organizationId: principal.organizationId, userId: user.id, roles: body.roles, createdAt: now };
  await insertMembership(membership);
  return { statusCode: 201, body: memberView(membership, user) };
});
