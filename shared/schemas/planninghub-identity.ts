/**
 * PlanningHub identity request schemas (docs/api-planninghub.md: authentication, users, members), snake_case.
 * In `zod/mini` for the cold start (docs/schemas.md); responses are in planninghub-identity-docs.ts.
 */
import * as z from 'zod/mini';
import { boundedId } from './primitives.ts';
import { memberRolesList as roles } from './member-roles.ts';

const identifier = boundedId();

export const loginBody = z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    password: z.string().check(z.minLength(1), z.maxLength(1024)),
    organization_id: identifier,
    event_id: z.optional(identifier),
  })
  .register(z.globalRegistry, { id: 'LoginInput' });

/** An invitation: the person's names and phone are theirs to give, on their own account. */
export const addMemberBody = z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    roles,
  })
  .register(z.globalRegistry, { id: 'AddMemberInput' });

// PATCH's body: in member-roles.ts, so that UpdateMember builds neither the e-mail nor the login schema.
export { updateMemberBody } from './member-roles.ts';
// The path parameters: in identity-params.ts, so that the functions that parse only an id (or an id
// and roles) build neither the e-mail nor the login schema (docs/schemas.md, rule 6).
export { invitationParams, memberParams } from './identity-params.ts';
