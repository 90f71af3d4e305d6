/** PlanningHub identity request schemas (seed 000: Authentication, Users, members), snake_case. */
import * as z from 'zod';
import { memberRoles } from '../domain/roles.ts';

const identifier = z.string().min(1).max(100);

export const loginBody = z
  .strictObject({
    email: z.email().max(254),
    password: z.string().min(1).max(1024),
    organization_id: identifier,
    event_id: identifier.optional(),
  })
  .meta({ id: 'LoginInput' });

const roles = z
  .array(z.enum(memberRoles))
  .min(1)
  .max(memberRoles.length)
  .refine((list) => new Set(list).size === list.length, { message: 'Roles must not repeat' });

export const addMemberBody = z
  .strictObject({
    email: z.email().max(254),
    first_name: z.string().trim().min(1).max(100).optional(),
    last_name: z.string().trim().min(1).max(100).optional(),
    phone: z.string().trim().max(30).optional(),
    roles,
  })
  .meta({ id: 'AddMemberInput' });

export const updateMemberBody = z.strictObject({ roles }).meta({ id: 'UpdateMemberInput' });
export const memberParams = z.strictObject({ user_id: identifier });
