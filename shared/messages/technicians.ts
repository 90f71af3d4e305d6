/** Technicians: profiles and availability. */
import { defineTexts, defineTemplates, withParams } from './define.ts';

type At = { date: string; range: string | null };

export const technicianTexts = /* @__PURE__ */ defineTexts(() => ({
  'NOT_FOUND.technician': { fr: 'Technicien introuvable', en: 'Technician not found' },
  'INSUFFICIENT_ROLE.technician_profile': {
    fr: 'Rôle insuffisant : seul un régisseur, un administrateur ou le technicien lui-même voit ce profil',
    en: 'Insufficient role: only a stage manager, an admin or the technician themself sees this profile',
  },
  OWN_PROFILE_FORBIDDEN: {
    fr: 'Vous ne pouvez pas modifier vos propres compétences ni votre contrat : demandez à un autre régisseur ou à un administrateur',
    en: 'You cannot change your own skills or contract: ask another stage manager or an admin',
  },
  // Field messages of the technicians' request schemas (shared/schemas/technicians.ts).
  'VALIDATION_ERROR.certification_repeated': { fr: 'Une certification ne doit pas se répéter dans une compétence', en: 'A certification must not repeat within a skill' },
  'VALIDATION_ERROR.two_decimals': { fr: 'Deux décimales au plus', en: 'At most two decimals' },
  'VALIDATION_ERROR.skill_repeated': { fr: 'Une compétence ne doit pas se répéter', en: 'A skill must not repeat' },
  'VALIDATION_ERROR.valid_on_without_certification': { fr: 'valid_on va avec certification', en: 'valid_on needs certification' },
  'VALIDATION_ERROR.phone': { fr: 'Numéro de téléphone invalide', en: 'Invalid phone number' },
  'VALIDATION_ERROR.no_date': { fr: 'Au moins une date doit être envoyée', en: 'At least one date must be sent' },
  'VALIDATION_ERROR.to_before_from': { fr: 'to doit être égal ou postérieur à from', en: 'to must be on or after from' },
  'INVALID_TIME_RANGE.malformed_range': withParams<At>({ fr: 'Plage horaire invalide pour le {date} : « {range} » (format attendu HH:MM-HH:MM)', en: 'Invalid time range for {date}: "{range}" (expected HH:MM-HH:MM)' }),
  'INVALID_TIME_RANGE.empty_range': withParams<At>({ fr: 'Plage horaire vide pour le {date} : « {range} » (le début et la fin sont identiques)', en: 'Empty time range for {date}: "{range}" (start and end are the same)' }),
  'INVALID_TIME_RANGE.invalid_date': withParams<At>({ fr: 'Date invalide : « {date} » (date du calendrier attendue au format AAAA-MM-JJ)', en: 'Invalid date: "{date}" (expected a calendar date as YYYY-MM-DD)' }),
  'INVALID_TIME_RANGE.not_a_list': withParams<At>({ fr: 'Valeur invalide pour le {date} : une liste de plages HH:MM-HH:MM ou null est attendue', en: 'Invalid value for {date}: expected a list of HH:MM-HH:MM ranges or null' }),
  // Warning of PATCH /v1/users/me/availability: the spec's sentence, with its accents.
  'SHIFT_OVERLAP.availability': withParams<{ shiftId: string }>({ fr: 'Ce créneau chevauche un shift existant ({shiftId}). Le conflit sera résolu par le régisseur.', en: 'This slot overlaps an existing shift ({shiftId}). The stage manager will resolve the conflict.' }),
  'VALIDATION_ERROR.too_many_dates': withParams<{ max: number }>({ fr: '{max} dates au plus par requête', en: 'At most {max} dates per request' }),
  'VALIDATION_ERROR.too_many_ranges': withParams<{ max: number }>({ fr: '{max} plages au plus par date', en: 'At most {max} ranges per date' }),
  'VALIDATION_ERROR.team_range_too_long': withParams<{ max: number }>({ fr: 'La période couvre {max} jours au plus', en: 'The range spans at most {max} days' }),
}));

export const technicianTemplates = defineTemplates({
  // Every bad date of one request, in one message (the details list them one by one).
  'INVALID_TIME_RANGE.all': ({ errors }: { errors: readonly { localised: { fr: string; en: string } }[] }) => ({
    fr: errors.map((error) => error.localised.fr).join(' ; '),
    en: errors.map((error) => error.localised.en).join('; '),
  }),
});
