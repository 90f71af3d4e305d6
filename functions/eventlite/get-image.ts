/**
 * Serves an uploaded cover image, publicly (event pages show it to anyone). Built from the
 * pipeline's middleware rather than endpoint(), which always answers JSON: errors keep the
 * EventLite envelope, success is the image's bytes.
 */
import middy from '@middy/core';
import { HttpError } from '../../shared/http/errors.ts';
import { cors, errorEnvelope, headerOf, requestScope, type RequestScope } from '../../shared/http/middlewares.ts';
import type { ApiEvent, ApiResult, Context } from '../../shared/http/types.ts';
import { formatOfFile, imageFormats, imageKeyOf } from '../../shared/domain/image.ts';
import { IMAGE_CACHE_CONTROL, getImage } from '../../shared/store/images.ts';

const notFound = () => HttpError.of(404, 'NOT_FOUND.image');
const imageTypes = new Set<string>(Object.values(imageFormats).map((format) => format.mime));

export const handler = middy<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>()
  .use(requestScope({ surface: 'eventlite' }))
  .use(errorEnvelope({ surface: 'eventlite' }))
  .use(cors())
  .handler(async (event) => {
    const { userId, file } = event.pathParameters ?? {};
    // Anything that is not exactly events/<user>/<timestamp>-<random>.<ext> cannot be ours: no
    // other key of the bucket is reachable from here.
    const key = imageKeyOf(userId, file);
    if (!key) throw notFound();
    const ifNoneMatch = headerOf(event, 'if-none-match');
    const image = await getImage(key, { ifNoneMatch });
    if (image === 'not-modified') {
      return {
        statusCode: 304,
        headers: { 'Cache-Control': IMAGE_CACHE_CONTROL, ...(ifNoneMatch && !ifNoneMatch.includes(',') ? { ETag: ifNoneMatch } : {}) },
        body: '',
      };
    }
    if (!image) throw notFound();
    // Only an image type is ever sent back, whatever else the object might claim to be.
    const contentType = image.contentType && imageTypes.has(image.contentType) ? image.contentType : formatOfFile(key)!.mime;
    return {
      statusCode: 200,
      isBase64Encoded: true,
      headers: {
        'Content-Type': contentType,
        'Cache-Control': IMAGE_CACHE_CONTROL,
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cross-Origin-Resource-Policy': 'cross-origin',
        ...(image.etag ? { ETag: image.etag } : {}),
        ...(image.lastModified ? { 'Last-Modified': image.lastModified.toUTCString() } : {}),
      },
      body: Buffer.from(image.bytes).toString('base64'),
    };
  });
