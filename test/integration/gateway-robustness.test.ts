/**
 * The local runtime never falls over: whatever bytes one client sends, that request gets a 400 (or
 * its connection is closed) and the gateway keeps serving everybody else. Bad percent-encoding in
 * a path parameter reaches the function, which answers in its surface's envelope:
 * input-classes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { api, baseUrl } from './support.ts';

/** Sends raw bytes on a fresh TCP connection and resolves with everything the server wrote back. */
function sendRaw(payload: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl());
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.end(payload));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? resolve(Buffer.concat(chunks).toString('latin1')) : reject(error)));
    socket.setTimeout(5_000, () => socket.destroy(new Error('no answer within 5 s')));
  });
}

const statusOf = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);

describe('API4:2023 Unrestricted Resource Consumption — malformed requests do not stop the local gateway', () => {
  const malformed: Record<string, string> = {
    'a URL with an impossible port': 'GET //x:70000/ HTTP/1.1\r\nHost: localhost\r\n\r\n',
    'an absolute URL with an impossible port': 'GET http://x:70000/health HTTP/1.1\r\nHost: localhost\r\n\r\n',
    'request headers past the server limit': `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Organization-ID: ${'a'.repeat(20_000)}\r\n\r\n`,
    'garbage instead of a request line': '\x00\x01\x02 nonsense\r\n\r\n',
    'a header without a colon': 'GET /health HTTP/1.1\r\nHost: localhost\r\nbroken header\r\n\r\n',
  };

  for (const [what, payload] of Object.entries(malformed)) {
    it(`answers 400 to ${what} and keeps serving`, async () => {
      // Act
      const answer = await sendRaw(payload);
      const next = await api('GET', '/health');

      // Assess
      expect(statusOf(answer), answer).toBe(400);
      expect(next.status).toBe(200);
    });
  }

  it('still serves after a burst of malformed requests on parallel connections', async () => {
    // Act
    const answers = await Promise.all(Object.values(malformed).flatMap((payload) => [sendRaw(payload), sendRaw(payload)]));
    const next = await api('GET', '/health');

    // Assess
    expect(answers.map(statusOf).every((status) => status === 400)).toBe(true);
    expect(next.status).toBe(200);
  });
});
