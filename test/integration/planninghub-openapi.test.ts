import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { api } from './support.ts';

describe('GET /v1/openapi', () => {
  it('serves the PlanningHub OpenAPI 3.1 document without authentication', async () => {
    // act
    const response = await api('GET', '/v1/openapi');
    // assess
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.info.title).toBe('PlanningHub API');
    expect(response.body.paths['/v1/sync']).toBeDefined();
    expect((await new Validator().validate(response.body)).valid).toBe(true);
  });
});
