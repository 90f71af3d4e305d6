/**
 * A technician's profile within one organisation: skills (spec list, level 1-5) grouped by
 * category, certifications with expiry dates, availability and employment contract.
 */
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

export interface EmploymentContract {
  type: 'freelance' | 'intermittent' | 'cdd' | 'cdi';
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
