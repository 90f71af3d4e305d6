/** skills_match: the mean of level/5 over the required skills, 0 without a required certification valid on the day. */
import { describe, expect, it } from 'vitest';
import { isQualified, missingCertifications, missingSkills, skillsMatch } from '../../shared/domain/skills-match.ts';
import type { TechnicianProfile } from '../../shared/domain/technician.ts';

const profile = (skills: TechnicianProfile['specializations'][number]['skills']): Pick<TechnicianProfile, 'specializations'> => ({ specializations: [{ category: 'sound', skills }] });

/** Jean-Michel Leroy in the spec: foh_engineer 5 (DiGiCo Certified until 2025-12-31), system_tech 4. */
const jeanMichel = profile([
  { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
  { name: 'system_tech', level: 4 },
]);

describe('skills_match', () => {
  it.each([
    [['foh_engineer', 'system_tech'], [], 0.9],
    [['foh_engineer'], [], 1],
    [['system_tech'], [], 0.8],
    [['foh_engineer', 'system_tech', 'monitor_engineer'], [], 0.6],
    [['monitor_engineer'], [], 0],
    [[], [], 1],
    [['foh_engineer'], ['digico certified '], 1],
    [['foh_engineer'], ['Avid Certified'], 0],
  ])('of %j with certifications %j is %s', (skills, certifications, expected) => {
    expect(skillsMatch(jeanMichel, { skills, certifications, onDate: '2024-02-16' })).toBe(expected);
  });

  it('is 0 when a required certification expired before the shift\'s last day, valid through its expiry date', () => {
    const requirement = (onDate: string) => ({ skills: ['foh_engineer'], certifications: ['DiGiCo Certified'], onDate });
    expect(skillsMatch(jeanMichel, requirement('2025-12-31'))).toBe(1);
    expect(skillsMatch(jeanMichel, requirement('2026-01-01'))).toBe(0);
  });

  it('rounds to two decimals: levels 5, 4 and 4 give 0.87', () => {
    const trio = profile([
      { name: 'foh_engineer', level: 5 },
      { name: 'system_tech', level: 4 },
      { name: 'monitor_engineer', level: 4 },
    ]);
    expect(skillsMatch(trio, { skills: ['foh_engineer', 'system_tech', 'monitor_engineer'], certifications: [], onDate: '2024-02-16' })).toBe(0.87);
  });

  it('says what is missing, and who is qualified', () => {
    expect(missingSkills(jeanMichel, ['pyro_operator', 'foh_engineer', 'truss_rigger'])).toEqual(['pyro_operator', 'truss_rigger']);
    expect(missingCertifications(jeanMichel, ['DiGiCo Certified', 'CACES'], '2024-02-16')).toEqual(['CACES']);
    expect(missingSkills(null, ['foh_engineer'])).toEqual(['foh_engineer']);
    expect(isQualified(jeanMichel, { skills: ['foh_engineer', 'system_tech'], certifications: ['DiGiCo Certified'], onDate: '2024-02-16' })).toBe(true);
    expect(isQualified(jeanMichel, { skills: ['foh_engineer', 'monitor_engineer'], certifications: [], onDate: '2024-02-16' })).toBe(false);
  });
});
