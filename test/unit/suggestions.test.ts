/** suggested_actions: the earliest start at which everything is free and lawful, and the ranking of alternatives. */
import { describe, expect, it } from 'vitest';
import { findRescheduleDelta, fitsAt, rankAlternatives, requiredSkillsOf, RESCHEDULE_HORIZON_MS, type ResourceAvailability } from '../../shared/domain/suggestions.ts';
import { parseShiftTimes, type ShiftTimes } from '../../shared/domain/shift.ts';
import type { Allocation } from '../../shared/domain/allocation.ts';
import type { TechnicianProfile } from '../../shared/domain/technician.ts';

const at = (rfc3339: string) => Date.parse(rfc3339);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const allocation = (id: string, start: string, end: string, quantity = 1): Allocation => ({ id, start: at(start), end: at(end), quantity, ownerType: 'shift', ownerId: id, eventId: 'event_456' });

/** The spec's shift: held from its call at 18:00 to 02:00. */
const times: ShiftTimes = parseShiftTimes({
  start_time: '2024-02-15T20:00:00+01:00',
  end_time: '2024-02-16T02:00:00+01:00',
  call_time: '2024-02-15T18:00:00+01:00',
  break_times: [{ start: '2024-02-15T22:30:00+01:00', end: '2024-02-15T23:00:00+01:00', mandatory: true }],
});

describe('rescheduling', () => {
  it('finds the first 15-minute step after which the call time is past every conflict', () => {
    // Jean-Michel holds 21:00-22:47: the call moves to 23:00 (step 20 of 15 minutes), the start to 01:00.
    const technician: ResourceAvailability = { capacity: 1, quantity: 1, busy: [allocation('shift_101', '2024-02-15T21:00:00+01:00', '2024-02-15T22:47:00+01:00')] };
    const delta = findRescheduleDelta({ times, resources: [technician], labourOk: () => true });
    expect(delta).toBe(5 * HOUR);
  });

  it('waits for a stock to have enough, for maintenance to allow the item, and for the labour rules to pass', () => {
    const boxes: ResourceAvailability = { capacity: 4, quantity: 2, busy: [allocation('booking_1', '2024-02-15T17:00:00+01:00', '2024-02-15T19:00:00+01:00', 3)] };
    // 3 of 4 held until 19:00: the call can be at 19:00 at the earliest.
    expect(findRescheduleDelta({ times, resources: [boxes], labourOk: () => true })).toBe(HOUR);
    const blockedUntilMidnight: ResourceAvailability = { capacity: 1, quantity: 1, busy: [], blocked: (interval) => interval.start < at('2024-02-16T00:00:00+01:00') };
    expect(findRescheduleDelta({ times, resources: [blockedUntilMidnight], labourOk: () => true })).toBe(6 * HOUR);
    const labourFromThreeOClock = (candidate: ShiftTimes) => candidate.start >= at('2024-02-15T23:00:00+01:00');
    expect(findRescheduleDelta({ times, resources: [], labourOk: labourFromThreeOClock })).toBe(3 * HOUR);
  });

  it('gives up after the horizon (7 days)', () => {
    const week: ResourceAvailability = { capacity: 1, quantity: 1, busy: [allocation('tour', '2024-02-15T00:00:00+01:00', '2024-02-23T00:00:00+01:00')] };
    expect(findRescheduleDelta({ times, resources: [week], labourOk: () => true })).toBeNull();
    expect(findRescheduleDelta({ times, resources: [], labourOk: () => false })).toBeNull();
    expect(RESCHEDULE_HORIZON_MS).toBe(7 * 24 * HOUR);
  });

  it('treats intervals as half-open: a slot ending at the call time is free', () => {
    const before: ResourceAvailability = { capacity: 1, quantity: 1, busy: [allocation('shift_100', '2024-02-15T16:00:00+01:00', '2024-02-15T18:00:00+01:00')] };
    expect(fitsAt(before, { start: times.callAt, end: times.end })).toBe(true);
  });
});

describe('alternative technicians', () => {
  const profile = (skills: TechnicianProfile['specializations'][number]['skills']) => ({ specializations: [{ category: 'sound' as const, skills }] });
  const certified = [{ name: 'DiGiCo Certified', expiry_date: '2030-12-31' }];

  it('keeps the qualified ones only, best match first, then by id', () => {
    const ranked = rankAlternatives(
      [
        { id: 'user_c', profile: profile([{ name: 'foh_engineer', level: 4, certifications: certified }, { name: 'system_tech', level: 4 }]) },
        { id: 'user_b', profile: profile([{ name: 'foh_engineer', level: 5, certifications: certified }, { name: 'system_tech', level: 5 }]) },
        { id: 'user_a', profile: profile([{ name: 'foh_engineer', level: 5, certifications: certified }, { name: 'system_tech', level: 5 }]) },
        { id: 'user_uncertified', profile: profile([{ name: 'foh_engineer', level: 5 }, { name: 'system_tech', level: 5 }]) },
        { id: 'user_monitor', profile: profile([{ name: 'monitor_engineer', level: 5, certifications: certified }]) },
      ],
      { skills: ['foh_engineer', 'system_tech'], certifications: ['DiGiCo Certified'], onDate: '2024-02-16' },
    );
    expect(ranked).toEqual([
      { id: 'user_a', skillsMatch: 1 },
      { id: 'user_b', skillsMatch: 1 },
      { id: 'user_c', skillsMatch: 0.8 },
    ]);
  });

  it('requires the role when it names a skill', () => {
    expect(requiredSkillsOf({ role: 'foh_engineer', requiredSkills: ['system_tech'] })).toEqual(['system_tech', 'foh_engineer']);
    expect(requiredSkillsOf({ role: 'head of sound', requiredSkills: ['system_tech'] })).toEqual(['system_tech']);
    expect(requiredSkillsOf({ role: null, requiredSkills: [] })).toEqual([]);
  });
});
