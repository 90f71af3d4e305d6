/** Registrations to EventLite events and the public event pages. */
import { defineMessages } from './define.ts';

export const registrationMessages = defineMessages({
  'NOT_FOUND.registration': { fr: 'Inscription introuvable', en: 'Registration not found' },
  'REGISTRATION_REFUSED.draft': {
    fr: "Inscriptions impossibles : l'événement n'est pas publié",
    en: 'Registrations refused: the event is not published',
  },
  'REGISTRATION_REFUSED.closed': { fr: 'Inscriptions fermées', en: 'Registrations are closed' },
  'REGISTRATION_REFUSED.cancelled': { fr: 'Événement annulé', en: 'The event is cancelled' },
  'REGISTRATION_REFUSED.full': { fr: 'Événement complet', en: 'Event full' },
  ALREADY_REGISTERED: {
    fr: 'Cette adresse e-mail est déjà inscrite à cet événement',
    en: 'This e-mail address is already registered for this event',
  },
  'CONCURRENT_UPDATE.registration': {
    fr: "L'inscription a été modifiée en même temps ; réessayez",
    en: 'The registration was changed concurrently; retry',
  },
  'VALIDATION_ERROR.registration_name': { fr: 'Indiquez votre nom (100 caractères au plus)', en: 'Enter your name (at most 100 characters)' },
  'VALIDATION_ERROR.registration_email': { fr: 'Indiquez une adresse e-mail valide', en: 'Enter a valid e-mail address' },
  'VALIDATION_ERROR.registration_consent': {
    fr: "Cochez la case pour accepter que l'organisateur conserve votre nom et votre adresse e-mail",
    en: 'Tick the box to let the organiser keep your name and e-mail address',
  },
  FORBIDDEN_CSRF: {
    fr: "Le formulaire a expiré ou ne vient pas de cette page ; rechargez la page et réessayez",
    en: 'The form expired or did not come from this page; reload the page and try again',
  },
  RATE_LIMITED_PAGE: ({ seconds }: { seconds: number }) => ({
    fr: `Trop de tentatives depuis votre adresse ; réessayez dans ${seconds} s`,
    en: `Too many attempts from your address; try again in ${seconds} s`,
  }),
});
