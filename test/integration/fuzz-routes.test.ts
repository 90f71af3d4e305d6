/**
 * Schema-driven fuzzing of every route of the manifest: requests built from each route's request
 * schemas (their JSON Schema, z.toJSONSchema), mostly well-formed so that they get past validation
 * and reach the stores, with bad values mixed in (wrong types, huge strings, deep nesting, odd
 * numbers, dates of years 0000-0099 and 9999, forged cursors, 2 KB headers, bad percent-encoding,
 * garbage bodies, wrong content types). Bad input must be a 4xx: any 5xx fails the test.
 *
 * Fixed seed; FUZZ_RUNS (default 16) cases per route, FUZZ_SEED to explore elsewhere
 * (docs/security.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { request as httpRequest } from 'node:http';
import { routes, type RouteDefinition } from '../../lib/manifest.ts';
import { arrangeOrganization, baseUrl, type ArrangedMember } from './support.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 16);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const CONCURRENCY = 4;

type JsonSchema = Record<string, any>;

const TWO_KB = 'A'.repeat(2048);
const deepArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** Values no schema should let through to a store unchecked. */
const nasty: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  'x'.repeat(5000),
  TWO_KB,
  1e-131,
  -1e-131,
  1e308,
  -1e308,
  -0,
  2 ** 53 + 2,
  0.1 + 0.2,
  'NaN',
  'Infinity',
  '-0',
  '1e-131',
  '0000-01-01',
  '0001-01-01',
  '0099-12-31',
  '9999-12-31',
  '0000-01-01T00:00:00Z',
  '0099-12-31T23:00:00+01:00',
  '9999-12-31T23:59:59Z',
  '2024-02-30',
  null,
  true,
  [],
  {},
  [[[[[[]]]]]],
  deepObject(40),
  '',
  ' ',
  '\u0000',
  '𝕏'.repeat(300),
  '#',
  'ORG#org_123',
  '../../etc/passwd',
);

/** Cursors a client could forge: other shapes, other organisations, out-of-range positions, years 0000 and 9999. */
const forgedCursor: fc.Arbitrary<string> = fc.constantFrom(
  base64url(['0000-01-01T00:00:00.000Z', 'shift_x']),
  base64url(['9999-12-31T23:59:59.999Z', 'shift_x']),
  base64url(['1900-01-01T00:00:00.000Z', 'a'.repeat(100)]),
  base64url(['2024-01-01T00:00:00.000Z', 'x', 'y']),
  base64url(['sound', 'mixing_console', 'eq_x']),
  base64url(['zzz', 'zzz', 'z'.repeat(64)]),
  base64url({ pk: 'ORG#org_999', sk: 'EVENT#x', gsi1pk: 'ORG#org_999#EVENTS', gsi1sk: '2024-01-01T00:00:00.000Z#x' }),
  base64url({ sk: 'EVENT#x', gsi1sk: '9999-01-01T00:00:00.000Z#x' }),
  base64url('a'.repeat(600)),
  base64url(deepObject(20)),
  'AAAA',
  '_-_-',
  TWO_KB,
);

const resolve = (schema: JsonSchema, root: JsonSchema): JsonSchema => {
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#/$defs/')) return resolve(root.$defs[schema.$ref.slice('#/$defs/'.length)], root);
  return schema;
};

const dateArb = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });
const oddDate = fc.constantFrom('0000-01-01', '0050-06-15', '0099-12-31', '9999-12-31', '1899-12-31', '3000-01-01', '2024-13-01');
const oddInstant = fc.constantFrom('0000-01-01T00:00:00Z', '0050-06-15T12:00:00+02:00', '0099-12-31T23:00:00-05:00', '9999-12-31T23:59:59Z', '2024-02-15T25:00:00Z');

/** A value for a JSON Schema: mostly valid, sometimes one of the nasty ones. */
function valueOf(schema: JsonSchema, root: JsonSchema, name = '', depth = 0): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, root);
  if (depth > 6) return fc.constant(null);
  const valid = validOf(resolved, root, name, depth);
  return fc.oneof({ arbitrary: valid, weight: 8 }, { arbitrary: name === 'cursor' ? forgedCursor : nasty, weight: 1 });
}

function validOf(schema: JsonSchema, root: JsonSchema, name: string, depth: number): fc.Arbitrary<unknown> {
  if (name === 'cursor') return forgedCursor;
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches)) return fc.oneof(...branches.map((branch: JsonSchema) => validOf(resolve(branch, root), root, name, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set<string>(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, child] of Object.entries(properties)) record[key] = valueOf(child, root, key, depth + 1);
      if (Object.keys(record).length === 0) {
        return fc.dictionary(fc.string({ maxLength: 10 }), fc.oneof(fc.integer(), fc.string({ maxLength: 10 }), nasty), { maxKeys: 3 });
      }
      return fc.record(record, { requiredKeys: Object.keys(record).filter((key) => required.has(key) || key.length % 2 === 0) });
    }
    case 'array':
      return fc.array(schema.items ? valueOf(schema.items, root, name, depth + 1) : fc.jsonValue(), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'string':
      if (schema.format === 'date') return fc.oneof({ arbitrary: dateArb.map((d) => d.toISOString().slice(0, 10)), weight: 4 }, { arbitrary: oddDate, weight: 1 });
      if (schema.format === 'date-time' || /instant|time|_at$|At$/.test(name))
        return fc.oneof({ arbitrary: dateArb.map((d) => d.toISOString()), weight: 4 }, { arbitrary: oddInstant, weight: 1 });
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'uri') return fc.webUrl();
      if (typeof schema.pattern === 'string') {
        try {
          return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 200));
        } catch {
          // A pattern fast-check cannot invert: plain strings.
        }
      }
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) });
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9) });
    case 'number':
      return fc.oneof(
        fc.double({ min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1000, 1e9), noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom(1e-131, -1e-131, 1e-200, 5e-324, -0),
      );
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

const schemaOf = (schema: z.core.$ZodType | undefined): JsonSchema | undefined =>
  schema ? (z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as JsonSchema) : undefined;

interface Case {
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

const BAD_SEGMENTS = ['%ff', '%E0%A4%A', '%', '%00', '%2F..%2F', encodeURIComponent(TWO_KB), '%C0%AF', 'a%20b', encodeURIComponent('ORG#org_123')];

function caseArbitrary(route: RouteDefinition, auth: Record<string, string>, ids: () => string[]): fc.Arbitrary<Case> {
  const paramsSchema = schemaOf(route.docs.request?.params);
  const querySchema = schemaOf(route.docs.request?.query);
  const bodySchema = schemaOf(route.docs.request?.body);
  const parameterNames = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((match) => match[1]!);

  const segment = (name: string): fc.Arbitrary<string> => {
    const property = paramsSchema ? resolve(paramsSchema, paramsSchema).properties?.[name] : undefined;
    const fromSchema = property ? validOf(resolve(property, paramsSchema!), paramsSchema!, name, 0).map((value) => encodeURIComponent(String(value))) : fc.constant('x');
    return fc.oneof(
      { arbitrary: fc.constantFrom(...ids()).map(encodeURIComponent), weight: 3 },
      { arbitrary: fromSchema, weight: 2 },
      { arbitrary: fc.constantFrom(...BAD_SEGMENTS), weight: 2 },
    );
  };
  // The catch-all route has no path of its own: any path no other route has.
  const path = route.path === '$default' ? fc.constantFrom('/v1/nowhere', '/api/v1/nowhere/at/all', '/elsewhere', '/v1/events/x/y/z', '/api/v1/%ff') : fc.tuple(...parameterNames.map(segment)).map((segments) => {
    let built = route.path;
    parameterNames.forEach((name, index) => (built = built.replace(new RegExp(`\\{${name}\\+?\\}`), segments[index]!)));
    return built;
  });

  const query: fc.Arbitrary<Record<string, string>> = querySchema
    ? (valueOf(querySchema, querySchema) as fc.Arbitrary<unknown>).map((value) => {
        const out: Record<string, string> = {};
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          for (const [key, field] of Object.entries(value)) out[key] = typeof field === 'string' ? field : JSON.stringify(field) ?? '';
        }
        return out;
      })
    : fc.oneof(fc.constant({}), fc.constant({ unexpected: TWO_KB }));

  const body: fc.Arbitrary<string | undefined> = fc.oneof(
    { arbitrary: (bodySchema ? valueOf(bodySchema, bodySchema) : fc.jsonValue({ maxDepth: 2 })).map((value) => JSON.stringify(value)), weight: 8 },
    { arbitrary: fc.constantFrom(undefined, '', '{', '{"a":', 'null', '[]', '"text"', deepArray(2000), JSON.stringify(deepObject(2000)), 'x'.repeat(10_000)), weight: 2 },
  );

  const contentType = fc.oneof(
    { arbitrary: fc.constant('application/json'), weight: 8 },
    { arbitrary: fc.constantFrom('text/plain', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', ''), weight: 1 },
  );
  const oddHeader = fc.option(fc.constantFrom('X-Organization-ID', 'X-Event-ID', 'Idempotency-Key', 'X-Request-Id'), { freq: 3 });

  return fc.record({ path, query, body, contentType, oddHeader }).map(({ path, query, body, contentType, oddHeader }) => {
    const headers: Record<string, string> = { ...auth };
    if (contentType) headers['content-type'] = contentType;
    if (oddHeader) headers[oddHeader.toLowerCase()] = TWO_KB;
    return { path, query, headers, body: route.method === 'GET' || route.method === 'DELETE' ? undefined : body };
  });
}

interface Failure {
  route: string;
  status: number;
  request: string;
  answer: string;
}

/**
 * Sends from a loopback address of the fuzz's own (127.0.0.0/8 all reach the gateway on Linux):
 * its generated logins count as failures against that source only, never against the address the
 * other test files log in from (docs/rate-limits.md, login throttling per source).
 */
const FUZZ_SOURCE = '127.0.0.66';

async function send(route: RouteDefinition, request: Case): Promise<{ status: number; text: string; json: unknown }> {
  const search = new URLSearchParams(request.query).toString();
  const url = new URL(baseUrl());
  const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: `${request.path}${search ? `?${search}` : ''}`,
        method: route.method === 'ANY' ? 'POST' : route.method,
        localAddress: FUZZ_SOURCE,
        agent: false,
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

/** Ids answered by successful writes, so that later cases reach existing items too. */
function collectIds(json: unknown, into: Set<string>) {
  const data = (json as { data?: { id?: unknown } } | undefined)?.data ?? json;
  const id = (data as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string' && into.size < 50) into.add(id);
}

describe('API8:2023 Security Misconfiguration — schema-driven fuzzing of every route: bad input is a 4xx, never a 5xx', () => {
  let member: ArrangedMember;
  const ids = new Set<string>();
  let sent = 0;
  const failures: Failure[] = [];

  beforeAll(async () => {
    // Prepare: an organisation of the test's own, so that fuzzed writes and deletes touch no one else's data.
    member = (await arrangeOrganization({ members: 1, roles: ['admin'] }))[0]!;
    for (const id of [member.userId, 'evt_missing', 'shift_missing', 'eq_missing', 'a-slug', '0b7f6c2e-1111-4222-8333-944455556666']) ids.add(id);
  });

  afterAll(() => {
    console.info(`fuzz-routes: ${sent} requests over ${routes.length} routes (seed ${SEED}, ${RUNS} per route), ${failures.length} answered 5xx`);
  });

  it(`answers no 5xx to ${RUNS} generated bad requests per route`, { timeout: 600_000 }, async () => {
    // Act
    for (const [index, route] of routes.entries()) {
      const auth: Record<string, string> =
        route.auth === 'none'
          ? {}
          : route.surface === 'planninghub'
            ? { authorization: `Bearer ${member.accessToken}`, 'x-organization-id': member.organizationId }
            : { authorization: `Bearer ${member.apiKey}` };
      const cases = fc.sample(caseArbitrary(route, auth, () => [...ids]), { seed: SEED + index, numRuns: RUNS });
      for (let start = 0; start < cases.length; start += CONCURRENCY) {
        await Promise.all(
          cases.slice(start, start + CONCURRENCY).map(async (request) => {
            const answer = await send(route, request);
            sent++;
            if (answer.status < 300) collectIds(answer.json, ids);
            if (answer.status >= 500) {
              failures.push({
                route: `${route.method} ${route.path}`,
                status: answer.status,
                request: JSON.stringify({ path: request.path.slice(0, 300), body: request.body?.slice(0, 600), query: JSON.stringify(request.query).slice(0, 300), headers: Object.keys(request.headers) }),
                answer: answer.text.slice(0, 300),
              });
            }
          }),
        );
      }
    }

    // Assess
    expect(failures, JSON.stringify(failures.slice(0, 10), null, 1)).toEqual([]);
  });
});
