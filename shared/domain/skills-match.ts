/**
 * How well a technician fits a shift's resource, from 0 to 1 (the `skills_match` of the spec's
 * `assign_alternative_technician` suggestion; docs/shifts.md, "Suggestions"):
 *
 *   skills_match = average over the required skills of (level / 5 if the skill is held, else 0),
 *                  times 0 when a required certification is missing or expires before the date,
 *                  rounded to 2 decimals.
 *
 * With no required skill the average is 1 (anyone fits the role). A technician is qualified for
 * the resource when they hold every required skill and every required certification: only
 * qualified technicians are suggested, and among them the higher levels come first. Level 5 in
 * every required skill is 1.00; levels 5 and 4 give 0.90.
 */
import type { Certification, TechnicianProfile } from './technician.ts';
import type { LocalDate } from './time/zoned.ts';

export interface SkillRequirement {
  skills: readonly string[];
  /** Certification names (case and surrounding spaces ignored) that must be valid through `onDate`. */
  certifications: readonly string[];
  /** The shift's last local date: a certificate expiring the evening before a night does not cover it. */
  onDate: LocalDate;
}

const certificationKey = (name: string) => name.trim().toLowerCase();

/** Each certification name held, with its latest expiry date. */
export function heldCertifications(profile: Pick<TechnicianProfile, 'specializations'> | null): Map<string, string> {
  const held = new Map<string, string>();
  for (const specialization of profile?.specializations ?? []) {
    for (const skill of specialization.skills) {
      for (const certification of skill.certifications ?? ([] as Certification[])) {
        const key = certificationKey(certification.name);
        const best = held.get(key);
        if (best === undefined || certification.expiry_date > best) held.set(key, certification.expiry_date);
      }
    }
  }
  return held;
}

/** The required certifications not held, or held but expiring before `onDate`. */
export function missingCertifications(profile: Pick<TechnicianProfile, 'specializations'> | null, names: readonly string[], onDate: LocalDate): string[] {
  const held = heldCertifications(profile);
  return names.filter((name) => {
    const expiry = held.get(certificationKey(name));
    return expiry === undefined || expiry < onDate;
  });
}

/** The required skills the profile does not hold, in the order required. */
export function missingSkills(profile: Pick<TechnicianProfile, 'specializations'> | null, skills: readonly string[]): string[] {
  const held = new Set((profile?.specializations ?? []).flatMap((specialization) => specialization.skills.map((skill) => skill.name as string)));
  return skills.filter((skill) => !held.has(skill));
}

export function skillsMatch(profile: Pick<TechnicianProfile, 'specializations'> | null, requirement: SkillRequirement): number {
  if (missingCertifications(profile, requirement.certifications, requirement.onDate).length > 0) return 0;
  const skills = [...new Set(requirement.skills)];
  if (skills.length === 0) return 1;
  const levels = new Map((profile?.specializations ?? []).flatMap((specialization) => specialization.skills.map((skill) => [skill.name as string, skill.level] as const)));
  // Summed in integer levels so that 0.9 comes out as 0.9, not 0.8999999.
  const points = skills.reduce((sum, skill) => sum + Math.min(5, Math.max(0, levels.get(skill) ?? 0)), 0);
  return Math.round((points * 100) / (5 * skills.length)) / 100;
}

export const isQualified = (profile: Pick<TechnicianProfile, 'specializations'> | null, requirement: SkillRequirement): boolean =>
  missingSkills(profile, requirement.skills).length === 0 && missingCertifications(profile, requirement.certifications, requirement.onDate).length === 0;
