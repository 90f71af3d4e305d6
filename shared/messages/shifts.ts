/** Messages of shifts, allocations, equipment bookings and check-in (French with its accents). */
// Type-only: catalogue.ts imports this module, a value import back would be circular.
import type { Entry } from './catalogue.ts';

const REFUSALS = {
  malformed: { fr: 'lien illisible', en: 'unreadable link' },
  unknown_key: { fr: 'lien signé par une clé retirée', en: 'link signed with a retired key' },
  bad_signature: { fr: 'signature invalide', en: 'invalid signature' },
  expired: { fr: 'lien expiré', en: 'expired link' },
  wrong_shift: { fr: "lien d'un autre shift", en: "another shift's link" },
  wrong_technician: { fr: "lien d'un autre technicien", en: "another technician's link" },
  wrong_action: { fr: "lien de l'autre action (check-in / check-out)", en: 'link of the other action (check-in / check-out)' },
} as const;

export const shiftMessages = {
  'CONCURRENT_UPDATE.allocation': {
    fr: 'La ressource est modifiée par de nombreuses requêtes simultanées ; réessayez',
    en: 'The resource is being changed by many simultaneous requests; retry',
  },
  'TRANSACTION_TOO_LARGE.allocation': ({ what }: { what: string }) => ({
    fr: `Trop de ressources dans une seule opération (${what})`,
    en: `Too many resources in one operation (${what})`,
  }),
  'TRANSACTION_TOO_LARGE.shift_change': ({ count, max }: { count: number; max: number }) => ({
    fr: `Trop de ressources changent en une seule opération (${count} éléments, ${max} au plus) ; faites la modification en deux fois`,
    en: `Too many resources change in one operation (${count} items, ${max} at most); make the change in two steps`,
  }),
  'EVENT_CANCELLED.shift': { fr: 'Événement annulé : aucun shift ne peut y être planifié', en: 'The event is cancelled: no shift can be planned for it' },
  'EVENT_CANCELLED.booking': { fr: 'Événement annulé : rien ne peut y être réservé', en: 'The event is cancelled: nothing can be booked for it' },
  INVALID_CHECKIN_TOKEN: ({ reason }: { reason: keyof typeof REFUSALS }) => ({
    fr: `Lien de pointage refusé : ${REFUSALS[reason]?.fr ?? reason}`,
    en: `Check-in link refused: ${REFUSALS[reason]?.en ?? reason}`,
  }),
  NOT_ON_SHIFT: { fr: "Vous n'êtes plus sur ce shift", en: 'You are no longer on this shift' },
  CHECK_IN_REQUIRED: { fr: 'Pas de check-out sans check-in', en: 'No check-out without a check-in' },
  ATTENDANCE_ALREADY_RECORDED: { fr: 'Cette heure est déjà enregistrée', en: 'This time is already recorded' },
  OUTSIDE_CHECKIN_WINDOW: ({ action, opensAt, closesAt }: { action: 'checkin' | 'checkout'; opensAt: string; closesAt: string }) => ({
    fr: `${action === 'checkin' ? 'Check-in' : 'Check-out'} possible de ${opensAt} à ${closesAt}`,
    en: `${action === 'checkin' ? 'Check-in' : 'Check-out'} is open from ${opensAt} to ${closesAt}`,
  }),
  'NOT_FOUND.booking_technician': { fr: 'Technicien introuvable', en: 'Technician not found' },
} satisfies Record<string, Entry>;
