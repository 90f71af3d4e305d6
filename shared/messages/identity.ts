/** Identity: accounts, login, members, invitations, API keys. */
import { defineTexts, defineTemplates, verbatim } from './define.ts';

export const identityTexts = /* @__PURE__ */ defineTexts(() => ({
  INVALID_CREDENTIALS: { fr: 'E-mail ou mot de passe incorrect', en: 'Incorrect e-mail or password' },
  TOO_MANY_LOGIN_ATTEMPTS: { fr: 'Trop de tentatives de connexion ; réessayez plus tard', en: 'Too many login attempts; try again later' },
  IDENTITY_PROVIDER_UNAVAILABLE: { fr: "Le fournisseur d'identité ne répond pas", en: 'The identity provider is unavailable' },
  'FORBIDDEN.login_not_member': { fr: "Vous n'êtes pas membre de cette organisation", en: 'You are not a member of this organisation' },
  'FORBIDDEN.no_longer_member': { fr: "Vous n'êtes plus membre de cette organisation", en: 'You are no longer a member of this organisation' },
  'EVENT_NOT_IN_ORGANIZATION.login': { fr: "event_id ne désigne pas un événement de cette organisation", en: 'event_id is not an event of this organisation' },
  USER_EXISTS: { fr: 'Cet utilisateur existe déjà', en: 'This user already exists' },
  'NOT_FOUND.api_key': verbatim('API key not found'),
  'NOT_FOUND.member': { fr: 'Membre introuvable', en: 'Member not found' },
  'NOT_FOUND.user': { fr: 'Utilisateur introuvable', en: 'User not found' },
  'NOT_FOUND.invitation': { fr: 'Invitation introuvable', en: 'Invitation not found' },
  LAST_ADMIN: { fr: "L'organisation doit garder au moins un administrateur", en: 'The organisation must keep at least one admin' },
  ALREADY_MEMBER: { fr: 'Cette personne est déjà membre', en: 'This person is already a member' },
  'CONCURRENT_UPDATE.members': {
    fr: 'Les membres sont modifiés par de nombreuses requêtes simultanées ; réessayez',
    en: 'The members are being changed by many simultaneous requests; retry',
  },
  INVITATION_EXPIRED: { fr: 'Cette invitation a expiré', en: 'This invitation has expired' },
  INVITATION_NOT_PENDING: { fr: "Cette invitation n'est plus en attente", en: 'This invitation is no longer pending' },
  'FORBIDDEN.api_key_not_member': verbatim('Forbidden - You are not a member of this organization'),
  // Field messages of an API key's expiry (in VALIDATION_ERROR details).
  'API_KEY_EXPIRY.past': { fr: 'doit être dans le futur', en: 'must be in the future' },
  'API_KEY_EXPIRY.too_far': { fr: 'doit être au plus dans un an', en: 'must be at most one year ahead' },
  'API_KEY_EXPIRY.beyond_parent': { fr: "ne peut pas dépasser l'expiration de la clé qui fait la demande", en: 'must not be later than the expiry of the key making this request' },
  // Field messages of the identity request schemas (shared/schemas/planninghub-identity.ts).
  'VALIDATION_ERROR.roles_repeated': { fr: 'Un rôle ne doit pas se répéter', en: 'Roles must not repeat' },
}));

export const identityTemplates = defineTemplates({
  'INSUFFICIENT_SCOPE.grant': ({ scopes }: { scopes: readonly string[] }) => ({
    fr: `Accès refusé : vous ne pouvez pas accorder ${scopes.join(', ')}`,
    en: `Forbidden - you cannot grant ${scopes.join(', ')}`,
  }),
});
