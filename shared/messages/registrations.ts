/** Registrations to EventLite events and the public event pages. */
import { defineTexts, defineTemplates, withParams } from './define.ts';

export const registrationTexts = /* @__PURE__ */ defineTexts(() => ({
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
  'UNSUPPORTED_MEDIA_TYPE.form': {
    fr: 'Content-Type doit être application/x-www-form-urlencoded',
    en: 'Content-Type must be application/x-www-form-urlencoded',
  },
  // The public pages' texts (not errors), in both languages like every other sentence.
  'PAGE.register': { fr: "S'inscrire", en: 'Register' },
  'PAGE.name': { fr: 'Nom', en: 'Name' },
  'PAGE.email': { fr: 'Adresse e-mail', en: 'E-mail address' },
  'PAGE.consent': {
    fr: "J'accepte que l'organisateur conserve mon nom et mon adresse e-mail pour gérer mon inscription.",
    en: 'I agree that the organiser keeps my name and e-mail address to manage my registration.',
  },
  'PAGE.honeypot': { fr: 'Ne remplissez pas ce champ', en: 'Leave this field empty' },
  'PAGE.required': { fr: '(obligatoire)', en: '(required)' },
  'PAGE.open': { fr: 'Inscriptions ouvertes', en: 'Registrations open' },
  'PAGE.full_waitlist': { fr: "Complet : liste d'attente", en: 'Full: waitlist' },
  'PAGE.full': { fr: 'Complet', en: 'Full' },
  'PAGE.closed': { fr: 'Inscriptions fermées', en: 'Registrations closed' },
  'PAGE.cancelled': { fr: 'Événement annulé', en: 'Event cancelled' },
  'PAGE.waitlist_note': {
    fr: "L'événement est complet : vous serez inscrit sur la liste d'attente et confirmé dès qu'une place se libère, dans l'ordre d'arrivée.",
    en: 'The event is full: you will join the waitlist and be confirmed as soon as a place frees up, in order of arrival.',
  },
  'PAGE.when': { fr: 'Date', en: 'When' },
  'PAGE.where': { fr: 'Lieu', en: 'Where' },
  'PAGE.online': { fr: 'En ligne', en: 'Online' },
  'PAGE.map': { fr: 'Voir sur la carte', en: 'View on the map' },
  'PAGE.calendar': { fr: 'Ajouter à mon agenda (.ics)', en: 'Add to my calendar (.ics)' },
  'PAGE.about': { fr: 'Présentation', en: 'About' },
  'PAGE.errors': { fr: 'Le formulaire contient des erreurs :', en: 'The form has errors:' },
  'PAGE.error': { fr: 'Erreur', en: 'Error' },
  'PAGE.not_found': { fr: 'Page introuvable', en: 'Page not found' },
  'PAGE.home_event': { fr: "Retour à l'événement", en: 'Back to the event' },
  'PAGE.registration': { fr: 'Votre inscription', en: 'Your registration' },
  'PAGE.status_confirmed': { fr: 'Inscription confirmée', en: 'Registration confirmed' },
  'PAGE.status_cancelled': { fr: 'Inscription annulée', en: 'Registration cancelled' },
  'PAGE.cancel': { fr: 'Annuler mon inscription', en: 'Cancel my registration' },
  'PAGE.keep_link': {
    fr: "Gardez l'adresse de cette page : elle seule permet de retrouver et d'annuler votre inscription.",
    en: "Keep this page's address: it is the only way back to your registration and to cancel it.",
  },
  RATE_LIMITED_PAGE: withParams<{ seconds: number }>({ fr: 'Trop de tentatives depuis votre adresse ; réessayez dans {seconds} s', en: 'Too many attempts from your address; try again in {seconds} s' }),
  'PAGE.time_zone': withParams<{ zone: string }>({ fr: 'Heures du fuseau {zone}', en: 'Times in the {zone} time zone' }),
  'PAGE.registered_as': withParams<{ name: string }>({ fr: 'Au nom de {name}', en: 'In the name of {name}' }),
  'PAGE.status_waitlisted': withParams<{ position: number }>({ fr: 'Sur liste d\'attente : position {position}', en: 'On the waitlist: position {position}' }),
}));

export const registrationTemplates = defineTemplates({
  'PAGE.places_left': ({ count }: { count: number }) => ({
    fr: count === 1 ? '1 place restante' : `${count} places restantes`,
    en: count === 1 ? '1 place left' : `${count} places left`,
  }),
});
