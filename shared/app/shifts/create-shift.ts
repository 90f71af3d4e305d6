/**
 * POST /v1/shifts: judged at every attempt against fresh reads (shared/domain/shift.ts), then
 * allocated, written and counted against its budget line and the event's holds in one
 * transaction (allocate() with the store's shiftCreationPlan). Conflicts: 409 RESOURCE_CONFLICT
 * with suggestions under `reject`; under `flag`, a `pending` shift holding only its free resources.
 */
import { randomHex } from '../../random-hex.ts';
import { allocate, busy } from '../../store/allocations.ts';
import { ensureConsumptionMap, shiftCreationPlan, SHIFT_ITEM_INDEX } from '../../store/shifts.ts';
import { assessShift, encodeWorked, resourceConflictError, type ShiftConflict, type ShiftDraft, type ShiftWorld, type SuggestedAction } from '../../domain/shift.ts';
import { outboxPut, newOutboxId, putOutboxEvent } from '../../store/outbox.ts';
import { shiftConflictDetected, shiftLifecycle } from '../../domain/event-payloads.ts';
import { suggestActions } from './suggest-actions.ts';
import { DocumentCheckRefused, shiftDocumentChecks } from '../documents/shift-documents.ts';
import { addForced, buildShift, conflictsOfResult, ConflictsFound, loadFresh, loadStatic, MAX_FLAG_ROUNDS, sameConflictSet, type ShiftCaller, type ShiftWriteResult } from './world.ts';

export interface NewShiftInput {
  shiftId: string;
  draft: ShiftDraft;
  now: Date;
}

export async function createShift(caller: ShiftCaller, input: NewShiftInput): Promise<ShiftWriteResult> {
  const { organizationId } = caller;
  const { draft, shiftId, now } = input;
  // Read with the first attempt's fresh reads, in the same round trip.
  const staticWorld = loadStatic(organizationId, draft);
  staticWorld.catch(() => undefined);
  // The documents the shift points at are conditions of its transaction, never a read before it.
  const documentChecks = shiftDocumentChecks(organizationId, draft);
  let documentChecksFrom = Number.POSITIVE_INFINITY;
  const scheduledAt = now.getTime();
  const writeToken = randomHex(8);
  // Drawn once: an attempt that committed although its answer was lost is recognised with its events.
  const outboxIds = { created: newOutboxId(), conflict: newOutboxId() };
  const forced: ShiftConflict[] = [];
  let suggestions: { conflicts: ShiftConflict[]; actions: SuggestedAction[] } | null = null;
  const suggestionsFor = async (world: ShiftWorld, conflicts: ShiftConflict[]) => {
    if (!suggestions || !sameConflictSet(suggestions.conflicts, conflicts)) suggestions = { conflicts, actions: await suggestActions(organizationId, draft, world, conflicts) };
    return suggestions.actions;
  };

  try {
    for (let round = 1; round <= MAX_FLAG_ROUNDS; round++) {
      const result = await allocate(
        organizationId,
        async () => {
          const world = await loadFresh(organizationId, draft, staticWorld, { shiftId, lang: caller.lang, scheduledAt, forced, prefetch: true });
          const assessment = assessShift(draft, world);
          if (assessment.conflicts.length > 0 && draft.conflictPolicy === 'reject') throw new ConflictsFound(assessment.conflicts, world);
          const actions = assessment.conflicts.length > 0 ? await suggestionsFor(world, assessment.conflicts) : [];
          if (world.event && world.event.budgetConsumed === undefined) await ensureConsumptionMap(organizationId, draft.eventId);
          const shift = buildShift({ shiftId, draft, assessment, suggestions: actions, organizationId, previous: null, by: caller.userId, now, scheduledAt, writeToken });
          const plan = shiftCreationPlan(shift, world, encodeWorked(assessment.worked));
          const context = { at: now, timeZone: world.timeZone };
          const events = [
            outboxPut(shiftLifecycle('shift.created', shift, { ...context, id: outboxIds.created })),
            ...(assessment.conflicts.length > 0
              ? [outboxPut(shiftConflictDetected(organizationId, { shiftId, eventId: draft.eventId, conflicts: assessment.conflicts, suggestions: actions }, { ...context, id: outboxIds.conflict }))]
              : []),
          ];
          documentChecksFrom = plan.items.length + events.length;
          return { ...plan, items: [...plan.items, ...events, ...documentChecks.items], prefetched: world.prefetched, shift, assessment, world };
        },
        {
          onItemRejected: (index) => {
            if (index === SHIFT_ITEM_INDEX) throw new Error(`Shift id ${shiftId} already taken`);
            if (index >= documentChecksFrom) throw new DocumentCheckRefused(index - documentChecksFrom);
            // The event, a schedule or an item moved since they were read: judge again.
            return 'retry';
          },
        },
      );
      if (result.ok) return { shift: result.plan.shift, warnings: result.plan.assessment.warnings };
      // A race the plan's reads did not see: the allocation store's own reads are the truth.
      const lost = conflictsOfResult(result.conflicts);
      if (draft.conflictPolicy === 'reject') throw new ConflictsFound(lost, result.plan.world);
      addForced(forced, lost);
    }
    throw busy();
  } catch (error) {
    if (error instanceof DocumentCheckRefused) throw await documentChecks.refused(error.index);
    if (error instanceof ConflictsFound) {
      const actions = await suggestionsFor(error.world, error.conflicts);
      // Nothing else is written: the conflict's event is a put of its own.
      await putOutboxEvent(
        shiftConflictDetected(organizationId, { shiftId, eventId: draft.eventId, conflicts: error.conflicts, suggestions: actions }, { id: outboxIds.conflict, at: now, timeZone: (await staticWorld).timeZone }),
      );
      throw resourceConflictError(error.conflicts, actions, { shiftId, timeZone: (await staticWorld).timeZone });
    }
    throw error;
  }
}
