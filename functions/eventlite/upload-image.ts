import { config } from '../../shared/config.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import { message } from '../../shared/messages/catalogue.ts';
import { parseWith } from '../../shared/http/validation.ts';
import { HttpError, validationError, type Language } from '../../shared/http/errors.ts';
import type { ApiEvent } from '../../shared/http/types.ts';
import { MAX_IMAGE_BYTES, decodeBase64Image } from '../../shared/domain/image.ts';
import { RemoteImageError, downloadRemoteImage } from '../../shared/store/images.ts';
import { uploadImageUseCase } from '../../shared/app/images/upload-image.ts';
import { uploadFromBase64Body, uploadFromUrlBody } from '../../shared/schemas/upload.ts';

/** A 4 MB image as base64 in JSON is ~5.6 MB; this leaves room for that and multipart framing. */
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;
const MULTIPART = /^multipart\/form-data\s*;/i;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

const noImage = () => HttpError.of(400, 'NO_IMAGE');
const tooLarge = () => HttpError.of(413, 'IMAGE_TOO_LARGE');

async function fromMultipart(body: Buffer, contentType: string): Promise<Uint8Array> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch (cause) {
    throw HttpError.of(400, 'MALFORMED_MULTIPART', { cause });
  }
  const files = form.getAll('file');
  if (files.length > 1) throw HttpError.of(400, 'TOO_MANY_FILES');
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
    throw HttpError.of(400, 'INVALID_JSON.malformed', { cause });
  }
  const methods = json && typeof json === 'object' && !Array.isArray(json) ? Object.keys(json).filter((k) => k === 'url' || k === 'base64') : [];
  if (methods.length === 0) throw noImage();
  if (methods.length > 1) {
    throw HttpError.of(400, 'AMBIGUOUS_IMAGE_SOURCE');
  }
  if (methods[0] === 'base64') {
    const { base64 } = parseWith(uploadFromBase64Body, json, lang);
    const bytes = decodeBase64Image(base64);
    if (!bytes) throw validationError([{ field: 'base64', message: message('VALIDATION_ERROR.base64')[lang] }]);
    return bytes;
  }
  const { url } = parseWith(uploadFromUrlBody, json, lang);
  try {
    return await downloadRemoteImage(url, { maxBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    if (!(error instanceof RemoteImageError)) throw error;
    if (error.reason === 'too_large') throw tooLarge();
    throw HttpError.of(400, `URL_REFUSED.${error.reason}`, { params: { status: error.status }, details: [{ field: 'url', message: error.reason }], cause: error });
  }
}

/** Where the API serves the image (GET /api/v1/images/...); the bucket itself is private. */
function publicUrl(event: ApiEvent, pathname: string): string {
  const base = config.publicBaseUrl || `https://${event.requestContext.domainName}`;
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
    throw HttpError.of(415, 'UNSUPPORTED_MEDIA_TYPE.upload');
  }

  if (bytes.byteLength > MAX_IMAGE_BYTES) throw tooLarge();
  if (bytes.byteLength === 0) throw noImage();
  const { pathname, format } = await uploadImageUseCase(principal, bytes);
  scope.log.info('image uploaded', { pathname, bytes: bytes.byteLength, type: format.mime });
  return { statusCode: 201, body: { data: { url: publicUrl(event, pathname), pathname } } };
});
