/**
 * PlanningHub technicians and availability: request schemas (snake_case on the wire) and their
 * mapping onto the domain. Strict objects: a field the caller may not set (a technician's own
 * contract, skills or roles on PATCH /v1/users/me) is an unknown field, hence a 400 naming it. In
 * `zod/mini` for the cold start (docs/schemas.md); the responses are in technicians-docs.ts, which
 * only the manifest imports.
 */
import * as z from 'zod/mini';
import { acceptedLocalDate, storableNumber } from './primitives.ts';
import { fieldMessage, fieldTemplate } from './field-messages.ts';
import { contractTypes, skillNames, specializationsOf, type EmploymentContract, type Skill, type Specialization } from '../domain/technician.ts';

const localDate = acceptedLocalDate();

const unique =
  <T>(key: (item: T) => string) =>
  (items: readonly T[]) =>
    new Set(items.map(key)).size === items.length;

const certification = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
  expiry_date: localDate.check(z.describe('Local date `YYYY-MM-DD`; the certification is valid through that day')),
});

const skill = z.strictObject({
  name: z.enum(skillNames),
  level: storableNumber().check(z.int(), z.gte(1), z.lte(5)),
  certifications: z.optional(
    z
      .array(certification)
      .check(
        z.maxLength(20),
        z.refine(unique<{ name: string }>((c) => c.name.toLocaleLowerCase('fr')), fieldMessage('VALIDATION_ERROR.certification_repeated')),
      ),
  ),
});

const isCents = (amount: number) => Math.abs(Math.round(amount * 100) - amount * 100) < 1e-6;
const multiplier = storableNumber().check(z.gte(1), z.lte(10), z.describe('Multiplier of the hourly rate, at least 1'));

export const employmentContractBody = z
  .strictObject({
    type: z.enum(contractTypes),
    hourly_rate: z
      .number()
      .check(z.gt(0), z.lte(10_000), z.refine(isCents, fieldMessage('VALIDATION_ERROR.two_decimals')), z.describe('Euros per hour, more than 0')),
    overtime_rules: z.strictObject({
      night_shift_bonus: multiplier,
      weekend_shift_bonus: multiplier,
      emergency_call_bonus: multiplier,
    }),
    meal_allowance: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'EmploymentContractInput' });

export const putTechnicianBody = z
  .strictObject({
    skills: z
      .array(skill)
      .check(
        z.maxLength(skillNames.length),
        z.refine(unique<{ name: string }>((s) => s.name), fieldMessage('VALIDATION_ERROR.skill_repeated')),
        z.describe('Each skill of the spec list at most once; grouped into specializations by category'),
      ),
    employment_contract: z.nullable(employmentContractBody).check(z.describe('null when the technician has no contract yet')),
  })
  .register(z.globalRegistry, { id: 'PutTechnicianInput' });
export type PutTechnicianBody = z.infer<typeof putTechnicianBody>;

// GET /v1/technicians/{user_id} and GET /v1/technicians: in technician-params.ts and
// technician-list.ts, so that their functions do not bundle nor build the profiles' schemas
// (docs/bench.md).
export { technicianParams } from './technician-params.ts';
export { listTechniciansQuery, type ListTechniciansQuery } from './technician-list.ts';

// PATCH /v1/users/me: in me.ts, so that its function does not build the profiles' schemas (docs/bench.md).
export { updateMeBody, toContactChanges, type UpdateMeBody } from './me.ts';

// PATCH /v1/users/me/availability and GET /v1/team/availability: in availability.ts, so that their
// functions do not bundle nor build the profiles' schemas (docs/bench.md).
export { availabilityPatchBody, teamAvailabilityQuery, MAX_AVAILABILITY_DATES, MAX_RANGES_PER_DATE, MAX_TEAM_RANGE_DAYS, type TeamAvailabilityQuery } from './availability.ts';

// ---------------------------------------------------------------------------------------------
// Request bodies onto the domain.

export function toQualifications(body: PutTechnicianBody): { specializations: Specialization[]; employmentContract: EmploymentContract | null } {
  const skills: Skill[] = body.skills.map((s) => ({
    name: s.name,
    level: s.level,
    ...(s.certifications ? { certifications: s.certifications.map((c) => ({ name: c.name, expiry_date: c.expiry_date })) } : {}),
  }));
  const contract = body.employment_contract;
  return {
    specializations: specializationsOf(skills),
    employmentContract: contract && {
      type: contract.type,
      hourly_rate: contract.hourly_rate,
      overtime_rules: { ...contract.overtime_rules },
      meal_allowance: contract.meal_allowance,
    },
  };
}
