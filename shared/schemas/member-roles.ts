/**
 * A member's roles (AddMember's and UpdateMember's bodies) and UpdateMember's body, apart from
 * planninghub-identity.ts so that UpdateMember builds neither the e-mail nor the login schema
 * (docs/schemas.md, rule 6). In `zod/mini`.
 */
import * as z from 'zod/mini';
import { fieldMessage } from './field-messages.ts';
import { memberRoles } from '../domain/roles.ts';

export const memberRolesList = z
  .array(z.enum(memberRoles))
  .check(
    z.minLength(1),
    z.maxLength(memberRoles.length),
    z.refine((list) => new Set(list).size === list.length, fieldMessage('VALIDATION_ERROR.roles_repeated')),
  );

export const updateMemberBody = z.strictObject({ roles: memberRolesList }).register(z.globalRegistry, { id: 'UpdateMemberInput' });
