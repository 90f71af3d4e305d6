/**
 * Serves an uploaded cover image, publicly (event pages show it to anyone). Built from the
 * pipeline's middleware rather than endpoint(), which always answers JSON: errors keep the
 * EventLite envelope, success is the image's bytes.
 */
import middy from '@middy/core';
import { cors, errorEnvelope, headerOf, requestScope, type RequestScope } from '../../shared/http/middlewares.ts';
import type { ApiEvent, ApiResult, Context } from '../../shared/http/types.ts';
import { getImageUseCase } from '../../shared/app/images/get-image.ts';
import { IMAGE_CACHE_CONTROL } from '../../shared/store/images.ts';

export const handler = middy<ApiEvent, ApiResult, Error, Context & { scope?: RequestScope }>()
  .use(requestScope({ surface: 'eventlite' }))
  .use(errorEnvelope({ surface: 'eventlite' }))
  .use(cors())
  .handler(async (event) => {
    const { userId, file } = event.pathParameters ?? {};
    const ifNoneMatch = headerOf(event, 'if-none-match');
    const image = await getImageUseCase(userId, file, ifNoneMatch);
    if (image === 'not-modified') {
      return {
        statusCode: 304,
        headers: { 'Cache-Control': IMAGE_CACHE_CONTROL, ...(ifNoneMatch && !ifNoneMatch.includes(',') ? { ETag: ifNoneMatch } : {}) },
        body: '',
      };
    }
    return {
      statusCode: 200,
      isBase64Encoded: true,
      headers: {
        'Content-Type': image.contentType,
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
