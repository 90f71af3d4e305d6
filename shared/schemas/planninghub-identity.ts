/**
 * PlanningHub identity request schemas (seed 000: Authentication, Users, members), snake_case.
 * In `zod/mini` for the cold start (docs/schemas.md); responses are in planninghub-identity-docs.ts.
 */
import * as z from 'zod/mini';
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
    z.refine((list) => new Set(list).size === list.length, { message: 'Roles must not repeat' }),
  );

export const addMemberBody = z
  .strictObject({
    email: z.email().check(z.maxLength(254)),
    first_name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    last_name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    phone: z.optional(z.string().check(z.trim(), z.maxLength(30))),
    roles,
  })
  .register(z.globalRegistry, { id: 'AddMemberInput' });

export const updateMemberBody = z.strictObject({ roles }).register(z.globalRegistry, { id: 'UpdateMemberInput' });
export const memberParams = z.strictObject({ user_id: identifier });
