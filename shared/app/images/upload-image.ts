import { randomHex } from '../../random-hex.ts';
import { DomainError } from '../../domain/errors.ts';
import { imagePathname, sniffImage, type ImageFormat } from '../../domain/image.ts';
import { putImage } from '../../store/images.ts';
import type { Actor } from '../actor.ts';

/**
 * POST /api/v1/upload-image, once the request has given its bytes (a file, base64 or a
 * downloaded URL, each within the size bound): only a real JPEG, PNG, GIF or WebP is stored, under
 * the uploader's own prefix, whatever the request claimed the type to be.
 */
export async function uploadImageUseCase(actor: Actor, bytes: Uint8Array, now = new Date()): Promise<{ pathname: string; format: ImageFormat }> {
  const format = sniffImage(bytes);
  if (!format) {
    throw DomainError.of('invalid', 'UNSUPPORTED_IMAGE_TYPE');
  }
  const pathname = imagePathname(actor.userId, now, randomHex(8), format);
  await putImage({
    key: pathname,
    bytes,
    contentType: format.mime,
    metadata: { 'organization-id': encodeURIComponent(actor.organizationId), 'user-id': encodeURIComponent(actor.userId) },
  });
  return { pathname, format };
}
