/** The HTTP pipeline's messages: authentication, headers, bodies, idempotency, rate limits, routing. */
import { defineMessages, verbatim } from './define.ts';

export const httpMessages = defineMessages({
  'UNAUTHORIZED.eventlite': verbatim('Unauthorized - Invalid or missing API key'),
  'UNAUTHORIZED.planninghub': { fr: 'Authentification requise : jeton absent, invalide ou expiré', en: 'Authentication required: missing, invalid or expired token' },
  'UNAUTHORIZED.system': verbatim('Unauthorized'),
  'FORBIDDEN.not_member_eventlite': verbatim('Forbidden - You are not a member of this organization'),
  'FORBIDDEN.not_member_planninghub': { fr: "Accès refusé : vous n'êtes pas membre de cette organisation", en: 'Forbidden: you are not a member of this organisation' },
  'FORBIDDEN.not_member_system': verbatim('Forbidden'),
  'VALIDATION_ERROR.malformed_header': ({ header }: { header: string }) => ({ fr: `L'en-tête ${header} est mal formé`, en: `The ${header} header is malformed` }),
  'VALIDATION_ERROR.fields': ({ issues }: { issues: readonly { field: string; message: string }[] }) => ({
    fr: `Données invalides : ${issues.map((i) => `${i.field} - ${i.message}`).join('; ')}`,
    en: `Invalid data: ${issues.map((i) => `${i.field} - ${i.message}`).join('; ')}`,
  }),
  JWT_REQUIRED: { fr: 'Cette route exige le jeton de la personne (JWT), pas une clé API', en: "This route requires the person's own token (JWT), not an API key" },
  MISSING_ORGANIZATION_ID: { fr: "L'en-tête X-Organization-ID est obligatoire", en: 'The X-Organization-ID header is required' },
  'INSUFFICIENT_SCOPE.key': ({ needed }: { needed: string }) => ({
    fr: `Portée insuffisante : cette clé d'API n'a pas la portée ${needed}`,
    en: `Insufficient scope: this API key lacks the ${needed} scope`,
  }),
  'INSUFFICIENT_ROLE.one_of': ({ roles }: { roles: readonly string[] }) => ({
    fr: `Rôle insuffisant : il faut l'un de ${roles.join(', ')}`,
    en: `Insufficient role: one of ${roles.join(', ')} is required`,
  }),
  'EVENT_NOT_IN_ORGANIZATION.header': { fr: "X-Event-ID ne désigne pas un événement de cette organisation", en: 'X-Event-ID is not an event of this organisation' },
  INTERNAL_ERROR: { fr: 'Erreur interne du serveur', en: 'Internal server error' },
  PAYLOAD_TOO_LARGE: ({ maxBytes }: { maxBytes: number }) => ({
    fr: `Corps de requête trop volumineux (max ${maxBytes} octets)`,
    en: `Request body too large (max ${maxBytes} bytes)`,
  }),
  'UNSUPPORTED_MEDIA_TYPE.json': { fr: 'Content-Type doit être application/json', en: 'Content-Type must be application/json' },
  'UNSUPPORTED_MEDIA_TYPE.upload': { fr: 'Content-Type doit être multipart/form-data ou application/json', en: 'Content-Type must be multipart/form-data or application/json' },
  'INVALID_JSON.too_deep': ({ maxDepth }: { maxDepth: number }) => ({
    fr: `JSON trop imbriqué (au plus ${maxDepth} niveaux)`,
    en: `JSON nested too deeply (at most ${maxDepth} levels)`,
  }),
  'INVALID_JSON.malformed': { fr: 'JSON mal formé', en: 'Malformed JSON body' },
  INVALID_IDEMPOTENCY_KEY: { fr: "L'en-tête Idempotency-Key doit contenir de 1 à 255 caractères imprimables", en: 'The Idempotency-Key header must hold 1 to 255 printable characters' },
  IDEMPOTENCY_KEY_REUSED: { fr: 'Cette clé Idempotency-Key a déjà servi pour une requête différente', en: 'This Idempotency-Key was already used for a different request' },
  IDEMPOTENCY_IN_PROGRESS: { fr: 'Une requête avec cette clé Idempotency-Key est encore en cours de traitement', en: 'A request with this Idempotency-Key is still being processed' },
  'RATE_LIMIT_EXCEEDED.eventlite': verbatim('Too Many Requests - Rate limit exceeded'),
  'RATE_LIMIT_EXCEEDED.planninghub': ({ limit }: { limit: number }) => ({
    fr: `Trop de requêtes : limite de ${limit} requêtes par minute atteinte`,
    en: `Too many requests: limit of ${limit} requests per minute reached`,
  }),
  'RATE_LIMIT_EXCEEDED.system': verbatim('Too Many Requests'),
  'NOT_FOUND.route': { fr: 'Ressource introuvable : aucune route ne correspond à ce chemin', en: 'Not found: no route matches this path' },
  METHOD_NOT_ALLOWED: ({ allowed }: { allowed: readonly string[] }) => ({
    fr: `Méthode non autorisée sur ce chemin (autorisées : ${allowed.join(', ')})`,
    en: `Method not allowed on this path (allowed: ${allowed.join(', ')})`,
  }),
});
