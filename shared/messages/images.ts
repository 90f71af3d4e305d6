/** EventLite images: upload and download. */
import { defineTexts, defineTemplates } from './define.ts';

const withStatus = (text: { fr: string; en: string }) => ({ status }: { status?: number }) => {
  const suffix = status ? ` (HTTP ${status})` : '';
  return { fr: text.fr + suffix, en: text.en + suffix };
};

export const imageTexts = /* @__PURE__ */ defineTexts(() => ({
  'NOT_FOUND.image': { fr: 'Image introuvable', en: 'Image not found' },
  NO_IMAGE: {
    fr: 'Aucune image fournie : envoyez un champ `file` (multipart/form-data), ou un JSON avec `url` ou `base64`',
    en: 'No image provided: send a `file` field (multipart/form-data), or JSON with `url` or `base64`',
  },
  IMAGE_TOO_LARGE: { fr: 'Image trop volumineuse (max 4 MB)', en: 'Image too large (max 4 MB)' },
  UNSUPPORTED_IMAGE_TYPE: { fr: 'Format non supporté : JPEG, PNG, GIF ou WebP uniquement', en: 'Unsupported format: JPEG, PNG, GIF or WebP only' },
  MALFORMED_MULTIPART: { fr: 'Corps multipart/form-data mal formé', en: 'Malformed multipart/form-data body' },
  TOO_MANY_FILES: { fr: 'Une seule image par requête', en: 'One image per request' },
  AMBIGUOUS_IMAGE_SOURCE: { fr: 'Envoyez soit `url`, soit `base64`, pas les deux', en: 'Send either `url` or `base64`, not both' },
  'VALIDATION_ERROR.base64': { fr: 'Base64 invalide', en: 'Invalid base64' },
}));

export const imageTemplates = defineTemplates({
  'URL_REFUSED.invalid_url': withStatus({ fr: 'URL invalide', en: 'Invalid URL' }),
  'URL_REFUSED.not_https': withStatus({ fr: 'URL refusée : seules les URL https sont acceptées', en: 'URL refused: only https URLs are accepted' }),
  'URL_REFUSED.credentials': withStatus({ fr: "URL refusée : identifiants interdits dans l'URL", en: 'URL refused: credentials are not allowed in the URL' }),
  'URL_REFUSED.forbidden_host': withStatus({
    fr: "URL refusée : l'hôte désigne une adresse privée, locale ou réservée",
    en: 'URL refused: the host points to a private, local or reserved address',
  }),
  'URL_REFUSED.unresolvable': withStatus({ fr: "URL refusée : nom d'hôte introuvable", en: 'URL refused: host name not found' }),
  'URL_REFUSED.too_many_redirects': withStatus({ fr: 'URL refusée : plus de 3 redirections', en: 'URL refused: more than 3 redirects' }),
  'URL_REFUSED.http_status': withStatus({ fr: "Impossible de télécharger l'image", en: 'Could not download the image' }),
  'URL_REFUSED.timeout': withStatus({ fr: "Impossible de télécharger l'image : délai de 5 s dépassé", en: 'Could not download the image: 5 s timeout exceeded' }),
  'URL_REFUSED.network': withStatus({ fr: "Impossible de télécharger l'image : erreur réseau", en: 'Could not download the image: network error' }),
});
