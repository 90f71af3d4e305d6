/**
 * PATCH /v1/shifts/{id} (other than a cancellation): every check runs again against fresh reads,
 * the shift's own allocations set aside; then ONE transaction releases and re-allocates what
 * changes hands (allocate() with a `reallocation`: the lock protocol of a creation), with the
 * technicians' index and schedule items, the event's consumption and the shift itself on
 * condition of its version (412 PRECONDITION_FAILED when `expectedVersion` is not the current one).
 */
import { DocumentCheckRefused, shiftDocumentChecks, type ShiftDocumentChecks } from '../documents/shift-documents.ts';
import { randomHex } from '../../random-hex.ts';
import { allocate, busy, MAX_TRANSACTION_ITEMS } from '../../store/allocations.ts';
import { ensureConsumptionMap, getShift, shiftChangePlan } from '../../store/shifts.ts';
import { DomainError } from '../../domain/errors.ts';
import { message } from '../../messages/catalogue.ts';
import {
  assessShift,
  consumedCents,
  encodeWorked,
  resourceConflictError,
  shiftCancelled,
  shiftNotFound,
  staleVersion,
  type Shift,
  type ShiftChange,
  type ShiftConflict,
  type ShiftDraft,
  type SuggestedAction,
} from '../../domain/shift.ts';
import { outboxPut, newOutboxId, putOutboxEvent } from '../../store/outbox.ts';
import { shiftConflictDetected, shiftLifecycle } from '../../domain/event-payloads.ts';
import { suggestActions } from './suggest-actions.ts';
import { addForced, buildShift, conflictsOfResult, ConflictsFound, loadFresh, loadStatic, MAX_FLAG_ROUNDS, sameConflictSet, type ShiftCaller, type ShiftWriteResult, type StaticWorld } from './world.ts';

export type { ShiftChange } from '../../domain/shift.ts';

const tooLarge = (count: number) =>
  new DomainError(
    'invalid',
    'TRANSACTION_TOO_LARGE',
    message('TRANSACTION_TOO_LARGE.shift_change', { count, max: MAX_TRANSACTION_ITEMS }),
    { items: count, max_items: MAX_TRANSACTION_ITEMS },
  );

/** An earlier attempt of this very request committed although its answer was lost. */
class AlreadyWritten extends Error {
  constructor(readonly shift: Shift) {
    super('already written');
  }
}

export async function updateShift(caller: ShiftCaller, shiftId: string, expectedVersion: number, change: (current: Shift) => ShiftChange, now: Date): Promise<ShiftWriteResult> {
  const { organizationId } = caller;
  const writeToken = randomHex(8);
  const outboxIds = { updated: newOutboxId(), conflict: newOutboxId() };
  let statics: StaticWorld | null = null;
  let suggestions: { conflicts: ShiftConflict[]; actions: SuggestedAction[] } | null = null;
  const forced: ShiftConflict[] = [];
  let draft: ShiftDraft | null = null;
  // The documents the shift newly points at: conditions of its transaction, never a read before it.
  let documentChecks: ShiftDocumentChecks | null = null;
  let documentChecksFrom = Number.POSITIVE_INFINITY;
  try {
    for (let round = 1; round <= MAX_FLAG_ROUNDS; round++) {
      const result = await allocate(
        organizationId,
        async () => {
          const current = await getShift(organizationId, shiftId, true);
          if (!current) throw shiftNotFound();
          if (current.writeToken === writeToken) throw new AlreadyWritten(current);
          if (current.status === 'cancelled') throw shiftCancelled();
          if (current.version !== expectedVersion) throw staleVersion(current.version, expectedVersion);
          const planned = change(current);
          draft = planned.draft;
          documentChecks = shiftDocumentChecks(organizationId, draft, current);
          statics ??= await loadStatic(organizationId, draft);
          const scheduledAt = planned.moved ? now.getTime() : Date.parse(current.scheduledAt);
          const world = await loadFresh(organizationId, draft, statics, {
            shiftId,
            lang: caller.lang,
            scheduledAt,
            forced,
            alreadyConsumed: { budgetLine: current.economicValue.budgetLine, cents: consumedCents(current.economicValue) },
          });
          const assessment = assessShift(draft, world);
          if (assessment.conflicts.length > 0 && planned.policy === 'reject') throw new ConflictsFound(assessment.conflicts, world);
          if (assessment.conflicts.length > 0 && (!suggestions || !sameConflictSet(suggestions.conflicts, assessment.conflicts))) {
            suggestions = { conflicts: assessment.conflicts, actions: await suggestActions(organizationId, draft, world, assessment.conflicts) };
          }
          if (world.event && world.event.budgetConsumed === undefined) await ensureConsumptionMap(organizationId, draft.eventId);
          const next = buildShift({ shiftId, draft, assessment, suggestions: suggestions?.actions ?? [], organizationId, previous: current, by: caller.userId, now, scheduledAt, writeToken });
          const plan = shiftChangePlan(current, next, world, encodeWorked(assessment.worked));
          const context = { at: now, timeZone: world.timeZone };
          const events = [
            outboxPut(shiftLifecycle('shift.updated', next, { ...context, id: outboxIds.updated })),
            ...(assessment.conflicts.length > 0
              ? [outboxPut(shiftConflictDetected(organizationId, { shiftId, eventId: next.eventId, conflicts: assessment.conflicts, suggestions: suggestions?.actions ?? [] }, { ...context, id: outboxIds.conflict }))]
              : []),
          ];
          documentChecksFrom = plan.items.length + events.length;
          return { ...plan, items: [...plan.items, ...events, ...documentChecks.items], next, assessment, world, policy: planned.policy };
        },
        // Anything that moved (the shift, the event, a schedule, an item): read and judge again.
        {
          tooLarge,
          onItemRejected: (index) => {
            if (index >= documentChecksFrom) throw new DocumentCheckRefused(index - documentChecksFrom);
            return 'retry';
          },
        },
      );
      if (result.ok) return { shift: result.plan.next, warnings: result.plan.assessment.warnings };
      const lost = conflictsOfResult(result.conflicts);
      if (result.plan.policy === 'reject') throw new ConflictsFound(lost, result.plan.world);
      addForced(forced, lost);
    }
    throw busy();
  } catch (error) {
    if (error instanceof AlreadyWritten) return { shift: error.shift, warnings: [] };
    if (error instanceof DocumentCheckRefused && documentChecks) throw await (documentChecks as ShiftDocumentChecks).refused(error.index);
    if (error instanceof ConflictsFound && draft) {
      const found = suggestions as { conflicts: ShiftConflict[]; actions: SuggestedAction[] } | null;
      const actions = found && sameConflictSet(found.conflicts, error.conflicts) ? found.actions : await suggestActions(organizationId, draft, error.world, error.conflicts);
      const rejected = draft as ShiftDraft;
      await putOutboxEvent(
        shiftConflictDetected(organizationId, { shiftId, eventId: rejected.eventId, conflicts: error.conflicts, suggestions: actions }, { id: outboxIds.conflict, at: now, timeZone: error.world.timeZone }),
      );
      throw resourceConflictError(error.conflicts, actions, { shiftId, timeZone: error.world.timeZone });
    }
    throw error;
  }
}
