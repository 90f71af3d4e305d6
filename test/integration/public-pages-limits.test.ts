/**
 * The public form's abuse limit and the retention of cancelled registrations (issue 11, points 2
 * and 7), over the test runtime's DynamoDB Local.
 *
 * The rate limit: the suite's gateway runs with a huge RATE_LIMIT_CRITICAL (its files share one
 * source address), so the RegisterFromPage handler is invoked in this process, where the limit is
 * set low (this file's worker only) and each test posts from an address of its own.
 */
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { DescribeTimeToLiveCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { api, arrangeOrganization, baseUrl, tableClient, uniqueTitle } from './support.ts';
import { CANCELLED_RETENTION_DAYS } from '../../shared/domain/registration.ts';
import type { ApiEvent, ApiResult, Context } from '../../shared/http/types.ts';

const saved = { ...process.env };

beforeAll(() => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: inject('dynamoDbEndpoint'),
    TABLE_NAME: inject('tableName'),
    AWS_REGION: 'eu-west-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    LOG_SILENT: 'true',
    RATE_LIMIT_CRITICAL: '3',
  });
});

afterAll(() => {
  process.env = saved;
});

async function publishedEvent() {
  const [owner] = await arrangeOrganization({ members: 1 });
  const created = await api('POST', '/api/v1/events', {
    token: owner!.apiKey,
    body: { title: uniqueTitle('Limites'), mode: 'ONLINE', startAt: '2030-06-01T18:00:00Z', timezone: 'Europe/Paris', capacity: 10, status: 'PUBLISHED' },
  });
  expect(created.status).toBe(201);
  return { owner: owner!, event: created.body.data as { id: string; slug: string } };
}

type Handler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

function formPost(slug: string, sourceIp: string, fields: Record<string, string>, headers: Record<string, string> = {}): ApiEvent {
  const path = `/e/${slug}/register`;
  return {
    version: '2.0',
    routeKey: 'POST /e/{slug}/register',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', host: 'localhost', ...headers },
    pathParameters: { slug },
    body: new URLSearchParams(fields).toString(),
    isBase64Encoded: false,
    requestContext: { requestId: `limits-${Math.random()}`, routeKey: 'POST /e/{slug}/register', http: { method: 'POST', path, sourceIp } },
  } as unknown as ApiEvent;
}

const context = () => ({ awsRequestId: `limits-${Math.random()}`, getRemainingTimeInMillis: () => 30_000 }) as unknown as Context;
const someAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 250)}`;

describe('POST /e/{slug}/register per source address', () => {
  it('answers the 4th submission of a minute (limit 3) with an HTML 429 page in the visitor language and Retry-After; another address is unaffected', { timeout: 120_000 }, async () => {
    // prepare
    const { event } = await publishedEvent();
    const { handler } = (await import('../../functions/system/register-from-page.ts')) as unknown as { handler: Handler };
    const used = new Set<string>();
    const freshAddress = () => {
      let address = someAddress();
      while (used.has(address)) address = someAddress();
      used.add(address);
      return address;
    };
    const fields = (n: number) => ({ name: `Personne ${n}`, email: `limite${n}-${event.id}@example.com`, consent: 'yes', website: '' });
    // Three submissions in one calendar minute (a straddle would start a fresh window: then run again).
    let answers: { statusCode?: number; headers?: Record<string, unknown>; body?: string }[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const minute = Math.floor(Date.now() / 60_000);
      const address = freshAddress();
      answers = [];
      // act
      for (let n = 0; n < 4; n++) answers.push((await handler(formPost(event.slug, address, fields(n + attempt * 10), n === 3 ? { 'accept-language': 'en' } : {}), context())) as never);
      if (Math.floor(Date.now() / 60_000) === minute) break;
    }
    const elsewhere = (await handler(formPost(event.slug, freshAddress(), fields(99)), context())) as { statusCode: number };

    // assess
    expect(answers.slice(0, 3).map((answer) => answer.statusCode)).toEqual([303, 303, 303]);
    const refused = answers[3]!;
    expect(refused.statusCode).toBe(429);
    expect(String(refused.headers!['Content-Type'] ?? refused.headers!['content-type'])).toMatch(/^text\/html/);
    expect(Number(refused.headers!['Retry-After'] ?? refused.headers!['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).toContain('<html lang="en"');
    expect(refused.body).not.toContain('"error"');
    expect(elsewhere.statusCode).toBe(303);
  });
});

describe('retention of a cancelled registration', () => {
  it(`sets the TTL (expiresAt, the table's TTL attribute) ${CANCELLED_RETENTION_DAYS} days after the cancellation on the registration and its token marker, and frees the address at once`, { timeout: 120_000 }, async () => {
    // prepare: registered from the page, so that a private-page token marker exists
    const { owner, event } = await publishedEvent();
    const registered = await fetch(`${baseUrl()}/e/${event.slug}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Ada', email: 'ada-retention@example.com', consent: 'yes', website: '' }).toString(),
      redirect: 'manual',
    });
    expect(registered.status).toBe(303);
    const privatePage = registered.headers.get('location')!;
    const mine = await (await fetch(`${baseUrl()}${privatePage}`)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(mine)![1]!;

    // act
    const before = Math.floor(Date.now() / 1000);
    const cancelled = await fetch(`${baseUrl()}${privatePage}/cancel`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl() },
      body: new URLSearchParams({ csrf }).toString(),
      redirect: 'manual',
    });
    const after = Math.ceil(Date.now() / 1000);

    // assess
    expect(cancelled.status).toBe(303);
    const { client, tableName } = tableClient();
    const { Items = [] } = await client.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `ORG#${owner.organizationId}#EVENT#${event.id}` }, ConsistentRead: true }),
    );
    const registration = Items.find((item) => String(item.sk).startsWith('REG#'))!;
    const token = Items.find((item) => String(item.sk).startsWith('REGTOKEN#'))!;
    expect(registration.status).toBe('CANCELLED');
    const retention = CANCELLED_RETENTION_DAYS * 86_400;
    expect(registration.expiresAt).toBeGreaterThanOrEqual(before + retention);
    expect(registration.expiresAt).toBeLessThanOrEqual(after + retention);
    expect(token.expiresAt).toBe(registration.expiresAt);
    expect(Items.filter((item) => String(item.sk).startsWith('REGEMAIL#'))).toEqual([]);
    const raw = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-west-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const ttl = await raw.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
    // Live registrations carry no expiry: only a cancellation starts the clock.
    const { Item: live } = await client.send(new GetCommand({ TableName: tableName, Key: { pk: `ORG#${owner.organizationId}`, sk: `EVENT#${event.id}` }, ConsistentRead: true }));
    expect(live?.expiresAt).toBeUndefined();
  });
});
