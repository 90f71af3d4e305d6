import { describe, expect, it } from 'vitest';
import {
  MAX_IMAGE_BYTES,
  checkRemoteUrl,
  decodeBase64Image,
  imageKeyOf,
  imagePathname,
  imageFormats,
  isPublicAddress,
  sniffImage,
  userSegment,
} from '../../shared/domain/image.ts';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR');
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
const GIF = bytes('GIF89a', [1, 0, 1, 0]);
const WEBP = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8 ', [0, 0, 0, 0]);

describe('sniffImage', () => {
  it.each([
    ['PNG', PNG, imageFormats.png],
    ['JPEG', JPEG, imageFormats.jpeg],
    ['GIF89a', GIF, imageFormats.gif],
    ['GIF87a', bytes('GIF87a', [1, 0]), imageFormats.gif],
    ['WebP (lossy)', WEBP, imageFormats.webp],
    ['WebP (lossless)', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8L'), imageFormats.webp],
    ['WebP (extended)', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8X'), imageFormats.webp],
  ])('recognises %s by its signature', (_name, input, expected) => {
    expect(sniffImage(input)).toEqual(expected);
  });

  it.each([
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['an SVG with an XML prolog', bytes('<?xml version="1.0"?><svg/>')],
    ['an HTML page', bytes('<!doctype html><html>')],
    ['plain text', bytes('hello, I am an image, honest')],
    ['a WAV file (RIFF but not WEBP)', bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt ')],
    ['RIFF/WEBP without a VP8 chunk', bytes('RIFF', [0, 0, 0, 0], 'WEBPJUNK')],
    ['a truncated PNG signature', PNG.slice(0, 7)],
    ['a PDF', bytes('%PDF-1.7')],
    ['nothing', new Uint8Array()],
  ])('refuses %s', (_name, input) => {
    expect(sniffImage(input)).toBeNull();
  });
});

describe('decodeBase64Image', () => {
  const b64 = Buffer.from(PNG).toString('base64');

  it('decodes a data URL, ignoring its declared type', () => {
    expect(decodeBase64Image(`data:image/png;base64,${b64}`)).toEqual(PNG);
    expect(decodeBase64Image(`data:image/jpeg;base64,${b64}`)).toEqual(PNG);
    expect(decodeBase64Image(`data:;base64,${b64}`)).toEqual(PNG);
    expect(decodeBase64Image(`DATA:image/png;charset=binary;BASE64,${b64}`)).toEqual(PNG);
  });

  it('decodes bare base64, URL-safe base64 and base64 with line breaks', () => {
    expect(decodeBase64Image(b64)).toEqual(PNG);
    expect(decodeBase64Image(Buffer.from(PNG).toString('base64url'))).toEqual(PNG);
    expect(decodeBase64Image(`${b64.slice(0, 10)}\n${b64.slice(10)}`)).toEqual(PNG);
  });

  it.each([
    ['a data URL that is not base64', 'data:image/svg+xml,<svg/>'],
    ['characters outside the alphabet', 'iVBORw0KGgo!!!'],
    ['padding in the middle', 'iVBO=w0KGgo='],
    ['an impossible length', 'iVBORw0KG'],
  ])('refuses %s', (_name, input) => {
    expect(decodeBase64Image(input)).toBeNull();
  });
});

describe('image pathnames and keys', () => {
  const now = new Date('2025-03-20T09:00:00.000Z');

  it('follows the seed: events/<user-id>/<timestamp>-<random>.<ext>', () => {
    expect(imagePathname('user_admin', now, '0123456789abcdef', imageFormats.jpeg)).toBe(`events/user_admin/${now.getTime()}-0123456789abcdef.jpg`);
  });

  it('keeps user ids URL- and key-safe (an Auth0 subject has a pipe)', () => {
    expect(userSegment('auth0|65f0c1')).toBe('auth0_65f0c1');
    expect(userSegment('../../etc')).toBe('______etc');
    expect(userSegment('')).toBe('_');
  });

  it('maps a generated pathname back to its key', () => {
    const pathname = imagePathname('user_admin', now, 'a1b2c3d4e5f60718', imageFormats.webp);
    const [, user, file] = pathname.split('/');
    expect(imageKeyOf(user, file)).toBe(pathname);
  });

  it.each([
    ['..', '1742461200000-0123456789abcdef.png'],
    ['user_admin', '..'],
    ['user_admin', '../secret.png'],
    ['user_admin', '..%2F..%2Fsecret.png'],
    ['a/b', '1742461200000-0123456789abcdef.png'],
    ['user_admin', '1742461200000-0123456789abcdef.svg'],
    ['user_admin', '1742461200000-0123456789ABCDEF.png'],
    ['user_admin', '1742461200000-0123456789abcdef.png/x'],
    ['user_admin', 'riders.pdf'],
    [undefined, '1742461200000-0123456789abcdef.png'],
    ['user_admin', undefined],
  ])('refuses %s / %s (no other key is reachable)', (user, file) => {
    expect(imageKeyOf(user, file)).toBeNull();
  });

  it('limits images to 4 MB', () => {
    expect(MAX_IMAGE_BYTES).toBe(4_194_304);
  });
});

describe('isPublicAddress', () => {
  it.each(['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:0808:0808::1'])(
    '%s is public',
    (address) => expect(isPublicAddress(address)).toBe(true),
  );

  it.each([
    '127.0.0.1',
    '127.1.2.3',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254', // cloud metadata
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '192.0.2.1',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fd00:ec2::254', // AWS IMDS over IPv6
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:169.254.169.254',
    '::127.0.0.1',
    '64:ff9b::a00:1', // NAT64 of 10.0.0.1
    '2002:7f00:0001::1', // 6to4 of 127.0.0.1
    '2001:db8::1',
    '2001:0::1', // Teredo
    'not an address',
    '',
  ])('%s is not public', (address) => expect(isPublicAddress(address)).toBe(false));

  it('does not mistake neighbours of private ranges for private', () => {
    expect(isPublicAddress('172.32.0.1')).toBe(true);
    expect(isPublicAddress('172.15.255.255')).toBe(true);
    expect(isPublicAddress('100.128.0.1')).toBe(true);
    expect(isPublicAddress('11.0.0.1')).toBe(true);
  });
});

describe('checkRemoteUrl', () => {
  it('accepts an https URL on a host name', () => {
    const check = checkRemoteUrl('https://example.com/image.jpg');
    expect(check).toMatchObject({ ok: true, host: 'example.com', isIpLiteral: false });
  });

  it.each([
    ['not a url', 'invalid_url'],
    ['http://example.com/image.jpg', 'not_https'],
    ['ftp://example.com/image.jpg', 'not_https'],
    ['file:///etc/passwd', 'not_https'],
    ['data:image/png;base64,iVBORw0KGgo=', 'not_https'],
    ['https://user:secret@example.com/image.jpg', 'credentials'],
    ['https://127.0.0.1/image.png', 'forbidden_host'],
    ['https://2130706433/image.png', 'forbidden_host'], // 127.0.0.1 as one number, normalised by the URL parser
    ['https://0x7f.1/image.png', 'forbidden_host'],
    ['https://[::1]/image.png', 'forbidden_host'],
    ['https://[::ffff:127.0.0.1]/image.png', 'forbidden_host'],
    ['https://169.254.169.254/latest/meta-data/', 'forbidden_host'],
    ['https://localhost/image.png', 'forbidden_host'],
    ['https://api.localhost./image.png', 'forbidden_host'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(checkRemoteUrl(input)).toEqual({ ok: false, reason });
  });

  it('lets private hosts through only when explicitly allowed', () => {
    expect(checkRemoteUrl('https://127.0.0.1/image.png', { allowPrivateHosts: true })).toMatchObject({ ok: true, host: '127.0.0.1', isIpLiteral: true });
    expect(checkRemoteUrl('http://127.0.0.1/image.png', { allowPrivateHosts: true })).toEqual({ ok: false, reason: 'not_https' });
  });
});
