/**
 * The `suggested_actions` that come with every conflict (409 RESOURCE_CONFLICT and pending
 * shifts), as in the spec's shift-conflict webhook (docs/shifts.md, "Suggestions"):
 *
 * - reschedule: the earliest start, in steps of 15 minutes up to 7 days later, at which the same
 *   shift (same duration, call time and breaks moved with it) holds every one of its resources
 *   (no overlap, stock enough, no maintenance in the way) and every technician passes the labour
 *   rules. Searched over what was read once for the whole horizon, so it costs no query per step.
 * - assign_alternative_technician: for each technician in conflict, qualified members (every
 *   required skill, the certifications only they would bring) ranked by skills_match, then by id;
 *   the store then keeps those who are free and within the labour rules.
 */
import { findConflicts, overlaps, type Allocation, type Interval } from './allocation.ts';
import { heldInterval, moveTimes, type ShiftTimes } from './shift.ts';
import { isQualified, skillsMatch, type SkillRequirement } from './skills-match.ts';
import { skillNames, type TechnicianProfile } from './technician.ts';

export const RESCHEDULE_STEP_MS = 15 * 60_000;
export const RESCHEDULE_HORIZON_MS = 7 * 24 * 3_600_000;
/** Alternatives evaluated (queries for their schedules) per request, whatever the organisation's size. */
export const MAX_ALTERNATIVES_EVALUATED = 50;
/** Alternatives suggested per technician in conflict. */
export const MAX_ALTERNATIVES_PER_CONFLICT = 3;

export interface ResourceAvailability {
  /** 1 for a technician or a unit; the stock of a bulk item. */
  capacity: number;
  quantity: number;
  /** The resource's allocations over the whole search horizon, the shift's own excluded. */
  busy: readonly Allocation[];
  /** True when the resource cannot be used over `interval` for another reason (maintenance). */
  blocked?: (interval: Interval) => boolean;
}

export function fitsAt(resource: ResourceAvailability, interval: Interval): boolean {
  if (resource.blocked?.(interval)) return false;
  const relevant = resource.busy.filter((allocation) => overlaps(allocation, interval));
  return findConflicts(relevant, [{ id: 'candidate', start: interval.start, end: interval.end, quantity: resource.quantity }], resource.capacity).length === 0;
}

/**
 * How much later the shift can take place with everything it needs, or null within the horizon.
 * Cheap checks first: the labour rules only run at a step where every resource is free.
 */
export function findRescheduleDelta(params: {
  times: ShiftTimes;
  resources: readonly ResourceAvailability[];
  labourOk: (times: ShiftTimes) => boolean;
  stepMs?: number;
  horizonMs?: number;
}): number | null {
  const step = params.stepMs ?? RESCHEDULE_STEP_MS;
  const horizon = params.horizonMs ?? RESCHEDULE_HORIZON_MS;
  for (let delta = step; delta <= horizon; delta += step) {
    const moved = moveTimes(params.times, delta);
    const interval = heldInterval(moved);
    if (params.resources.every((resource) => fitsAt(resource, interval)) && params.labourOk(moved)) return delta;
  }
  return null;
}

/** The skills an alternative needs: those required, and the role when it names a skill (`foh_engineer`). */
export function requiredSkillsOf(resource: { role: string | null; requiredSkills: readonly string[] }): string[] {
  const skills = [...resource.requiredSkills];
  if (resource.role !== null && (skillNames as readonly string[]).includes(resource.role) && !skills.includes(resource.role)) skills.push(resource.role);
  return skills;
}

export interface RankedAlternative {
  id: string;
  skillsMatch: number;
}

/** Qualified candidates, best match first, then by id so the answer is stable. */
export function rankAlternatives(candidates: readonly { id: string; profile: Pick<TechnicianProfile, 'specializations'> }[], requirement: SkillRequirement): RankedAlternative[] {
  return candidates
    .filter((candidate) => isQualified(candidate.profile, requirement))
    .map((candidate) => ({ id: candidate.id, skillsMatch: skillsMatch(candidate.profile, requirement) }))
    .filter((candidate) => candidate.skillsMatch > 0)
    .sort((a, b) => b.skillsMatch - a.skillsMatch || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
