import { describe, expect, it } from 'vitest';
import {
  availabilityBetween,
  isCertificationValidOn,
  matchesTechnicianFilter,
  specializationsOf,
  type Specialization,
} from '../../shared/domain/technician.ts';
import { listTechniciansQuery, putTechnicianBody, teamAvailabilityQuery, toQualifications, updateMeBody } from '../../shared/schemas/technicians.ts';

const jeanMichel: { specializations: Specialization[] } = {
  specializations: [
    {
      category: 'sound',
      skills: [
        { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
        { name: 'system_tech', level: 4 },
      ],
    },
    { category: 'lighting', skills: [{ name: 'moving_lights', level: 2 }] },
  ],
};

describe('specializationsOf()', () => {
  it("groups the spec's example skills into the spec's specializations", () => {
    // act
    const specializations = specializationsOf([
      { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
      { name: 'system_tech', level: 4 },
    ]);
    // assess
    expect(specializations).toStrictEqual([
      {
        category: 'sound',
        skills: [
          { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
          { name: 'system_tech', level: 4 },
        ],
      },
    ]);
  });

  it('orders categories as declared, keeps the order of skills within one, and drops empty certification lists', () => {
    const specializations = specializationsOf([
      { name: 'pyro_operator', level: 1 },
      { name: 'led_programmer', level: 3, certifications: [] },
      { name: 'monitor_engineer', level: 2 },
      { name: 'moving_lights', level: 4 },
      { name: 'video_mapping', level: 5 },
      { name: 'truss_rigger', level: 2 },
    ]);
    expect(specializations).toStrictEqual([
      { category: 'sound', skills: [{ name: 'monitor_engineer', level: 2 }] },
      { category: 'lighting', skills: [{ name: 'led_programmer', level: 3 }, { name: 'moving_lights', level: 4 }] },
      { category: 'video', skills: [{ name: 'video_mapping', level: 5 }] },
      { category: 'rigging', skills: [{ name: 'truss_rigger', level: 2 }] },
      { category: 'pyro', skills: [{ name: 'pyro_operator', level: 1 }] },
    ]);
  });

  it('gives no specialization for no skill', () => {
    expect(specializationsOf([])).toStrictEqual([]);
  });
});

describe('isCertificationValidOn()', () => {
  it.each([
    ['2025-12-30', true],
    ['2025-12-31', true],
    ['2026-01-01', false],
  ])('a certification expiring 2025-12-31 on %s: %s', (date, expected) => {
    expect(isCertificationValidOn({ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }, date)).toBe(expected);
  });
});

describe('matchesTechnicianFilter()', () => {
  it.each([
    ['no criterion', {}, true],
    ['a skill held', { skill: 'system_tech' as const }, true],
    ['a skill not held', { skill: 'video_mapping' as const }, false],
    ['a skill at the minimum level', { skill: 'system_tech' as const, minLevel: 4 }, true],
    ['a skill below the minimum level', { skill: 'moving_lights' as const, minLevel: 3 }, false],
    ['a minimum level met by some skill', { minLevel: 5 }, true],
    ['a certification, in another case', { certification: 'digico certified' }, true],
    ['a certification valid on its expiry date', { certification: 'DiGiCo Certified', validOn: '2025-12-31' }, true],
    ['a certification expired on the date', { certification: 'DiGiCo Certified', validOn: '2026-01-01' }, false],
    ['a certification not held', { certification: 'Grand MA3' }, false],
    ['skill, level and certification together', { skill: 'foh_engineer' as const, minLevel: 5, certification: 'DiGiCo Certified', validOn: '2025-06-01' }, true],
  ])('%s: %s', (_label, filter, expected) => {
    expect(matchesTechnicianFilter(jeanMichel, filter)).toBe(expected);
  });

  it('asks one skill to meet both the skill and the level', () => {
    // moving_lights is held (level 2) and a level of 5 is held (foh_engineer), but not by the same skill.
    expect(matchesTechnicianFilter(jeanMichel, { skill: 'moving_lights', minLevel: 5 })).toBe(false);
  });

  it('matches nothing on an empty profile but no criterion', () => {
    expect(matchesTechnicianFilter({ specializations: [] }, {})).toBe(true);
    expect(matchesTechnicianFilter({ specializations: [] }, { minLevel: 1 })).toBe(false);
  });
});

describe('availabilityBetween()', () => {
  it('keeps the declared dates from `from` to `to` inclusive, in date order, without empty ones', () => {
    const availability = {
      '2024-02-21': ['14:00-03:00'],
      '2024-02-14': ['10:00-12:00'],
      '2024-02-15': ['08:00-18:00', '20:00-02:00'],
      '2024-02-18': [],
      '2024-02-22': ['10:00-12:00'],
    };
    expect(availabilityBetween(availability, '2024-02-15', '2024-02-21')).toStrictEqual({
      '2024-02-15': ['08:00-18:00', '20:00-02:00'],
      '2024-02-21': ['14:00-03:00'],
    });
  });
});

describe('request schemas', () => {
  it('maps a PUT body onto specializations and a contract', () => {
    // prepare
    const body = putTechnicianBody.parse({
      skills: [{ name: 'system_tech', level: 4 }, { name: 'foh_engineer', level: 5, certifications: [{ name: ' DiGiCo Certified ', expiry_date: '2025-12-31' }] }],
      employment_contract: {
        type: 'freelance',
        hourly_rate: 45,
        overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
        meal_allowance: true,
      },
    });
    // act
    const qualifications = toQualifications(body);
    // assess
    expect(qualifications).toStrictEqual({
      specializations: [
        {
          category: 'sound',
          skills: [
            { name: 'system_tech', level: 4 },
            { name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo Certified', expiry_date: '2025-12-31' }] },
          ],
        },
      ],
      employmentContract: {
        type: 'freelance',
        hourly_rate: 45,
        overtime_rules: { night_shift_bonus: 1.5, weekend_shift_bonus: 1.3, emergency_call_bonus: 2.5 },
        meal_allowance: true,
      },
    });
  });

  it.each([
    [45.5, true],
    [45.25, true],
    [0.01, true],
    [45.155, false],
    [0, false],
  ])('accepts an hourly rate of %s: %s', (hourlyRate, expected) => {
    const result = putTechnicianBody.safeParse({
      skills: [],
      employment_contract: { type: 'cdi', hourly_rate: hourlyRate, overtime_rules: { night_shift_bonus: 1, weekend_shift_bonus: 1, emergency_call_bonus: 1 }, meal_allowance: false },
    });
    expect(result.success).toBe(expected);
  });

  it('refuses a certification repeated within a skill, whatever its case', () => {
    const result = putTechnicianBody.safeParse({
      skills: [{ name: 'foh_engineer', level: 5, certifications: [{ name: 'DiGiCo', expiry_date: '2025-12-31' }, { name: 'digico', expiry_date: '2026-12-31' }] }],
      employment_contract: null,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toStrictEqual(['skills.0.certifications']);
  });

  it('reports only the forbidden field of a PATCH /users/me body, not also that it is empty', () => {
    const result = updateMeBody.safeParse({ employment_contract: {} });
    expect(result.error?.issues.map((issue) => [issue.code, issue.path.join('.')])).toStrictEqual([['unrecognized_keys', '']]);
    expect(updateMeBody.safeParse({}).error?.issues.map((issue) => [issue.code, issue.message])).toStrictEqual([['custom', 'VALIDATION_ERROR.empty_body']]);
  });

  it('reads user_ids as a comma-separated list without blanks or repeats', () => {
    const query = teamAvailabilityQuery.parse({ from: '2024-02-15', to: '2024-02-21', user_ids: 'user_456, user_789,,user_456' });
    expect(query).toStrictEqual({ from: '2024-02-15', to: '2024-02-21', user_ids: ['user_456', 'user_789'] });
  });

  it.each([
    ['2024-01-01', '2024-04-01', true],
    ['2024-01-01', '2024-04-02', false],
    ['2024-02-15', '2024-02-15', true],
    ['2024-02-15', '2024-02-14', false],
  ])('a team range from %s to %s is allowed: %s', (from, to, expected) => {
    expect(teamAvailabilityQuery.safeParse({ from, to }).success).toBe(expected);
  });

  it('coerces min_level from the query string', () => {
    expect(listTechniciansQuery.parse({ skill: 'foh_engineer', min_level: '4' })).toStrictEqual({ skill: 'foh_engineer', min_level: 4 });
  });
});
