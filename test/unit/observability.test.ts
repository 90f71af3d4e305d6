/**
 * The logger's hygiene net, the domain metrics' EMF documents and the trace id on log lines
 * (docs/operations.md). The flow test (test/integration/log-hygiene.test.ts) shows today's
 * handlers log no secret; these cases feed the logger what a careless future line might carry.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, redact, writeMetrics } from '../../shared/http/logger.ts';
import { collected, emfDocuments, recordMetric, withMetrics } from '../../shared/observability/metrics.ts';
import { config } from '../../shared/config.ts';
import { handler as health } from '../../functions/system/health.ts';
import { endpoint } from '../../shared/http/endpoint.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import type { ApiEvent, Context } from '../../shared/http/types.ts';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyXzQ1NiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const API_KEY = `elk_${'A1b2C3d4'.repeat(5)}xyz`;
const CHECKIN_TOKEN = 'WzEsInNoaWZ0XzEyMyIsInVzZXJfNDU2IiwxXQ.bWFjLW9mLXRoZS1jaGVjay1pbi10b2tlbg';

/** Everything written to stdout and stderr while `work` runs. */
async function captured(work: () => unknown): Promise<string> {
  const chunks: string[] = [];
  const keep = ((chunk: string) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  try {
    await work();
  } finally {
    vi.restoreAllMocks();
  }
  return chunks.join('');
}

const event = (routeKey: string): ApiEvent =>
  ({
    version: '2.0',
    routeKey,
    rawPath: '/health',
    rawQueryString: '',
    headers: {},
    requestContext: { requestId: 'gw-request-1', http: { method: 'GET', path: '/health', sourceIp: '192.0.2.1' } },
    isBase64Encoded: false,
  }) as unknown as ApiEvent;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('redact()', () => {
  it('removes whatever is shaped like a secret, wherever it appears', () => {
    // act
    const line = redact({
      message: `refused Authorization: Bearer ${JWT} for key ${API_KEY}`,
      error: { message: `bad token ${CHECKIN_TOKEN} from jmichel@sonopro.fr`, stack: 'at f (file:///var/task/@middy/core@7.9.2/index.mjs:1:2)' },
      path: `/v1/shifts/shift_1/checkin?token=${CHECKIN_TOKEN}`,
      signing: 'whsec_0123456789abcdefABCDEF',
    });
    // assess
    for (const secret of [JWT, API_KEY, CHECKIN_TOKEN, 'jmichel@sonopro.fr', 'whsec_0123456789abcdefABCDEF']) expect(line).not.toContain(secret);
    expect(line).toContain('j***@sonopro.fr');
    // Package versions in stack traces are not addresses.
    expect(line).toContain('@middy/core@7.9.2');
  });

  it('replaces the value of every field named like a secret, nested ones included, and keeps the harmless ones', () => {
    // act
    const parsed = JSON.parse(
      redact({ password: 'hunter2-hunter2', body: { client_secret: 's3cr3t', access_token: 'opaque-token-value', token_type: 'Bearer', expires_in: 3600 }, apiKey: 'k', Authorization: 'x', tokenCount: 3 }),
    );
    // assess
    expect(parsed).toEqual({
      password: '[redacted]',
      body: { client_secret: '[redacted]', access_token: '[redacted]', token_type: 'Bearer', expires_in: 3600 },
      apiKey: '[redacted]',
      Authorization: '[redacted]',
      tokenCount: 3,
    });
  });

  it('is applied to every line the logger writes, errors included', async () => {
    // prepare
    vi.stubEnv('LOG_SILENT', 'false');
    const log = createLogger({ requestId: 'r1' });
    // act
    const output = await captured(() => {
      log.error('exchange failed', { error: new Error(`Auth0 refused admin@eventlite.fr with ${JWT}`) });
      log.info('login', { email: 'claire@autreprod.fr', password: 'Demo-Password-2024!' });
    });
    // assess
    expect(output).not.toMatch(/admin@eventlite\.fr|claire@autreprod\.fr|Demo-Password-2024!|eyJhbGci/);
    expect(output).toContain('a***@eventlite.fr');
  });
});

describe('domain metrics', () => {
  it('records nothing outside a request', () => {
    recordMetric('Bookings');
    expect(collected()).toBeUndefined();
  });

  it('groups a request\'s samples into EMF documents, one per set of dimension values, in the one namespace', () => {
    // act
    const samples = withMetrics(() => {
      collected()!.route = 'POST /v1/shifts';
      recordMetric('AllocationAttempts', 2);
      recordMetric('LabourLawRefusals', 1, { Rule: 'daily_rest' });
      recordMetric('LabourLawRefusals', 1, { Rule: 'weekly_max' });
      recordMetric('Bookings');
      recordMetric('Bookings');
      return collected()!.samples;
    });
    const documents = emfDocuments(samples, { Stage: 'production' }, { requestId: 'r1' }, 1_700_000_000_000);
    // assess
    expect(documents).toContainEqual({
      _aws: { Timestamp: 1_700_000_000_000, CloudWatchMetrics: [{ Namespace: 'Stagecrew', Dimensions: [['Stage', 'Route']], Metrics: [{ Name: 'AllocationAttempts', Unit: 'Count' }] }] },
      requestId: 'r1',
      Stage: 'production',
      Route: 'POST /v1/shifts',
      AllocationAttempts: 2,
    });
    expect(documents.filter((document) => 'LabourLawRefusals' in document).map((document) => document.Rule).sort()).toEqual(['daily_rest', 'weekly_max']);
    expect(documents.find((document) => 'Bookings' in document)).toMatchObject({ Bookings: [1, 1], Stage: 'production' });
    expect(documents).toHaveLength(4);
  });

  it('writes metric lines whatever the log level, and none when silenced', async () => {
    vi.stubEnv('LOG_LEVEL', 'error');
    vi.stubEnv('LOG_SILENT', 'false');
    expect(await captured(() => writeMetrics([{ _aws: {}, Bookings: 1 }]))).toContain('"Bookings":1');
    vi.stubEnv('LOG_SILENT', 'true');
    expect(await captured(() => writeMetrics([{ _aws: {}, Bookings: 1 }]))).toBe('');
  });

  it("counts a request's refusals through the pipeline and writes them at its end, with the stage and the trace id", async () => {
    // prepare
    vi.stubEnv('LOG_SILENT', 'false');
    vi.stubEnv('STAGE', 'staging');
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1');
    const refused = endpoint({ surface: 'planninghub', auth: false }, async () => {
      throw new DomainError('unprocessable', 'LABOR_LAW_VIOLATION', { fr: 'refusé', en: 'refused' }, [{ rule: 'daily_rest' }, { rule: 'daily_rest' }, { rule: 'weekly_max' }]);
    });
    // act
    const output = await captured(() => refused(event('POST /v1/shifts'), { awsRequestId: 'lambda-1' } as Context));
    // assess: once per rule broken, with bounded dimensions, and the request's ids as plain fields
    const lines = output.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const metricLines = lines.filter((line) => line._aws);
    expect(metricLines.map((line) => [line.Rule, line.LabourLawRefusals, line.Stage]).sort()).toEqual([
      ['daily_rest', 1, 'staging'],
      ['weekly_max', 1, 'staging'],
    ]);
    expect(metricLines[0]).toMatchObject({ traceId: '1-5759e988-bd862e3fe1be46a994272793', requestId: 'gw-request-1' });
    expect(metricLines[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['Stage', 'Rule']]);
  });
});

describe('trace id', () => {
  it('is the Root of _X_AMZN_TRACE_ID, and absent without it', () => {
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-abc-def;Parent=1;Sampled=0');
    expect(config.traceId).toBe('1-abc-def');
    vi.stubEnv('_X_AMZN_TRACE_ID', '');
    expect(config.traceId).toBeUndefined();
  });

  it('joins every line of a request handled by endpoint()', async () => {
    vi.stubEnv('LOG_SILENT', 'false');
    vi.stubEnv('_X_AMZN_TRACE_ID', 'Root=1-aaaa-bbbb;Sampled=1');
    const output = await captured(() => health(event('GET /health'), { awsRequestId: 'lambda-2' } as Context));
    const lines = output.split('\n').filter(Boolean).map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatchObject({ traceId: '1-aaaa-bbbb', awsRequestId: 'lambda-2' });
  });
});
