/** Pure rules of event documents (shared/domain/document.ts). */
import { describe, expect, it } from 'vitest';
import { contentDisposition, judgeUpload, sniffDocument, type PendingUpload } from '../../shared/domain/document.ts';

const bytes = (text: string) => new Uint8Array(Buffer.from(text));

describe('sniffDocument', () => {
  it('tells the four formats by their magic bytes, and nothing else', () => {
    // act
    const found = {
      pdf: sniffDocument(bytes('%PDF-1.4\n')),
      png: sniffDocument(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
      jpeg: sniffDocument(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])),
      svg: sniffDocument(bytes('\uFEFF<?xml version="1.0"?>\n<!-- x -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>')),
      html: sniffDocument(bytes('<html><svg></svg></html>')),
      gif: sniffDocument(bytes('GIF89a')),
      empty: sniffDocument(new Uint8Array()),
    };
    // assess
    expect(found).toEqual({ pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg', svg: 'image/svg+xml', html: undefined, gif: undefined, empty: undefined });
  });
});

describe('judgeUpload', () => {
  const pending: PendingUpload = { version: 1, fileName: 'a.pdf', contentType: 'application/pdf', size: 9, objectKey: 'k', requestedBy: 'u', requestedAt: '' };
  it('accepts the announced size and type only', () => {
    // act / assess
    expect(judgeUpload(pending, { size: 9, head: bytes('%PDF-1.4\n') })).toBeUndefined();
    expect(judgeUpload(pending, { size: 10, head: bytes('%PDF-1.4\n') })).toBe('size_mismatch');
    expect(judgeUpload(pending, { size: 9, head: new Uint8Array([0xff, 0xd8, 0xff]) })).toBe('type_mismatch');
    expect(judgeUpload(pending, { size: 9, head: bytes('hello') })).toBe('unrecognised');
    expect(judgeUpload(pending, 'too_large')).toBe('too_large');
    expect(judgeUpload(pending, null)).toBe('missing');
  });
});

describe('contentDisposition', () => {
  it('names the file in ASCII and UTF-8, and makes SVG an attachment', () => {
    // act / assess
    expect(contentDisposition('Plan scène "final".pdf', 'application/pdf')).toBe(
      `inline; filename="Plan sc_ne _final_.pdf"; filename*=UTF-8''Plan%20sc%C3%A8ne%20%22final%22.pdf`,
    );
    expect(contentDisposition('plan.svg', 'image/svg+xml')).toMatch(/^attachment; /);
  });
});
