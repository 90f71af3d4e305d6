/**
 * Cover images (EventLite "Uploader une image"): what an acceptable image is, where it is stored,
 * and which remote URLs may be fetched. Pure: no I/O, so every rule is unit-tested directly.
 *
 * The format is decided by the file's magic bytes only. A declared type (multipart part header,
 * data URL media type, remote Content-Type, file name) is never trusted: an SVG or HTML page
 * labelled image/png would otherwise be served back from our origin as active content.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The seed's limit: 4 MB per image (binary megabytes, as browsers and `ls -h` count). */
export const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

export interface ImageFormat {
  mime: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';
  ext: 'jpg' | 'png' | 'gif' | 'webp';
}

export const imageFormats = {
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  gif: { mime: 'image/gif', ext: 'gif' },
  webp: { mime: 'image/webp', ext: 'webp' },
} as const satisfies Record<string, ImageFormat>;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const GIF87 = ascii('GIF87a');
const GIF89 = ascii('GIF89a');
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const WEBP_CHUNKS = [ascii('VP8 '), ascii('VP8L'), ascii('VP8X')];

/** JPEG, PNG, GIF or WebP by signature; null for anything else (SVG, text, WAV in a RIFF...). */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
  if (startsWith(bytes, PNG)) return imageFormats.png;
  if (startsWith(bytes, JPEG)) return imageFormats.jpeg;
  if (startsWith(bytes, GIF87) || startsWith(bytes, GIF89)) return imageFormats.gif;
  // RIFF is a container (WAV and AVI use it too): require the WEBP form type and a VP8* chunk.
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8) && WEBP_CHUNKS.some((chunk) => startsWith(bytes, chunk, 12))) {
    return imageFormats.webp;
  }
  return null;
}

const DATA_URL = /^data:[^,]*?;base64,/i;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * The bytes of `data:<any type>;base64,<data>` or of bare base64 (standard or URL-safe alphabet,
 * whitespace ignored). Null when it is not base64: Node's decoder would silently skip bad
 * characters and hand back garbage.
 */
export function decodeBase64Image(input: string): Uint8Array | null {
  const trimmed = input.trim();
  const prefix = DATA_URL.exec(trimmed);
  if (!prefix && trimmed.toLowerCase().startsWith('data:')) return null; // a data URL that is not base64
  const data = (prefix ? trimmed.slice(prefix[0].length) : trimmed).replace(/\s+/g, '');
  if (!BASE64.test(data) || data.length % 4 === 1) return null;
  return new Uint8Array(Buffer.from(data, 'base64'));
}

/** A user id reduced to characters that are safe in an S3 key and a URL path segment, unencoded. */
export function userSegment(userId: string): string {
  const safe = userId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 128);
  return safe || '_';
}

/** `events/<user-id>/<timestamp>-<random>.<ext>`, as the seed. */
export function imagePathname(userId: string, now: Date, random: string, format: ImageFormat): string {
  return `events/${userSegment(userId)}/${now.getTime()}-${random}.${format.ext}`;
}

export const USER_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;
export const IMAGE_FILE = /^\d{1,16}-[0-9a-f]{16}\.(?:jpg|png|gif|webp)$/;

/**
 * The object key for a public image request, or null when the parts cannot name an image we
 * stored. Both parts are matched whole against the shapes we generate, so no `..`, `/`, encoded
 * separator or other key prefix can be reached.
 */
export function imageKeyOf(userId: string | undefined, file: string | undefined): string | null {
  if (!userId || !file || !USER_SEGMENT.test(userId) || !IMAGE_FILE.test(file)) return null;
  return `events/${userId}/${file}`;
}

export function formatOfFile(file: string): ImageFormat | null {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return Object.values(imageFormats).find((format) => format.ext === ext) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Remote URLs (SSRF): only https, and only to globally routable addresses.
// ---------------------------------------------------------------------------------------------

type Cidr = readonly [prefix: number[], bits: number];

/** IPv4 ranges that are not the public internet (RFC 6890 special-purpose registry and friends). */
const IPV4_BLOCKED: Cidr[] = [
  [[0, 0, 0, 0], 8], // "this network"
  [[10, 0, 0, 0], 8],
  [[100, 64, 0, 0], 10], // carrier-grade NAT
  [[127, 0, 0, 0], 8],
  [[169, 254, 0, 0], 16], // link-local, including cloud metadata endpoints
  [[172, 16, 0, 0], 12],
  [[192, 0, 0, 0], 24],
  [[192, 0, 2, 0], 24],
  [[192, 88, 99, 0], 24],
  [[192, 168, 0, 0], 16],
  [[198, 18, 0, 0], 15],
  [[198, 51, 100, 0], 24],
  [[203, 0, 113, 0], 24],
  [[224, 0, 0, 0], 4], // multicast
  [[240, 0, 0, 0], 4], // reserved, broadcast
];

/** IPv6 ranges that are not the public internet; the ones embedding IPv4 are handled apart. */
const IPV6_BLOCKED: Cidr[] = [
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 96], // ::, ::1 and deprecated IPv4-compatible addresses
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64], // discard-only
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48], // local-use NAT64
  [[0x20, 0x01, 0x00, 0x00], 23], // IETF protocol assignments, Teredo, benchmarking, ORCHID
  [[0x20, 0x01, 0x0d, 0xb8], 32], // documentation
  [[0xfc], 7], // unique local (AWS IMDS is fd00:ec2::254)
  [[0xfe, 0x80], 10], // link-local
  [[0xfe, 0xc0], 10], // deprecated site-local
  [[0xff], 8], // multicast
];

const inCidr = (bytes: number[], [prefix, bits]: Cidr) => {
  for (let bit = 0; bit < bits; bit++) {
    const mask = 0x80 >> bit % 8;
    if (((bytes[bit >> 3] ?? 0) & mask) !== ((prefix[bit >> 3] ?? 0) & mask)) return false;
  }
  return true;
};

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** 16 bytes of a valid IPv6 address (zone id dropped, trailing dotted quad allowed). */
function ipv6Bytes(address: string): number[] {
  let text = address.split('%')[0]!;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    tail.push(...ipv4Bytes(dotted[1]!));
    text = text.slice(0, -dotted[1]!.length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':').filter(Boolean).map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = groups(rest);
  const missing = 8 - left.length - right.length - tail.length / 2;
  const words = [...left, ...Array<number>(rest === undefined ? 0 : missing).fill(0), ...right];
  return [...words.flatMap((w) => [w >> 8, w & 0xff]), ...tail];
}

function isPublicIPv4(bytes: number[]): boolean {
  return !IPV4_BLOCKED.some((cidr) => inCidr(bytes, cidr));
}

/** True only for a globally routable unicast address; anything unparseable is not public. */
export function isPublicAddress(address: string): boolean {
  if (isIPv4(address)) return isPublicIPv4(ipv4Bytes(address));
  if (!isIPv6(address)) return false;
  const bytes = ipv6Bytes(address);
  // Addresses that carry an IPv4 address are as public as that address.
  if (inCidr(bytes, [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff], 96])) return isPublicIPv4(bytes.slice(12)); // IPv4-mapped
  if (inCidr(bytes, [[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96])) return isPublicIPv4(bytes.slice(12)); // NAT64
  if (inCidr(bytes, [[0x20, 0x02], 16])) return isPublicIPv4(bytes.slice(2, 6)); // 6to4
  return !IPV6_BLOCKED.some((cidr) => inCidr(bytes, cidr));
}

export type RemoteUrlRefusal = 'invalid_url' | 'not_https' | 'credentials' | 'forbidden_host';

export type RemoteUrlCheck =
  | { ok: true; url: URL; /** Host name or IP literal, without IPv6 brackets. */ host: string; isIpLiteral: boolean }
  | { ok: false; reason: RemoteUrlRefusal };

/**
 * Shape rules for a remote image URL, before any DNS lookup: https only (no plain http, no
 * file:, data:, ftp:...), no user:password, and no IP literal that is not public unless private
 * hosts are explicitly allowed. Host names are checked again on their resolved addresses.
 */
export function checkRemoteUrl(input: string | URL, options: { allowPrivateHosts?: boolean } = {}): RemoteUrlCheck {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { ok: false, reason: 'invalid_url' };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: 'not_https' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return { ok: false, reason: 'invalid_url' };
  const isIpLiteral = isIPv4(host) || isIPv6(host);
  if (!options.allowPrivateHosts) {
    if (isIpLiteral && !isPublicAddress(host)) return { ok: false, reason: 'forbidden_host' };
    // These never leave the machine, whatever a resolver says.
    if (/(^|\.)localhost\.?$/i.test(host)) return { ok: false, reason: 'forbidden_host' };
  }
  return { ok: true, url, host, isIpLiteral };
}
