/**
 * The parts of a technician profile both PlanningHub views show (GET /v1/users/me and
 * /v1/technicians): DynamoDB maps come back in no particular key order, and clients reading the
 * JSON expect the spec's.
 */
import type { EmploymentContract, Specialization } from '../domain/technician.ts';

export const specializationsView = (specializations: readonly Specialization[]) =>
  specializations.map((specialization) => ({
    category: specialization.category,
    skills: specialization.skills.map((skill) => ({
      name: skill.name,
      level: skill.level,
      ...(skill.certifications?.length
        ? { certifications: skill.certifications.map((certification) => ({ name: certification.name, expiry_date: certification.expiry_date })) }
        : {}),
    })),
  }));

export const contractView = (contract: EmploymentContract | null | undefined) =>
  contract
    ? {
        type: contract.type,
        hourly_rate: contract.hourly_rate,
        overtime_rules: {
          night_shift_bonus: contract.overtime_rules.night_shift_bonus,
          weekend_shift_bonus: contract.overtime_rules.weekend_shift_bonus,
          emergency_call_bonus: contract.overtime_rules.emergency_call_bonus,
        },
        meal_allowance: contract.meal_allowance,
      }
    : null;

/** Dates in calendar order. */
export const availabilityView = (availability: Readonly<Record<string, readonly string[]>>) =>
  Object.fromEntries(Object.keys(availability).sort().map((date) => [date, [...availability[date]!]]));
