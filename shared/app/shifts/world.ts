/**
 * What every shift write shares: the world it is judged against (read once for what does not
 * change between attempts, fresh at every attempt for the rest), and the shift it builds.
 */
import { getMembership } from '../../store/identity.ts';
import { getTechnicianProfiles } from '../../store/technicians.ts';
import { getEquipment } from '../../store/equipment.ts';
import { getEvent } from '../../store/events.ts';
import { readAllocations, readLocksOf, resourceKey, type PrefetchedResource, type ResourceConflict } from '../../store/allocations.ts';
import { readScheduleVersion, readTechnicianShifts, shiftSettings } from '../../store/shifts.ts';
import { overlaps, spanOfStripes, stripesOf } from '../../domain/allocation.ts';
import { labourRulesDataRange } from '../../domain/labour-rules.ts';
import { EQUIPMENT_RESOURCE, type Language } from '../../domain/equipment.ts';
import type { OrgSettings } from '../../domain/org-settings.ts';
import type { TechnicianProfile } from '../../domain/technician.ts';
import {
  conflictsOf,
  heldInterval,
  TECHNICIAN_RESOURCE,
  workedOf,
  type EquipmentState,
  type Shift,
  type ShiftAssessment,
  type ShiftConflict,
  type ShiftDraft,
  type ShiftWarning,
  type ShiftWorld,
  type SuggestedAction,
  type TechnicianState,
} from '../../domain/shift.ts';

const iso = (instant: number) => new Date(instant).toISOString();

export interface ShiftCaller {
  organizationId: string;
  userId: string;
  lang: Language;
}

export interface ShiftWriteResult {
  shift: Shift;
  warnings: ShiftWarning[];
}

export interface StaticWorld {
  timeZone: string;
  settings: OrgSettings;
  members: Map<string, boolean>;
  profiles: Map<string, TechnicianProfile>;
}

export async function loadStatic(organizationId: string, draft: ShiftDraft): Promise<StaticWorld> {
  const technicianIds = draft.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);
  const [{ timeZone, settings }, memberships, profiles] = await Promise.all([
    shiftSettings(organizationId),
    Promise.all(technicianIds.map((id) => getMembership(organizationId, id))),
    getTechnicianProfiles(organizationId, technicianIds),
  ]);
  return {
    timeZone,
    settings,
    members: new Map(technicianIds.map((id, i) => [id, memberships[i] !== null])),
    profiles: new Map(profiles.map((profile) => [profile.userId, profile])),
  };
}

export interface FreshWorld extends ShiftWorld {
  /** Schedule versions of the technicians, read before their shifts. */
  scheduleVersions: Map<string, number | null>;
  /** With `prefetch`: the lock versions and allocations the allocation store needs, read in its order. */
  prefetched?: Map<string, PrefetchedResource>;
}

/**
 * What can change between attempts, read fresh: the event and the equipment (written only if
 * unchanged), each technician's schedule version THEN their shifts over the labour rules' range
 * (consistent), and the equipment's allocations over the shift (the allocation store re-checks
 * them under its locks). Two round trips: every version and item first (with the static world
 * when it is still a promise), then the range queries.
 *
 * With `prefetch` (a creation), the first round trip also reads the lock versions of every
 * resource's stripes (one BatchGet) and the equipment's allocations are read consistent, so the
 * allocation store reads neither again: a technician's labour-range query covers the shift's
 * overlap window. A change (update-shift) leaves it off: its re-allocation sets its own
 * allocations aside in the store's reads.
 */
export async function loadFresh(
  organizationId: string,
  draft: ShiftDraft,
  staticWorld: StaticWorld | Promise<StaticWorld>,
  context: { shiftId: string; lang: Language; scheduledAt: number; forced: readonly ShiftConflict[]; alreadyConsumed?: ShiftWorld['alreadyConsumed']; prefetch?: boolean },
): Promise<FreshWorld> {
  const interval = heldInterval(draft.times);
  const technicianIds = draft.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id);
  const equipmentIds = draft.resources.filter((resource) => resource.type === 'equipment').map((resource) => resource.id);
  const refs = [...technicianIds.map((id) => ({ type: TECHNICIAN_RESOURCE, id })), ...equipmentIds.map((id) => ({ type: EQUIPMENT_RESOURCE, id }))];
  const stripes = stripesOf([interval]);
  const [statics, event, items, versions, locks] = await Promise.all([
    staticWorld,
    getEvent(organizationId, draft.eventId, true),
    Promise.all(equipmentIds.map((id) => getEquipment(organizationId, id, true))),
    // Versions strictly before the ranges they guard (read in the next round trip).
    Promise.all(technicianIds.map((id) => readScheduleVersion(organizationId, id))),
    context.prefetch ? readLocksOf(organizationId, refs.map((resource) => ({ resource, stripes }))) : undefined,
  ]);
  const labourRange = labourRulesDataRange(workedOf(draft.times), statics.settings.labour, statics.timeZone);
  const [schedules, allocations] = await Promise.all([
    Promise.all(
      technicianIds.map((id) =>
        statics.members.get(id) ? readTechnicianShifts(organizationId, id, labourRange, { exceptShiftId: context.shiftId }) : Promise.resolve({ shifts: [], allocations: [] }),
      ),
    ),
    // Over the stripes whole: the allocation store recounts their usage from it.
    Promise.all(equipmentIds.map((id) => readAllocations(organizationId, { type: EQUIPMENT_RESOURCE, id }, spanOfStripes(stripes), { consistent: context.prefetch === true }))),
  ]);
  const technicians = new Map<string, TechnicianState>(
    technicianIds.map((id, i) => [id, { member: statics.members.get(id) ?? false, profile: statics.profiles.get(id) ?? null, others: schedules[i]!.shifts }]),
  );
  const equipment = new Map<string, EquipmentState>(
    equipmentIds.map((id, i) => [id, { item: items[i] ?? null, allocations: allocations[i]!.filter((allocation) => allocation.ownerId !== context.shiftId && overlaps(allocation, interval)) }]),
  );
  const prefetched = locks
    ? new Map<string, PrefetchedResource>([
        ...technicianIds.flatMap((id, i): [string, PrefetchedResource][] =>
          statics.members.get(id) ? [[resourceKey({ type: TECHNICIAN_RESOURCE, id }), { stripes, locks: locks.get(resourceKey({ type: TECHNICIAN_RESOURCE, id }))!, covers: labourRange, allocations: schedules[i]!.allocations }]] : [],
        ),
        ...equipmentIds.map((id, i): [string, PrefetchedResource] => [resourceKey({ type: EQUIPMENT_RESOURCE, id }), { stripes, locks: locks.get(resourceKey({ type: EQUIPMENT_RESOURCE, id }))!, covers: spanOfStripes(stripes), allocations: allocations[i]! }]),
      ])
    : undefined;
  return {
    shiftId: context.shiftId,
    timeZone: statics.timeZone,
    settings: statics.settings,
    lang: context.lang,
    scheduledAt: context.scheduledAt,
    event,
    technicians,
    equipment,
    forcedConflicts: context.forced,
    alreadyConsumed: context.alreadyConsumed ?? null,
    scheduleVersions: new Map(technicianIds.map((id, i) => [id, statics.members.get(id) ? versions[i]! : null])),
    prefetched,
  };
}

/** A plan found conflicts and the policy is `reject`: nothing is written. */
export class ConflictsFound extends Error {
  constructor(readonly conflicts: ShiftConflict[], readonly world: FreshWorld) {
    super('conflicts');
  }
}

export const conflictsOfResult = (conflicts: readonly ResourceConflict[]): ShiftConflict[] =>
  conflicts.flatMap((entry) => conflictsOf({ type: entry.resource.type === TECHNICIAN_RESOURCE ? 'technician' : 'equipment', id: entry.resource.id }, entry.conflict));


export const sameConflictSet = (a: readonly ShiftConflict[], b: readonly ShiftConflict[]) => {
  const keyOf = (conflict: ShiftConflict) => `${conflict.resourceType}#${conflict.resourceId}`;
  const left = new Set(a.map(keyOf));
  const right = new Set(b.map(keyOf));
  return left.size === right.size && [...left].every((key) => right.has(key));
};

/** Conflicts found in a race the plan's reads did not see, added to those the next judgement is forced to count. */
export function addForced(forced: ShiftConflict[], lost: readonly ShiftConflict[]): void {
  forced.push(...lost.filter((conflict) => !forced.some((known) => known.resourceType === conflict.resourceType && known.resourceId === conflict.resourceId)));
}

/** Rounds of allocation under the `flag` policy: each lost race moves a resource to the conflicts, so a few rounds settle. */
export const MAX_FLAG_ROUNDS = 4;

export function buildShift(input: { shiftId: string; draft: ShiftDraft; assessment: ShiftAssessment; suggestions: SuggestedAction[]; organizationId: string; previous: Shift | null; by: string; now: Date; scheduledAt: number; writeToken: string }): Shift {
  const { draft, assessment, previous } = input;
  const at = input.now.toISOString();
  return {
    id: input.shiftId,
    organizationId: input.organizationId,
    eventId: draft.eventId,
    title: draft.title,
    callAt: iso(draft.times.callAt),
    startAt: iso(draft.times.start),
    endAt: iso(draft.times.end),
    breaks: draft.times.breaks.map((pause) => ({ startAt: iso(pause.start), endAt: iso(pause.end), mandatory: pause.mandatory })),
    resources: assessment.resources,
    technicianIds: assessment.resources.filter((resource) => resource.type === 'technician').map((resource) => resource.id),
    priority: draft.priority,
    metadata: draft.metadata,
    conflictPolicy: draft.conflictPolicy,
    status: assessment.status,
    conflicts: assessment.conflicts,
    suggestedActions: assessment.conflicts.length > 0 ? input.suggestions : [],
    economicValue: assessment.economicValue,
    scheduledAt: iso(input.scheduledAt),
    version: previous ? previous.version + 1 : 1,
    createdAt: previous?.createdAt ?? at,
    createdBy: previous?.createdBy ?? input.by,
    updatedAt: at,
    updatedBy: input.by,
    cancelledAt: null,
    cancelledBy: null,
    writeToken: input.writeToken,
  };
}

