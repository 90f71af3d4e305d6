/**
 * A technician's profile within one organisation: skills (spec list, level 1-5) grouped by
 * category, certifications with expiry dates, availability and employment contract.
 */
import type { LocalDate } from './time/zoned.ts';
import { DomainError } from './errors.ts';

export const skillNames = [
  'foh_engineer',
  'monitor_engineer',
  'system_tech',
  'moving_lights',
  'led_programmer',
  'video_mapping',
  'truss_rigger',
  'pyro_operator',
] as const;
export type SkillName = (typeof skillNames)[number];

export const skillCategories = ['sound', 'lighting', 'video', 'rigging', 'pyro'] as const;
export type SkillCategory = (typeof skillCategories)[number];

/** The category a skill belongs to, so specializations group themselves. */
export const categoryOfSkill: Record<SkillName, SkillCategory> = {
  foh_engineer: 'sound',
  monitor_engineer: 'sound',
  system_tech: 'sound',
  moving_lights: 'lighting',
  led_programmer: 'lighting',
  video_mapping: 'video',
  truss_rigger: 'rigging',
  pyro_operator: 'pyro',
};

export interface Certification {
  name: string;
  /** Local date `YYYY-MM-DD`; valid through the end of that day. */
  expiry_date: string;
}

export interface Skill {
  name: SkillName;
  level: number;
  certifications?: Certification[];
}

export interface Specialization {
  category: SkillCategory;
  skills: Skill[];
}

export const contractTypes = ['freelance', 'intermittent', 'cdd', 'cdi'] as const;
export type ContractType = (typeof contractTypes)[number];

export interface EmploymentContract {
  type: ContractType;
  hourly_rate: number;
  overtime_rules: { night_shift_bonus: number; weekend_shift_bonus: number; emergency_call_bonus: number };
  meal_allowance: boolean;
}

export interface TechnicianProfile {
  organizationId: string;
  userId: string;
  specializations: Specialization[];
  availability: Record<string, string[]>;
  employmentContract: EmploymentContract | null;
  updatedAt: string;
}

/** The skill names a profile holds, in the order they are declared. */
export const skillNamesOf = (profile: Pick<TechnicianProfile, 'specializations'> | null): SkillName[] =>
  (profile?.specializations ?? []).flatMap((specialization) => specialization.skills.map((skill) => skill.name));

/**
 * Specializations from a flat list of skills: the category is derived from the skill, never sent,
 * so a skill cannot be filed under the wrong category. Categories come in their declared order,
 * skills in the order given; an empty certification list is left out, as in the seed.
 */
export function specializationsOf(skills: readonly Skill[]): Specialization[] {
  return skillCategories.flatMap((category) => {
    const inCategory = skills
      .filter((skill) => categoryOfSkill[skill.name] === category)
      .map(({ name, level, certifications }) =>
        certifications && certifications.length > 0 ? { name, level, certifications: certifications.map((c) => ({ ...c })) } : { name, level },
      );
    return inCategory.length > 0 ? [{ category, skills: inCategory }] : [];
  });
}

/** Valid through the end of its expiry date, in the organisation's calendar; ISO dates compare as strings. */
export const isCertificationValidOn = (certification: Certification, date: LocalDate): boolean => certification.expiry_date >= date;

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('fr') === b.trim().toLocaleLowerCase('fr');

export interface TechnicianFilter {
  skill?: SkillName;
  /** With `skill`, that skill's level; alone, the level of any skill. */
  minLevel?: number;
  /** Name of a certification held on any skill, compared without regard to case. */
  certification?: string;
  /** The certification must not have expired before this date. */
  validOn?: LocalDate;
}

/** Whether a profile passes every criterion given: one skill must meet `skill` and `minLevel` together. */
export function matchesTechnicianFilter(profile: Pick<TechnicianProfile, 'specializations'>, filter: TechnicianFilter): boolean {
  const skills = profile.specializations.flatMap((specialization) => specialization.skills);
  if (filter.skill !== undefined || filter.minLevel !== undefined) {
    const qualified = skills.some(
      (skill) => (filter.skill === undefined || skill.name === filter.skill) && (filter.minLevel === undefined || skill.level >= filter.minLevel),
    );
    if (!qualified) return false;
  }
  if (filter.certification !== undefined) {
    const wanted = filter.certification;
    const certified = skills.some((skill) =>
      (skill.certifications ?? []).some(
        (certification) => sameName(certification.name, wanted) && (filter.validOn === undefined || isCertificationValidOn(certification, filter.validOn)),
      ),
    );
    if (!certified) return false;
  }
  return true;
}

/** The declared dates from `from` to `to` inclusive, in date order. */
export function availabilityBetween(availability: Readonly<Record<LocalDate, readonly string[]>>, from: LocalDate, to: LocalDate): Record<LocalDate, string[]> {
  return Object.fromEntries(
    Object.keys(availability)
      .filter((date) => date >= from && date <= to && (availability[date]?.length ?? 0) > 0)
      .sort()
      .map((date) => [date, [...availability[date]!]]),
  );
}

/** The profile a technician gets on their first availability declaration, before any planner edits it. */
export const emptyTechnicianProfile = (organizationId: string, userId: string, now: Date): TechnicianProfile => ({
  organizationId,
  userId,
  specializations: [],
  availability: {},
  employmentContract: null,
  updatedAt: now.toISOString(),
});

/** Also the answer for another organisation's technician: its existence is not disclosed. */
export const technicianNotFound = () => DomainError.of('not_found', 'NOT_FOUND.technician');

/** A member's role on an event's crew. */
export interface CrewAssignment {
  organizationId: string;
  eventId: string;
  userId: string;
  role: string;
}
