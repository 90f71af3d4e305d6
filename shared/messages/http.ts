/** The HTTP pipeline's messages: authentication, headers, bodies, idempotency, rate limits, routing. */
import { defineTexts, defineTemplates, verbatim, type Text, withParams } from './define.ts';
// Constants only (bounds.ts imports nothing): the primitives' messages name the bounds they check.
import { MAX_ID_LENGTH, MAX_YEAR, MIN_YEAR } from '../domain/bounds.ts';

export const httpTexts = /* @__PURE__ */ defineTexts(() => ({
  'UNAUTHORIZED.eventlite': verbatim('Unauthorized - Invalid or missing API key'),
  'UNAUTHORIZED.planninghub': { fr: 'Authentification requise : jeton absent, invalide ou expiré', en: 'Authentication required: missing, invalid or expired token' },
  'UNAUTHORIZED.system': verbatim('Unauthorized'),
  'FORBIDDEN.not_member_eventlite': verbatim('Forbidden - You are not a member of this organization'),
  'FORBIDDEN.not_member_planninghub': { fr: "Accès refusé : vous n'êtes pas membre de cette organisation", en: 'Forbidden: you are not a member of this organisation' },
  'FORBIDDEN.not_member_system': verbatim('Forbidden'),
  JWT_REQUIRED: { fr: 'Cette route exige le jeton de la personne (JWT), pas une clé API', en: "This route requires the person's own token (JWT), not an API key" },
  MISSING_ORGANIZATION_ID: { fr: "L'en-tête X-Organization-ID est obligatoire", en: 'The X-Organization-ID header is required' },
  'EVENT_NOT_IN_ORGANIZATION.header': { fr: "X-Event-ID ne désigne pas un événement de cette organisation", en: 'X-Event-ID is not an event of this organisation' },
  INTERNAL_ERROR: { fr: 'Erreur interne du serveur', en: 'Internal server error' },
  'UNSUPPORTED_MEDIA_TYPE.json': { fr: 'Content-Type doit être application/json', en: 'Content-Type must be application/json' },
  'UNSUPPORTED_MEDIA_TYPE.upload': { fr: 'Content-Type doit être multipart/form-data ou application/json', en: 'Content-Type must be multipart/form-data or application/json' },
  'INVALID_JSON.malformed': { fr: 'JSON mal formé', en: 'Malformed JSON body' },
  INVALID_IDEMPOTENCY_KEY: { fr: "L'en-tête Idempotency-Key doit contenir de 1 à 255 caractères imprimables", en: 'The Idempotency-Key header must hold 1 to 255 printable characters' },
  IDEMPOTENCY_KEY_REUSED: { fr: 'Cette clé Idempotency-Key a déjà servi pour une requête différente', en: 'This Idempotency-Key was already used for a different request' },
  IDEMPOTENCY_IN_PROGRESS: { fr: 'Une requête avec cette clé Idempotency-Key est encore en cours de traitement', en: 'A request with this Idempotency-Key is still being processed' },
  'RATE_LIMIT_EXCEEDED.eventlite': verbatim('Too Many Requests - Rate limit exceeded'),
  'RATE_LIMIT_EXCEEDED.system': verbatim('Too Many Requests'),
  'NOT_FOUND.route': { fr: 'Ressource introuvable : aucune route ne correspond à ce chemin', en: 'Not found: no route matches this path' },
  // Field messages of the schemas' building blocks (shared/schemas/primitives.ts).
  'VALIDATION_ERROR.bounded_id': {
    fr: `De 1 à ${MAX_ID_LENGTH} lettres, chiffres ou _ - . : | @`,
    en: `1-${MAX_ID_LENGTH} letters, digits or _ - . : | @`,
  },
  'VALIDATION_ERROR.not_storable': {
    fr: 'Nombre non enregistrable (fini, 0 ou au moins 1e-130 en valeur absolue, au plus 2^53)',
    en: 'Number not storable (finite, 0 or at least 1e-130 in magnitude, at most 2^53)',
  },
  'VALIDATION_ERROR.year_out_of_range': { fr: `Année hors limites (${MIN_YEAR}-${MAX_YEAR})`, en: `Year out of range (${MIN_YEAR}-${MAX_YEAR})` },
  // zod's own checks, by issue code (shared/http/validation.ts): zod's locales stay out of the bundles.
  'VALIDATION_ERROR.required': { fr: 'Champ obligatoire', en: 'Required' },
  'VALIDATION_ERROR.integer': { fr: 'Doit être un nombre entier', en: 'Must be an integer' },
  'VALIDATION_ERROR.unknown_field': { fr: 'Champ inconnu', en: 'Unknown field' },
  'VALIDATION_ERROR.invalid_key': { fr: 'Clé invalide', en: 'Invalid key' },
  'VALIDATION_ERROR.invalid_element': { fr: 'Élément invalide', en: 'Invalid element' },
  'VALIDATION_ERROR.invalid_input': { fr: 'Valeur invalide', en: 'Invalid value' },
  'VALIDATION_ERROR.malformed_header': withParams<{ header: string }>({ fr: 'L\'en-tête {header} est mal formé', en: 'The {header} header is malformed' }),
  'INSUFFICIENT_SCOPE.key': withParams<{ needed: string }>({ fr: 'Portée insuffisante : cette clé d\'API n\'a pas la portée {needed}', en: 'Insufficient scope: this API key lacks the {needed} scope' }),
  PAYLOAD_TOO_LARGE: withParams<{ maxBytes: number }>({ fr: 'Corps de requête trop volumineux (max {maxBytes} octets)', en: 'Request body too large (max {maxBytes} bytes)' }),
  'INVALID_JSON.too_deep': withParams<{ maxDepth: number }>({ fr: 'JSON trop imbriqué (au plus {maxDepth} niveaux)', en: 'JSON nested too deeply (at most {maxDepth} levels)' }),
  'RATE_LIMIT_EXCEEDED.planninghub': withParams<{ limit: number }>({ fr: 'Trop de requêtes : limite de {limit} requêtes par minute atteinte', en: 'Too many requests: limit of {limit} requests per minute reached' }),
  'VALIDATION_ERROR.not_multiple_of': withParams<{ divisor: number | bigint }>({ fr: 'Doit être un multiple de {divisor}', en: 'Must be a multiple of {divisor}' }),
}));

export const httpTemplates = defineTemplates({
  'VALIDATION_ERROR.fields': ({ issues }: { issues: readonly { field: string; message: string }[] }) => ({
    fr: `Données invalides : ${issues.map((i) => `${i.field} - ${i.message}`).join('; ')}`,
    en: `Invalid data: ${issues.map((i) => `${i.field} - ${i.message}`).join('; ')}`,
  }),
  'INSUFFICIENT_ROLE.one_of': ({ roles }: { roles: readonly string[] }) => ({
    fr: `Rôle insuffisant : il faut l'un de ${roles.join(', ')}`,
    en: `Insufficient role: one of ${roles.join(', ')} is required`,
  }),
  METHOD_NOT_ALLOWED: ({ allowed }: { allowed: readonly string[] }) => ({
    fr: `Méthode non autorisée sur ce chemin (autorisées : ${allowed.join(', ')})`,
    en: `Method not allowed on this path (allowed: ${allowed.join(', ')})`,
  }),
  'VALIDATION_ERROR.expected_type': ({ expected, received }: { expected: string; received: string }) => ({
    fr: `Type attendu : ${typeName(expected).fr} ; type reçu : ${typeName(received).fr}`,
    en: `Expected ${typeName(expected).en}, received ${typeName(received).en}`,
  }),
  'VALIDATION_ERROR.too_small': ({ origin, minimum, inclusive }: Bound & { minimum: number | bigint }) => {
    const n = Number(minimum);
    if (origin === 'string') return n <= 1 ? { fr: 'Ne doit pas être vide', en: 'Must not be empty' } : { fr: `${n} caractères au moins`, en: `At least ${n} characters` };
    if (origin === 'array' || origin === 'set') return { fr: `${n} élément${n > 1 ? 's' : ''} au moins`, en: `At least ${n} item${n > 1 ? 's' : ''}` };
    return inclusive ? { fr: `Doit être supérieur ou égal à ${n}`, en: `Must be at least ${n}` } : { fr: `Doit être strictement supérieur à ${n}`, en: `Must be greater than ${n}` };
  },
  'VALIDATION_ERROR.too_big': ({ origin, maximum, inclusive }: Bound & { maximum: number | bigint }) => {
    const n = Number(maximum);
    if (origin === 'string') return { fr: `${n} caractère${n > 1 ? 's' : ''} au plus`, en: `At most ${n} character${n > 1 ? 's' : ''}` };
    if (origin === 'array' || origin === 'set') return { fr: `${n} élément${n > 1 ? 's' : ''} au plus`, en: `At most ${n} item${n > 1 ? 's' : ''}` };
    return inclusive ? { fr: `Doit être inférieur ou égal à ${n}`, en: `Must be at most ${n}` } : { fr: `Doit être strictement inférieur à ${n}`, en: `Must be less than ${n}` };
  },
  'VALIDATION_ERROR.invalid_format': ({ format }: { format: string }) => formatName(format),
  'VALIDATION_ERROR.invalid_value': ({ allowed }: { allowed: readonly unknown[] }) => {
    const listed = allowed.map((value) => (typeof value === 'string' ? `"${value}"` : String(value))).join(', ');
    return allowed.length === 1 ? { fr: `Valeur attendue : ${listed}`, en: `Expected ${listed}` } : { fr: `Valeur attendue parmi ${listed}`, en: `Expected one of ${listed}` };
  },
});

// The words zod's issues carry (a type, a format), in both languages; unknown ones as zod names them.
type Bound = { origin: string; inclusive?: boolean };
const typeNames: Record<string, Text> = {
  string: { fr: 'chaîne de caractères', en: 'string' },
  number: { fr: 'nombre', en: 'number' },
  int: { fr: 'nombre entier', en: 'integer' },
  boolean: { fr: 'booléen', en: 'boolean' },
  object: { fr: 'objet', en: 'object' },
  array: { fr: 'tableau', en: 'array' },
  null: { fr: 'null', en: 'null' },
  undefined: { fr: 'rien', en: 'nothing' },
  nan: { fr: 'NaN', en: 'NaN' },
  bigint: { fr: 'grand entier', en: 'bigint' },
  date: { fr: 'date', en: 'date' },
};
function typeName(name: string): Text {
  return Object.hasOwn(typeNames, name) ? typeNames[name]! : { fr: String(name), en: String(name) };
}
const formatNames: Record<string, Text> = {
  regex: { fr: 'Format invalide', en: 'Invalid format' },
  email: { fr: 'Adresse e-mail invalide', en: 'Invalid email address' },
  url: { fr: 'URL invalide', en: 'Invalid URL' },
  datetime: { fr: 'Date et heure ISO 8601 invalides', en: 'Invalid ISO 8601 date and time' },
  date: { fr: 'Date invalide (AAAA-MM-JJ attendu)', en: 'Invalid date (expected YYYY-MM-DD)' },
  time: { fr: 'Heure invalide (HH:MM attendu)', en: 'Invalid time (expected HH:MM)' },
  uuid: { fr: 'UUID invalide', en: 'Invalid UUID' },
  base64: { fr: 'Base64 invalide', en: 'Invalid base64' },
  base64url: { fr: 'Base64url invalide', en: 'Invalid base64url' },
};
function formatName(format: string): Text {
  return Object.hasOwn(formatNames, format) ? formatNames[format]! : { fr: `Format ${format} invalide`, en: `Invalid ${format} format` };
}
