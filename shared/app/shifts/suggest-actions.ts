/**
 * The spec's suggested_actions for a shift in conflict (bounded reads; the ranking is the pure
 * shared/domain/suggestions.ts).
 */
import { listMembers } from '../../store/identity.ts';
import { listTechnicianProfiles } from '../../store/technicians.ts';
import { readAllocations } from '../../store/allocations.ts';
import { readTechnicianSchedule } from '../../store/shifts.ts';
import { overlaps, type Interval } from '../../domain/allocation.ts';
import { assertCertified, assertMaintenance, EQUIPMENT_RESOURCE } from '../../domain/equipment.ts';
import { evaluateLabourRules, labourRulesDataRange } from '../../domain/labour-rules.ts';
import { heldInterval, lastLocalDate, moveTimes, workedOf, type HeldShift, type ShiftConflict, type ShiftDraft, type ShiftTimes, type ShiftWorld, type SuggestedAction } from '../../domain/shift.ts';
import { findRescheduleDelta, MAX_ALTERNATIVES_EVALUATED, MAX_ALTERNATIVES_PER_CONFLICT, rankAlternatives, requiredSkillsOf, RESCHEDULE_HORIZON_MS, type ResourceAvailability } from '../../domain/suggestions.ts';

const iso = (instant: number) => new Date(instant).toISOString();

const technicianIdsOf = (draft: ShiftDraft) => draft.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);

/**
 * The spec's suggested_actions for a shift in conflict: the next start at which everything is
 * free and lawful (one bounded read per resource over the 7-day horizon), and qualified members
 * who are free and within the labour rules instead of each technician in conflict (at most 50
 * evaluated, 3 kept per technician).
 */
export async function suggestActions(organizationId: string, draft: ShiftDraft, world: ShiftWorld, conflicts: readonly ShiftConflict[]): Promise<SuggestedAction[]> {
  const { times } = draft;
  const { timeZone, settings } = world;
  const horizonTimes = moveTimes(times, RESCHEDULE_HORIZON_MS);
  const horizon: Interval = { start: times.callAt, end: horizonTimes.end };
  const technicians = draft.resources.filter((resource) => resource.type === 'technician');
  const equipment = draft.resources.filter((resource) => resource.type === 'equipment');
  const labourWindow = (from: ShiftTimes, to: ShiftTimes): Interval => {
    const first = labourRulesDataRange(workedOf(from), settings.labour, timeZone);
    const last = labourRulesDataRange(workedOf(to), settings.labour, timeZone);
    return { start: first.start, end: last.end };
  };
  const lawful = (others: readonly HeldShift[], candidate: ShiftTimes, technicianId: string) =>
    evaluateLabourRules({
      technicianId,
      candidate: workedOf(candidate),
      others: others.map((other) => ({ id: other.ownerId, worked: other.worked })),
      settings: settings.labour,
      timeZone,
    }).violations.length === 0;

  const [schedules, bookings] = await Promise.all([
    Promise.all(technicians.map((technician) => readTechnicianSchedule(organizationId, technician.id, labourWindow(times, horizonTimes), { exceptShiftId: world.shiftId, consistent: false }))),
    Promise.all(equipment.map((resource) => readAllocations(organizationId, { type: EQUIPMENT_RESOURCE, id: resource.id }, horizon))),
  ]);
  const availability: ResourceAvailability[] = [
    ...technicians.map((_, i): ResourceAvailability => ({ capacity: 1, quantity: 1, busy: schedules[i]!.shifts })),
    ...equipment.map((resource, i): ResourceAvailability => {
      const item = world.equipment.get(resource.id)?.item ?? null;
      return {
        capacity: item?.quantityTotal ?? 1,
        quantity: resource.type === 'equipment' ? resource.quantity : 1,
        busy: bookings[i]!.filter((allocation) => allocation.ownerId !== world.shiftId),
        blocked: (interval) => {
          if (!item) return true;
          try {
            assertMaintenance(item, interval, timeZone);
            return false;
          } catch {
            return true;
          }
        },
      };
    }),
  ];
  const delta = findRescheduleDelta({
    times,
    resources: availability,
    labourOk: (candidate) => technicians.every((technician, i) => lawful(schedules[i]!.shifts, candidate, technician.id)),
  });
  const actions: SuggestedAction[] = delta === null ? [] : [{ type: 'reschedule', newStartAt: iso(times.start + delta) }];

  const inConflict = technicians.filter((technician) => conflicts.some((conflict) => conflict.resourceType === 'technician' && conflict.resourceId === technician.id));
  if (inConflict.length === 0) return actions;
  const [profiles, members] = await Promise.all([listTechnicianProfiles(organizationId), listMembers(organizationId)]);
  const memberIds = new Set(members.map((member) => member.userId));
  const onShift = new Set(technicianIdsOf(draft));
  const candidates = profiles.filter((profile) => memberIds.has(profile.userId) && !onShift.has(profile.userId)).map((profile) => ({ id: profile.userId, profile }));
  const interval = heldInterval(times);
  const onDate = lastLocalDate(times, timeZone);
  const suggested = new Set<string>();
  let evaluated = 0;
  for (const technician of inConflict) {
    if (technician.type !== 'technician') continue;
    // The certifications only this technician brought to the shift's equipment must come with the replacement.
    const others = technicians.filter((other) => other.id !== technician.id);
    const certifications = equipment.flatMap((resource) => {
      const item = world.equipment.get(resource.id)?.item;
      if (!item || item.requiredCertifications.length === 0) return [];
      const covered = others.some((other) => {
        try {
          assertCertified(item, interval, { id: other.id, profile: world.technicians.get(other.id)?.profile ?? null }, timeZone);
          return true;
        } catch {
          return false;
        }
      });
      return covered ? [] : item.requiredCertifications;
    });
    const ranked = rankAlternatives(candidates, { skills: requiredSkillsOf(technician), certifications, onDate }).filter((candidate) => !suggested.has(candidate.id));
    let kept = 0;
    for (let i = 0; i < ranked.length && kept < MAX_ALTERNATIVES_PER_CONFLICT && evaluated < MAX_ALTERNATIVES_EVALUATED; ) {
      const batch = ranked.slice(i, i + Math.min(10, MAX_ALTERNATIVES_EVALUATED - evaluated));
      i += batch.length;
      evaluated += batch.length;
      const candidateSchedules = await Promise.all(
        batch.map((candidate) =>
          readTechnicianSchedule(organizationId, candidate.id, labourRulesDataRange(workedOf(times), settings.labour, timeZone), { exceptShiftId: world.shiftId, consistent: false }),
        ),
      );
      batch.forEach((candidate, k) => {
        if (kept >= MAX_ALTERNATIVES_PER_CONFLICT) return;
        const held = candidateSchedules[k]!.shifts;
        const free = !held.some((other) => overlaps(other, interval));
        if (free && lawful(held, times, candidate.id)) {
          actions.push({ type: 'alternative_technician', technicianId: candidate.id, skillsMatch: candidate.skillsMatch, replaces: technician.id });
          suggested.add(candidate.id);
          kept++;
        }
      });
    }
  }
  return actions;
}

