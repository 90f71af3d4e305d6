import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { admin, api, baseUrl } from './support.ts';

describe('request pipeline through the gateway', () => {
  it('answers GET /health with 200 and no credentials', async () => {
    const response = await api('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('refuses a wrong content type with 415 and malformed JSON with 400', async () => {
    const wrongType = await api('POST', '/api/v1/events', { token: admin().apiKey, rawBody: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(415);
    expect(typeof wrongType.body.error).toBe('string');
    const malformed = await api('POST', '/api/v1/events', { token: admin().apiKey, rawBody: '{"title": ', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.text).not.toMatch(/at .*\.ts|SyntaxError/);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const response = await api('POST', '/api/v1/events', { token: admin().apiKey, body: { title: 'x'.repeat(1_100_000) } });
    expect(response.status).toBe(413);
  });

  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    const echoed = await api('GET', '/api/v1/events', { token: admin().apiKey, headers: { 'x-request-id': 'trace-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-123');
    const generated = await api('GET', '/api/v1/events', { token: admin().apiKey, headers: { 'x-request-id': 'bad id with spaces' } });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const refused = await api('GET', '/api/v1/events', { headers: { 'x-request-id': 'trace-401' } });
    expect(refused.headers.get('x-request-id')).toBe('trace-401');
  });

  it('sends CORS headers and answers preflights', async () => {
    const preflight = await fetch(`${baseUrl()}/api/v1/events`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const response = await api('GET', '/api/v1/events', { token: admin().apiKey, headers: { origin: 'https://app.example' } });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-expose-headers')).toContain('X-Request-Id');
  });

  it('answers 404 for an unknown route', async () => {
    expect((await api('GET', '/api/v1/nothing-here')).status).toBe(404);
  });
});

describe('GET /api/v1/openapi', () => {
  it('serves a valid OpenAPI 3.1 document without authentication', async () => {
    const response = await api('GET', '/api/v1/openapi');
    expect(response.status).toBe(200);
    const document = response.body;
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/events', '/api/v1/events/{id}', '/api/v1/api-keys', '/api/v1/api-keys/{id}']));
    const create = document.paths['/api/v1/events'].post;
    const input = document.components.schemas[create.requestBody.content['application/json'].schema.$ref.split('/').at(-1)];
    expect(input.required).toEqual(expect.arrayContaining(['title', 'mode', 'startAt']));
    expect(input.properties.title).toMatchObject({ minLength: 3, maxLength: 100 });
    // every reference resolves inside the document
    for (const ref of JSON.stringify(document).match(/"\$ref":"[^"]+"/g) ?? []) {
      const [kind, name] = ref.slice(8, -1).split('/').slice(-2);
      expect(ref, ref).toMatch(/^"\$ref":"#\/components\/(schemas|parameters|headers)\//);
      expect(document.components[kind!]?.[name!], ref).toBeDefined();
    }
  });
});
