/**
 * PlanningHub identity request schemas (docs/api-planninghub.md: authentication, users, members), snake_case.
 * In `zod/mini` for the cold start (docs/schemas.md); responses are in planninghub-identity-docs.ts.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { boundedId } from './primitives.ts';
import { memberRoles } from '../domain/roles.ts';

const identifier = boundedId();

export const loginBody = z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    password: z.string().check(z.minLength(1), z.maxLength(1024)),
    organization_id: identifier,
    event_id: z.optional(identifier),
  })
  .register(z.globalRegistry, { id: 'LoginInput' });

const roles = z
  .array(z.enum(memberRoles))
  .check(
    z.minLength(1),
    z.maxLength(memberRoles.length),
    z.refine((list) => new Set(list).size === list.length, fieldMessage('VALIDATION_ERROR.roles_repeated')),
  );

/** An invitation: the person's names and phone are theirs to give, on their own account. */
export const addMemberBody = z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    roles,
  })
  .register(z.globalRegistry, { id: 'AddMemberInput' });

export const updateMemberBody = z.strictObject({ roles }).register(z.globalRegistry, { id: 'UpdateMemberInput' });
export const memberParams = z.strictObject({ user_id: identifier });
export const invitationParams = z.strictObject({ invitation_id: identifier });
