import { DomainError } from '../../domain/errors.ts';
import { formatOfFile, imageFormats, imageKeyOf } from '../../domain/image.ts';
import { getImage, type StoredImage } from '../../store/images.ts';

const notFound = () => DomainError.of('not_found', 'NOT_FOUND.image');
const imageTypes = new Set<string>(Object.values(imageFormats).map((format) => format.mime));

/**
 * GET /api/v1/images/{userId}/{file}, public: the uploaded image, or 'not-modified' when the
 * client's copy is current. Only an image type is ever given, whatever the object might claim.
 */
export async function getImageUseCase(
  userId: string | undefined,
  file: string | undefined,
  ifNoneMatch: string | undefined,
): Promise<'not-modified' | (StoredImage & { contentType: string })> {
  // Anything that is not exactly events/<user>/<timestamp>-<random>.<ext> cannot be ours: no
  // other key of the bucket is reachable from here.
  const key = imageKeyOf(userId, file);
  if (!key) throw notFound();
  const image = await getImage(key, { ifNoneMatch });
  if (image === 'not-modified') return image;
  if (!image) throw notFound();
  const contentType = image.contentType && imageTypes.has(image.contentType) ? image.contentType : formatOfFile(key)!.mime;
  return { ...image, contentType };
}
