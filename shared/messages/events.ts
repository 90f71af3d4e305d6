/** Events (both surfaces) and their production side. */
import { defineTexts, defineTemplates, verbatim, withParams } from './define.ts';

export const eventTexts = /* @__PURE__ */ defineTexts(() => ({
  'NOT_FOUND.event': verbatim('Event not found'),
  'NOT_FOUND.production_event': { fr: 'Événement introuvable', en: 'Event not found' },
  'FORBIDDEN.not_owner': verbatim("Forbidden - You don't own this event"),
  NOT_EVENT_ORGANIZER: {
    fr: "Seul l'organisateur de l'événement (planificateur) ou un admin peut le modifier ou le supprimer",
    en: "Only the event's organiser (while a planner) or an admin may change or delete it",
  },
  'VALIDATION_ERROR.end_before_start': { fr: 'endAt doit être postérieur à startAt', en: 'endAt must be after startAt' },
  'VALIDATION_ERROR.back_to_draft': {
    fr: 'Impossible de repasser en brouillon un événement qui a des inscrits',
    en: 'Cannot move an event with registrations back to DRAFT',
  },
  'VALIDATION_ERROR.end_date_before_start_date': { fr: 'end_date doit être postérieure ou égale à start_date', en: 'end_date must be on or after start_date' },
  'VALIDATION_ERROR.amount': { fr: 'Le montant doit être positif ou nul, au centime près', en: 'The amount must be zero or more, to the cent' },
  'CONCURRENT_UPDATE.event': { fr: "L'événement a été modifié en même temps ; réessayez", en: 'The event was changed concurrently; retry' },
  SLUG_UNAVAILABLE: { fr: 'Aucun slug libre pour ce titre', en: 'No free slug for this title' },
  'VALIDATION_ERROR.cursor': { fr: 'Curseur invalide', en: 'Invalid cursor' },
  // Next steps of a production (not errors): the spec's steps, in correct French.
  'NEXT_STEP.general_stage_manager': { fr: 'Assigner un régisseur général', en: 'Assign a general stage manager' },
  'NEXT_STEP.riders': { fr: 'Importer les riders techniques des artistes', en: "Import the artists' technical riders" },
  'NEXT_STEP.rehearsals': { fr: 'Planifier les répétitions techniques', en: 'Schedule the technical rehearsals' },
  // Field messages of the events' request schemas (shared/schemas/planninghub-events.ts, eventlite.ts).
  'VALIDATION_ERROR.time_zone': { fr: 'Fuseau horaire IANA inconnu', en: 'Unknown IANA time zone' },
  'VALIDATION_ERROR.budget_line': { fr: 'Une ligne budgétaire s\'écrit en minuscules, chiffres et _', en: 'A budget line is lower-case letters, digits and _' },
  'INSUFFICIENT_ROLE.eventlite': withParams<{ roles: string }>({ fr: 'Interdit - Rôle insuffisant : il faut l\'un de {roles}', en: 'Forbidden - Insufficient role: one of {roles} is required' }),
  'INSUFFICIENT_ROLE.planninghub': withParams<{ roles: string }>({ fr: 'Rôle insuffisant : il faut l\'un de {roles}', en: 'Insufficient role: one of {roles} is required' }),
  'VALIDATION_ERROR.capacity_below_confirmed': withParams<{ confirmed: number }>({ fr: 'La capacité ne peut pas être inférieure au nombre d\'inscrits confirmés ({confirmed})', en: 'capacity cannot be below the number of confirmed registrations ({confirmed})' }),
  'VALIDATION_ERROR.budget_lines': withParams<{ sum: string; total: number }>({ fr: 'La somme des lignes ({sum}) dépasse le total du budget ({total})', en: 'The budget lines add up to {sum}, more than the total ({total})' }),
  'VALIDATION_ERROR.too_many_budget_lines': withParams<{ max: number }>({ fr: '{max} lignes budgétaires au plus', en: 'At most {max} budget lines' }),
}));

export const eventTemplates = defineTemplates({
  'VALIDATION_ERROR.status_transition': ({ from, to, cancelled }: { from: string; to: string; cancelled: boolean }) => ({
    fr: `Transition de statut interdite : ${from} -> ${to}${cancelled ? ' (un événement annulé le reste)' : ''}`,
    en: `Invalid status transition: ${from} -> ${to}${cancelled ? ' (a cancelled event stays cancelled)' : ''}`,
  }),
  EVENT_HAS_ACTIVE_ALLOCATIONS: ({ shifts, bookings }: { shifts: number; bookings: number }) =>
    verbatim(`Conflict - Cancel the event's ${shifts} shift(s) and ${bookings} equipment booking(s) first`),
});
