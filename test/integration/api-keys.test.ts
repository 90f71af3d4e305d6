import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { admin, api, colleague, tableClient } from './support.ts';

describe('EventLite API keys', () => {
  it('issues a random key shown once, stored only as a hash, that works until revoked', async () => {
    // prepare / act: issue a key with the admin's demo key
    const issued = await api('POST', '/api/v1/api-keys', { token: admin().apiKey, body: { name: 'LLM agent' } });
    // assess
    expect(issued.status).toBe(201);
    expect(issued.headers.get('cache-control')).toBe('no-store');
    const { key, id, prefix } = issued.body.data;
    expect(key).toMatch(/^elk_[A-Za-z0-9_-]{43}$/); // 32 random bytes = 256 bits
    expect(key.startsWith(prefix)).toBe(true);
    expect((await api('GET', '/api/v1/events', { token: key })).status).toBe(200);

    const listed = await api('GET', '/api/v1/api-keys', { token: key });
    const mine = listed.body.data.find((k: { id: string }) => k.id === id);
    expect(mine).toMatchObject({ id, name: 'LLM agent', prefix, organizationId: 'org_123' });
    expect(JSON.stringify(listed.body)).not.toContain(key);

    const { client, tableName } = tableClient();
    const scan = await client.send(new ScanCommand({ TableName: tableName }));
    expect(JSON.stringify(scan.Items)).not.toContain(key);

    const revoked = await api('DELETE', `/api/v1/api-keys/${id}`, { token: admin().apiKey });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ message: 'API key revoked successfully' });
    const refused = await api('GET', '/api/v1/events', { token: key });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: 'Unauthorized - Invalid or missing API key' });
    expect((await api('GET', '/api/v1/api-keys', { token: admin().apiKey })).body.data.find((k: { id: string }) => k.id === id)).toBeUndefined();
    expect((await api('DELETE', `/api/v1/api-keys/${id}`, { token: admin().apiKey })).status).toBe(404);
  });

  it("cannot revoke another user's key", async () => {
    const issued = await api('POST', '/api/v1/api-keys', { token: colleague().apiKey, body: {} });
    const attempt = await api('DELETE', `/api/v1/api-keys/${issued.body.data.id}`, { token: admin().apiKey });
    expect(attempt.status).toBe(404);
    expect((await api('GET', '/api/v1/events', { token: issued.body.data.key })).status).toBe(200);
  });

  it('issues a key to a caller authenticated with a JWT', async () => {
    const issued = await api('POST', '/api/v1/api-keys', { token: admin().accessToken, body: { name: 'from token' } });
    expect(issued.status).toBe(201);
    expect((await api('GET', '/api/v1/events', { token: issued.body.data.key })).status).toBe(200);
  });
});
