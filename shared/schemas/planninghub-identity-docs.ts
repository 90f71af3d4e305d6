/** PlanningHub identity responses: for the OpenAPI document only (not built by handlers). */
import * as z from 'zod';
import { memberRoles } from '../domain/roles.ts';
import { skillCategories, skillNames } from '../domain/technician.ts';

const currentEvent = z.object({ id: z.string(), name: z.string(), role: z.string().nullable() });

export const loginResponse = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    user: z.object({
      id: z.string(),
      email: z.string(),
      roles: z.array(z.string()),
      specializations: z.array(z.enum(skillNames)),
      current_event: currentEvent.nullable(),
    }),
  })
  .meta({ id: 'LoginResult' });

const certification = z.object({ name: z.string(), expiry_date: z.string() });
const skill = z.object({ name: z.enum(skillNames), level: z.number().int().min(1).max(5), certifications: z.array(certification).optional() });
export const specializationSchema = z.object({ category: z.enum(skillCategories), skills: z.array(skill) }).meta({ id: 'Specialization' });
export const employmentContractSchema = z
  .object({
    type: z.enum(['freelance', 'intermittent', 'cdd', 'cdi']),
    hourly_rate: z.number(),
    overtime_rules: z.object({ night_shift_bonus: z.number(), weekend_shift_bonus: z.number(), emergency_call_bonus: z.number() }),
    meal_allowance: z.boolean(),
  })
  .meta({ id: 'EmploymentContract' });

export const currentUserResponse = z
  .object({
    id: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    roles: z.array(z.string()),
    specializations: z.array(specializationSchema),
    availability: z.record(z.string(), z.array(z.string())),
    employment_contract: employmentContractSchema.nullable(),
    current_events: z.array(currentEvent.extend({ shifts: z.array(z.string()) })),
  })
  .meta({ id: 'CurrentUser' });

export const memberSchema = z
  .object({
    user_id: z.string(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    roles: z.array(z.enum(memberRoles)),
    joined_at: z.string(),
  })
  .meta({ id: 'Member' });

export const invitationSchema = z
  .object({
    invitation_id: z.string(),
    email: z.string(),
    roles: z.array(z.enum(memberRoles)),
    status: z.enum(['pending', 'accepted', 'expired']),
    expires_at: z.string(),
  })
  .meta({ id: 'Invitation' });
export const invitationsListResponse = z.object({ count: z.number().int(), results: z.array(invitationSchema) }).meta({ id: 'InvitationList' });

export const myInvitationSchema = z
  .object({
    invitation_id: z.string(),
    organization: z.object({ id: z.string(), name: z.string() }),
    email: z.string(),
    roles: z.array(z.enum(memberRoles)),
    status: z.enum(['pending', 'accepted', 'declined', 'expired']),
    invited_at: z.string(),
    expires_at: z.string(),
  })
  .meta({ id: 'MyInvitation' });
export const myInvitationsListResponse = z.object({ count: z.number().int(), results: z.array(myInvitationSchema) }).meta({ id: 'MyInvitationList' });

export const membersListResponse = z.object({ count: z.number().int(), results: z.array(memberSchema) }).meta({ id: 'MemberList' });
export const planningHubError = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .meta({ id: 'PlanningHubError' });

export const memberRemovedSchema = z.object({ status: z.literal('removed'), user_id: z.string() }).meta({ id: 'MemberRemoved' });
export const invitationRevokedSchema = z.object({ status: z.literal('revoked'), invitation_id: z.string() }).meta({ id: 'InvitationRevoked' });
