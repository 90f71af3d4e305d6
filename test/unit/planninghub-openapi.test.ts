import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildPlanningHubDocument } from '../../shared/openapi/planninghub-document.ts';
import { routes } from '../../lib/manifest.ts';

describe('the served PlanningHub OpenAPI document', () => {
  it('is the one the manifest and the schemas generate (run `npm run openapi` after changing them)', () => {
    // act
    const served = JSON.parse(readFileSync(new URL('../../shared/openapi/planninghub.openapi.json', import.meta.url), 'utf8'));
    // assess
    expect(served).toEqual(JSON.parse(JSON.stringify(buildPlanningHubDocument())));
  });

  it('is valid OpenAPI 3.1, has every /v1 route, and declares X-Organization-ID and X-Event-ID', async () => {
    // prepare
    const document = buildPlanningHubDocument() as any;
    // act
    const result = await new Validator().validate(JSON.parse(JSON.stringify(document)));
    // assess
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    const operations = Object.values(document.paths).flatMap((methods: any) => Object.values(methods)) as any[];
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(routes.filter((route) => route.surface === 'planninghub').map((route) => route.id).sort());
    const shifts = document.paths['/v1/shifts'].get;
    const parameterAt = (ref: string) => document.components.parameters[ref.replace('#/components/parameters/', '')];
    expect(shifts.parameters.map((parameter: { $ref?: string }) => (parameter.$ref ? parameterAt(parameter.$ref) : parameter))).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'X-Organization-ID', in: 'header', required: true }), expect.objectContaining({ name: 'X-Event-ID', in: 'header', required: false })]),
    );
    expect(document.paths['/v1/openapi'].get.security).toEqual([]);
    expect(Object.keys(document.paths['/v1/documents/{id}/complete'].post.responses).sort()).toEqual(['200', '400', '401', '403', '404', '409', '422', '429', '500']);
  });
});
