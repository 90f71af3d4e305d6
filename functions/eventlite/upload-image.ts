import { endpoint } from '../../shared/http/endpoint.ts';
import { parseWith } from '../../shared/http/validation.ts';
import { HttpError, validationError, type Language } from '../../shared/http/errors.ts';
import type { ApiEvent } from '../../shared/http/types.ts';
import { MAX_IMAGE_BYTES, decodeBase64Image } from '../../shared/domain/image.ts';
import { RemoteImageError, downloadRemoteImage, type RemoteImageFailure } from '../../shared/store/images.ts';
import { uploadImageUseCase } from '../../shared/app/images/upload-image.ts';
import { uploadFromBase64Body, uploadFromUrlBody } from '../../shared/schemas/upload.ts';

/** A 4 MB image as base64 in JSON is ~5.6 MB; this leaves room for that and multipart framing. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
const MULTIPART = /^multipart\/form-data\s*;/i;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const noImage = () =>
  new HttpError(400, 'NO_IMAGE', {
    fr: 'Aucune image fournie : envoyez un champ `file` (multipart/form-data), ou un JSON avec `url` ou `base64`',
    en: 'No image provided: send a `file` field (multipart/form-data), or JSON with `url` or `base64`',
  });
const tooLarge = () => new HttpError(413, 'IMAGE_TOO_LARGE', { fr: 'Image trop volumineuse (max 4 MB)', en: 'Image too large (max 4 MB)' });
const remoteMessages: Record<Exclude<RemoteImageFailure, 'too_large'>, { fr: string; en: string }> = {
  invalid_url: { fr: 'URL invalide', en: 'Invalid URL' },
  not_https: { fr: 'URL refusée : seules les URL https sont acceptées', en: 'URL refused: only https URLs are accepted' },
  credentials: { fr: 'URL refusée : identifiants interdits dans l\'URL', en: 'URL refused: credentials are not allowed in the URL' },
  forbidden_host: {
    fr: 'URL refusée : l\'hôte désigne une adresse privée, locale ou réservée',
    en: 'URL refused: the host points to a private, local or reserved address',
  },
  unresolvable: { fr: 'URL refusée : nom d\'hôte introuvable', en: 'URL refused: host name not found' },
  too_many_redirects: { fr: 'URL refusée : plus de 3 redirections', en: 'URL refused: more than 3 redirects' },
  http_status: { fr: 'Impossible de télécharger l\'image', en: 'Could not download the image' },
  timeout: { fr: 'Impossible de télécharger l\'image : délai de 5 s dépassé', en: 'Could not download the image: 5 s timeout exceeded' },
  network: { fr: 'Impossible de télécharger l\'image : erreur réseau', en: 'Could not download the image: network error' },
};

async function fromMultipart(body: Buffer, contentType: string): Promise<Uint8Array> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (cause) {
    throw new HttpError(400, 'MALFORMED_MULTIPART', { fr: 'Corps multipart/form-data mal formé', en: 'Malformed multipart/form-data body' }, { cause });
  }
  const files = form.getAll('file');
  if (files.length > 1) throw new HttpError(400, 'TOO_MANY_FILES', { fr: 'Une seule image par requête', en: 'One image per request' });
  const file = files[0];
  if (file === undefined || typeof file === 'string') throw noImage();
  if (file.size > MAX_IMAGE_BYTES) throw tooLarge();
  return new Uint8Array(await file.arrayBuffer());
}

async function fromJson(body: Buffer, lang: Language): Promise<Uint8Array> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (cause) {
    throw new HttpError(400, 'INVALID_JSON', { fr: 'JSON mal formé', en: 'Malformed JSON body' }, { cause });
  }
  const methods = json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).filter((k) => k === 'url' || k === 'base64') : [];
  if (methods.length === 0) throw noImage();
  if (methods.length > 1) {
    throw new HttpError(400, 'AMBIGUOUS_IMAGE_SOURCE', { fr: 'Envoyez soit `url`, soit `base64`, pas les deux', en: 'Send either `url` or `base64`, not both' });
  }
  if (methods[0] === 'base64') {
    const { base64 } = parseWith(uploadFromBase64Body, json, lang);
    const bytes = decodeBase64Image(base64);
    if (!bytes) throw validationError([{ field: 'base64', message: lang === 'fr' ? 'Base64 invalide' : 'Invalid base64' }]);
    return bytes;
  }
  const { url } = parseWith(uploadFromUrlBody, json, lang);
  try {
    return await downloadRemoteImage(url, { maxBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    if (!(error instanceof RemoteImageError)) throw error;
    if (error.reason === 'too_large') throw tooLarge();
    const message = remoteMessages[error.reason];
    const suffix = error.status ? ` (HTTP ${error.status})` : '';
    throw new HttpError(400, 'URL_REFUSED', { fr: message.fr + suffix, en: message.en + suffix }, { details: [{ field: 'url', message: error.reason }], cause: error });
  }
}

/** Where the API serves the image (GET /api/v1/images/...); the bucket itself is private. */
function publicUrl(event: ApiEvent, pathname: string): string {
  const base = process.env.PUBLIC_BASE_URL || `https://${event.requestContext.domainName}`;
  return `${base.replace(/\/+$/, '')}/api/v1/images/${pathname}`;
}

export const handler = endpoint({ surface: 'eventlite', rawBody: true, maxBodyBytes: MAX_REQUEST_BYTES }, async ({ event, principal, headers, scope }) => {
  const body = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  if (body.length === 0) throw noImage();
  const contentType = headers('content-type') ?? '';
  let bytes: Uint8Array;
  if (MULTIPART.test(contentType)) bytes = await fromMultipart(body, contentType);
  else if (JSON_TYPE.test(contentType)) bytes = await fromJson(body, scope.lang);
  else {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', {
      fr: 'Content-Type doit être multipart/form-data ou application/json',
      en: 'Content-Type must be multipart/form-data or application/json',
    });
  }

  if (bytes.byteLength > MAX_IMAGE_BYTES) throw tooLarge();
  if (bytes.byteLength === 0) throw noImage();
  const { pathname, format } = await uploadImageUseCase(principal, bytes);
  scope.log.info('image uploaded', { pathname, bytes: bytes.byteLength, type: format.mime });
  return { statusCode: 201, body: { data: { url: publicUrl(event, pathname), pathname } } };
});
