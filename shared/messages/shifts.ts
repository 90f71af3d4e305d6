/** Messages of shifts, allocations, equipment bookings and check-in (French with its accents). */
import { defineTexts, defineTemplates, withParams } from './define.ts';

const REFUSALS = {
  malformed: { fr: 'lien illisible', en: 'unreadable link' },
  unknown_key: { fr: 'lien signé par une clé retirée', en: 'link signed with a retired key' },
  bad_signature: { fr: 'signature invalide', en: 'invalid signature' },
  expired: { fr: 'lien expiré', en: 'expired link' },
  wrong_shift: { fr: "lien d'un autre shift", en: "another shift's link" },
  wrong_technician: { fr: "lien d'un autre technicien", en: "another technician's link" },
  wrong_action: { fr: "lien de l'autre action (check-in / check-out)", en: 'link of the other action (check-in / check-out)' },
} as const;

const RULE_NAMES = {
  daily_rest: { fr: 'Repos quotidien', en: 'Daily rest' },
  daily_max: { fr: 'Durée quotidienne de travail', en: 'Daily working time' },
  weekly_max: { fr: 'Durée hebdomadaire de travail', en: 'Weekly working time' },
  weekly_average_12: { fr: 'Durée hebdomadaire moyenne', en: 'Average weekly working time' },
  weekly_rest: { fr: 'Repos hebdomadaire', en: 'Weekly rest' },
} as const;

interface RuleCheckParams {
  rule: keyof typeof RULE_NAMES;
  minimum: boolean;
  violation: boolean;
  actual: string;
  limit: string;
  source: string;
}

const ruleCheck = ({ rule, minimum, violation, actual, limit, source }: RuleCheckParams) => {
  const name = RULE_NAMES[rule] ?? { fr: String(rule), en: String(rule) };
  const bound = minimum ? 'minimum' : 'maximum';
  return {
    fr: `${name.fr} ${violation ? (minimum ? 'insuffisant' : 'dépassée') : 'proche de la limite'}: ${actual} (${bound} ${limit}, ${source}).`,
    en: `${name.en} ${violation ? (minimum ? 'insufficient' : 'exceeded') : 'close to the limit'}: ${actual} (${bound} ${limit}, ${source}).`,
  };
};

export const shiftTexts = /* @__PURE__ */ defineTexts(() => ({
  'CONCURRENT_UPDATE.allocation': {
    fr: 'La ressource est modifiée par de nombreuses requêtes simultanées ; réessayez',
    en: 'The resource is being changed by many simultaneous requests; retry',
  },
  'EVENT_CANCELLED.shift': { fr: 'Événement annulé : aucun shift ne peut y être planifié', en: 'The event is cancelled: no shift can be planned for it' },
  'EVENT_CANCELLED.booking': { fr: 'Événement annulé : rien ne peut y être réservé', en: 'The event is cancelled: nothing can be booked for it' },
  NOT_ON_SHIFT: { fr: "Vous n'êtes plus sur ce shift", en: 'You are no longer on this shift' },
  CHECK_IN_REQUIRED: { fr: 'Pas de check-out sans check-in', en: 'No check-out without a check-in' },
  ATTENDANCE_ALREADY_RECORDED: { fr: 'Cette heure est déjà enregistrée', en: 'This time is already recorded' },
  'NOT_FOUND.booking_technician': { fr: 'Technicien introuvable', en: 'Technician not found' },
  'NOT_FOUND.booking': { fr: 'Réservation introuvable', en: 'Booking not found' },
  'NOT_FOUND.shift': { fr: 'Shift introuvable', en: 'Shift not found' },
  'NOT_FOUND.shift_event': { fr: 'Événement introuvable', en: 'Event not found' },
  SHIFT_CANCELLED: { fr: 'Ce shift est annulé : il ne peut plus être modifié', en: 'This shift is cancelled and can no longer be changed' },
  'PRECONDITION_REQUIRED.shift_version': {
    fr: 'Indiquez la version lue (champ version ou en-tête If-Match) pour modifier un shift',
    en: 'Send the version you read (version field or If-Match header) to change a shift',
  },
  'VALIDATION_ERROR.if_match': { fr: 'If-Match invalide : "<version>" attendu', en: 'Invalid If-Match: "<version>" expected' },
  'VALIDATION_ERROR.version_if_match': { fr: 'version et If-Match diffèrent', en: 'version and If-Match differ' },
  'VALIDATION_ERROR.cancel_alone': { fr: "Une annulation ne s'accompagne d'aucun autre changement", en: 'A cancellation comes with no other change' },
  'VALIDATION_ERROR.total_without_breakdown': { fr: 'total_amount est obligatoire avec breakdown', en: 'total_amount is required with breakdown' },
  'VALIDATION_ERROR.breakdown_without_total': { fr: 'breakdown est obligatoire avec total_amount', en: 'breakdown is required with total_amount' },
  'INVALID_TIME_RANGE.call_after_start': { fr: 'call_time doit précéder ou égaler start_time', en: 'call_time must be on or before start_time' },
  'INVALID_TIME_RANGE.break_end': { fr: 'Une pause doit finir après son début', en: 'A break must end after it starts' },
  'INVALID_TIME_RANGE.break_outside': { fr: 'Une pause doit se situer entre call_time et end_time', en: 'A break must lie between call_time and end_time' },
  'INVALID_TIME_RANGE.overlapping_breaks': { fr: 'Deux pauses se chevauchent', en: 'Two breaks overlap' },
  EQUIPMENT_RETIRED: { fr: 'Équipement retiré du parc : il ne peut plus être réservé', en: 'This equipment is retired and cannot be booked' },
  'VALIDATION_ERROR.unit_booking_quantity': { fr: 'Un équipement unitaire se réserve avec quantity = 1', en: 'A unit is booked with quantity = 1' },
  'INSUFFICIENT_ROLE.shift_view': {
    fr: 'Rôle insuffisant : seul un régisseur, un administrateur ou un technicien du shift le voit',
    en: 'Insufficient role: only a stage manager, an admin or a technician of the shift sees it',
  },
  'INSUFFICIENT_ROLE.shift_list': {
    fr: 'Rôle insuffisant : un technicien liste ses propres shifts (mine=true)',
    en: 'Insufficient role: a technician lists their own shifts (mine=true)',
  },
  'VALIDATION_ERROR.mine_technician': { fr: 'technician_id contredit mine=true', en: 'technician_id contradicts mine=true' },
  'VALIDATION_ERROR.event_id_header': { fr: 'event_id diffère de X-Event-ID', en: 'event_id differs from X-Event-ID' },
  // Field messages of the shifts' request schemas (shared/schemas/shifts.ts), in details.
  'VALIDATION_ERROR.besides_version': { fr: 'Au moins un champ autre que version doit être envoyé', en: 'At least one field besides version must be sent' },
  'VALIDATION_ERROR.resource_twice': { fr: 'Ressource citée deux fois', en: 'Resource listed twice' },
  'VALIDATION_ERROR.expected_version': { fr: '"<version>" attendu', en: 'Expected "<version>"' },
  'VALIDATION_ERROR.differs_from_if_match': { fr: 'Diffère de If-Match', en: 'Differs from If-Match' },
  'TRANSACTION_TOO_LARGE.allocation': withParams<{ what: string }>({ fr: 'Trop de ressources dans une seule opération ({what})', en: 'Too many resources in one operation ({what})' }),
  'TRANSACTION_TOO_LARGE.shift_change': withParams<{ count: number; max: number }>({ fr: 'Trop de ressources changent en une seule opération ({count} éléments, {max} au plus) ; faites la modification en deux fois', en: 'Too many resources change in one operation ({count} items, {max} at most); make the change in two steps' }),
  'NOT_FOUND.shift_technician': withParams<{ id: string }>({ fr: 'Technicien introuvable : {id}', en: 'Technician not found: {id}' }),
  'NOT_FOUND.shift_equipment': withParams<{ id: string }>({ fr: 'Équipement introuvable : {id}', en: 'Equipment not found: {id}' }),
  'PRECONDITION_FAILED.shift_version': withParams<{ current: number; sent: number }>({ fr: 'Le shift a été modifié entre-temps (version {current}, version envoyée {sent}) ; relisez-le puis recommencez', en: 'The shift was changed meanwhile (version {current}, version sent {sent}); read it again and retry' }),
  'VALIDATION_ERROR.duplicate_resource': withParams<{ id: string }>({ fr: 'Ressource en double : {id}', en: 'Resource listed twice: {id}' }),
  'VALIDATION_ERROR.total_differs': withParams<{ total: number; sum: number }>({ fr: 'total_amount ({total}) diffère de la somme du breakdown ({sum})', en: 'total_amount ({total}) differs from the sum of the breakdown ({sum})' }),
  'INVALID_TIME_RANGE.malformed': withParams<{ field: string; example: string }>({ fr: '{field} invalide : instant RFC 3339 attendu (ex. {example})', en: 'Invalid {field}: an RFC 3339 instant is expected (e.g. {example})' }),
  'INVALID_TIME_RANGE.end_not_after_start': withParams<{ start: string; end: string }>({ fr: '{end} doit être postérieur à {start}', en: '{end} must be after {start}' }),
  'INVALID_TIME_RANGE.window_too_long': withParams<{ days: number }>({ fr: 'La fenêtre dépasse {days} jours', en: 'The window is longer than {days} days' }),
  'INVALID_TIME_RANGE.booking_too_long': withParams<{ days: number }>({ fr: 'Une réservation dure au plus {days} jours ; réservez plusieurs créneaux au-delà', en: 'A booking lasts at most {days} days; book several slots beyond that' }),
  'INVALID_TIME_RANGE.shift_too_long': withParams<{ hours: number }>({ fr: 'Un shift dure au plus {hours} h de call_time à end_time ; découpez-le en plusieurs shifts', en: 'A shift lasts at most {hours} h from call_time to end_time; split it into several shifts' }),
  'SKILL_MISMATCH.shift': withParams<{ what: string }>({ fr: 'Technicien non qualifié pour l\'équipement ou le rôle ({what})', en: 'Technician not qualified for the equipment or the role ({what})' }),
  'SKILL_MISMATCH.certification': withParams<{ names: string }>({ fr: 'Technicien non certifié pour cet équipement ({names})', en: 'The technician is not certified for this equipment ({names})' }),
  OVERLAP_WARNING: withParams<{ technicianId: string; range: string; rest: string }>({ fr: 'Le technicien {technicianId} a un autre shift à {range} le même jour (temps de repos respecté: {rest}).', en: 'Technician {technicianId} has another shift at {range} the same day (rest respected: {rest}).' }),
  'RESOURCE_CONFLICT.stock': withParams<{ available: number; capacity: number; requested: number }>({ fr: 'Stock insuffisant : {available} disponible(s) sur {capacity} sur ce créneau, {requested} demandé(s)', en: 'Not enough stock: {available} of {capacity} available in this slot, {requested} asked for' }),
  'RESOURCE_CONFLICT.booked': withParams<{ what: string }>({ fr: 'Équipement déjà réservé{what}', en: 'Equipment already booked{what}' }),
  'VALIDATION_ERROR.quantity_over_stock': withParams<{ stock: number }>({ fr: 'La quantité demandée dépasse le stock ({stock})', en: 'The quantity asked for is more than the stock ({stock})' }),
  'MAINTENANCE_OVERDUE.last_too_old': withParams<{ last: string; months: number; limit: string }>({ fr: 'L\'équipement nécessite une maintenance : dernière maintenance le {last}, plus de {months} mois avant la réservation (utilisable jusqu\'au {limit})', en: 'Equipment needs maintenance: last maintained on {last}, more than {months} months before the booking (usable until {limit})' }),
  'MAINTENANCE_OVERDUE.next_during_booking': withParams<{ next: string }>({ fr: 'L\'équipement nécessite une maintenance : maintenance prévue le {next}, avant la fin de la réservation', en: 'Equipment needs maintenance: maintenance is due on {next}, before the booking ends' }),
  OUTSIDE_AVAILABILITY: withParams<{ technicianId: string }>({ fr: 'Le technicien {technicianId} ne s\'est pas déclaré disponible sur toute la durée du shift.', en: 'Technician {technicianId} did not declare themself available for the whole shift.' }),
  CONTRACT_MISSING: withParams<{ technicianId: string }>({ fr: 'Le technicien {technicianId} n\'a pas de contrat : son coût n\'est pas dans le calcul.', en: 'Technician {technicianId} has no employment contract: their labour is not in the computed cost.' }),
  BUDGET_LINE_UNKNOWN: withParams<{ line: string }>({ fr: 'Le budget de l\'événement n\'a pas de ligne "{line}".', en: 'The event\'s budget has no "{line}" line.' }),
  BUDGET_LINE_EXCEEDED: withParams<{ line: string; consumed: number; amount: number }>({ fr: 'La ligne budgétaire "{line}" est dépassée : {consumed} consommés pour {amount} prévus.', en: 'The "{line}" budget line is exceeded: {consumed} consumed for {amount} budgeted.' }),
}));

export const shiftTemplates = defineTemplates({
  INVALID_CHECKIN_TOKEN: ({ reason }: { reason: keyof typeof REFUSALS }) => ({
    fr: `Lien de pointage refusé : ${REFUSALS[reason]?.fr ?? reason}`,
    en: `Check-in link refused: ${REFUSALS[reason]?.en ?? reason}`,
  }),
  OUTSIDE_CHECKIN_WINDOW: ({ action, opensAt, closesAt }: { action: 'checkin' | 'checkout'; opensAt: string; closesAt: string }) => ({
    fr: `${action === 'checkin' ? 'Check-in' : 'Check-out'} possible de ${opensAt} à ${closesAt}`,
    en: `${action === 'checkin' ? 'Check-in' : 'Check-out'} is open from ${opensAt} to ${closesAt}`,
  }),
  'INVALID_TIME_RANGE.too_long': ({ start, end, hours }: { start: string; end: string; hours: number }) => ({
    fr: `La plage ${start}-${end} dépasse la durée maximale (${hours % 24 === 0 ? `${hours / 24} jours` : `${hours} h`})`,
    en: `The range ${start}-${end} is longer than the maximum (${hours % 24 === 0 ? `${hours / 24} days` : `${hours} h`})`,
  }),
  LABOR_LAW_VIOLATION: ({ technicianId, check }: { technicianId: string; check: RuleCheckParams }) => {
    const explained = ruleCheck(check);
    return { fr: `Violation des conventions collectives pour ${technicianId} : ${explained.fr}`, en: `Collective agreement violated for ${technicianId}: ${explained.en}` };
  },
  LABOR_LAW_NEAR_LIMIT: ruleCheck,
  'RESOURCE_CONFLICT.shift': ({ technician, resourceId, by, span, more }: { technician: boolean; resourceId: string; by: string; span: string; more: number }) => ({
    fr: `Conflit de ressource : ${technician ? 'Technicien' : 'Équipement'} ${resourceId} déjà pris par ${by} (${span})${more > 0 ? ` et ${more} autre(s) conflit(s)` : ''}`,
    en: `Resource conflict: ${technician ? 'Technician' : 'Equipment'} ${resourceId} already taken by ${by} (${span})${more > 0 ? ` and ${more} more conflict(s)` : ''}`,
  }),
  MAINTENANCE_DUE: ({ days, next }: { days: number; next: string }) => ({
    fr: `Cet équipement nécessite une maintenance dans ${days} jour${Number(days) === 1 ? '' : 's'} (next_maintenance_date: ${next}).`,
    en: `This equipment needs maintenance in ${days} day${Number(days) === 1 ? '' : 's'} (next_maintenance_date: ${next}).`,
  }),
});
