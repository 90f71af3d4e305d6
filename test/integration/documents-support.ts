/** Event documents through the API, for the integration tests: announce, upload to the presigned URL, complete. */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { ph, type Caller } from './shifts-world.ts';

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const SVG = Buffer.from('<?xml version="1.0"?>\n<!-- plan -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>\n');
export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export async function announce(planner: Caller, file: { name: string; type: string; bytes: Buffer; kind?: string }, eventId = 'event_456') {
  return ph('POST', `/v1/events/${eventId}/documents`, planner, { kind: file.kind ?? 'technical_rider', file_name: file.name, content_type: file.type, size: file.bytes.length });
}

export async function upload(ticket: { url: string; headers: Record<string, string> }, bytes: Buffer): Promise<number> {
  const { 'Content-Length': _length, ...headers } = ticket.headers;
  const response = await fetch(ticket.url, { method: 'PUT', headers, body: bytes });
  await response.arrayBuffer();
  return response.status;
}

export async function readyDocument(planner: Caller, file: { name: string; type: string; bytes: Buffer; kind?: string }, eventId = 'event_456') {
  const announced = await announce(planner, file, eventId);
  expect(announced.status).toBe(201);
  expect(await upload(announced.body.upload, file.bytes)).toBe(200);
  const completed = await ph('POST', `/v1/documents/${announced.body.id}/complete`, planner);
  expect(completed.status).toBe(200);
  return completed.body;
}

