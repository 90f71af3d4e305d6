/**
 * What the committed OpenAPI documents promise beyond lint (issue 12, point 7): the specs'
 * examples on their routes, every status the pipeline answers derived from the route's
 * declaration with the surface's error schema (429 with Retry-After), the context headers, and
 * event ids typed as the bounded id pattern rather than UUIDs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../lib/manifest.ts';
import { ID_PATTERN } from '../../shared/domain/bounds.ts';

type Operation = {
  operationId: string;
  parameters: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { headers?: Record<string, { required?: boolean; schema: { type: string } }>; content?: Record<string, { schema: { $ref: string }; examples?: Record<string, { value: unknown }> }> }>;
};

const read = (name: string) => JSON.parse(readFileSync(new URL(`../../shared/openapi/${name}.openapi.json`, import.meta.url), 'utf8'));
const surfaces = [
  { surface: 'eventlite', document: read('eventlite'), errorSchema: '#/components/schemas/Error' },
  { surface: 'planninghub', document: read('planninghub'), errorSchema: '#/components/schemas/PlanningHubError' },
] as const;

/** The document with its `$ref`s to parameters and headers replaced by what they name. */
function resolved(document: any) {
  const at = (ref: string) => ref.slice(2).split('/').reduce((node, key) => node[key], document);
  const walk = (node: any): any =>
    Array.isArray(node) ? node.map(walk) : node && typeof node === 'object' ? (typeof node.$ref === 'string' && /^#\/components\/(parameters|headers)\//.test(node.$ref) ? walk(at(node.$ref)) : Object.fromEntries(Object.entries(node).map(([key, value]) => [key, walk(value)]))) : node;
  return walk(document);
}

const operationsOf = (document: { paths: Record<string, Record<string, Operation>> }) =>
  new Map(Object.values(resolved(document).paths as Record<string, Record<string, Operation>>).flatMap((methods) => Object.values(methods).map((operation) => [operation.operationId, operation] as const)));

const requestExamples = (operation: Operation) => Object.values(operation.requestBody?.content['application/json']?.examples ?? {}).map((example) => example.value);
const responseExamples = (operation: Operation, status: number) => Object.values(operation.responses[status]?.content?.['application/json']?.examples ?? {}).map((example) => example.value);

describe('the OpenAPI documents', () => {
  it.each(surfaces)('declare on each $surface route the statuses its pipeline answers, each error with the surface\'s error body', ({ surface, document }) => {
    // prepare
    const operations = operationsOf(document);
    // act
    const declared = routes.filter((route) => route.surface === surface);
    // assess
    for (const route of declared) {
      const operation = operations.get(route.id)!;
      const statuses = Object.keys(operation.responses).map(Number);
      expect(statuses, route.id).toContain(500);
      if (route.rateClass !== 'none') {
        expect(statuses, route.id).toContain(429);
        expect(operation.responses[429]!.headers?.['Retry-After'], route.id).toEqual(expect.objectContaining({ required: true, schema: expect.objectContaining({ type: 'integer' }) }));
      }
      if (route.auth === 'required') expect(statuses, route.id).toEqual(expect.arrayContaining([400, 401, 403]));
      if (route.docs.request?.params || route.docs.request?.query) expect(statuses, route.id).toContain(400);
      if (route.docs.request?.body) expect(statuses, route.id).toEqual(expect.arrayContaining([400, 413, 415]));
      if (route.idempotent) {
        expect(statuses, route.id).toEqual(expect.arrayContaining([400, 409, 422]));
        expect(operation.parameters.map((parameter) => parameter.name), route.id).toContain('Idempotency-Key');
        expect(operation.responses[409]!.headers?.['Retry-After'], route.id).toBeDefined();
      }
      for (const status of statuses.filter((status) => status >= 400)) {
        expect(operation.responses[status]!.content?.['application/json']?.schema.$ref, `${route.id} ${status}`).toMatch(/^#\/components\/schemas\/\w*Error$/);
      }
    }
  });

  it('declare the PATCH shift preconditions (412, 428) and the login\'s identity provider outage (503)', () => {
    // act
    const operations = operationsOf(surfaces[1].document);
    // assess
    expect(Object.keys(operations.get('UpdateShift')!.responses)).toEqual(expect.arrayContaining(['409', '412', '422', '428', '429']));
    expect(Object.keys(operations.get('Login')!.responses)).toEqual(expect.arrayContaining(['401', '429', '503']));
    expect(Object.keys(operationsOf(surfaces[0].document).get('DeleteEvent')!.responses)).toContain('409');
  });

  it('declare X-Organization-ID (required) and X-Event-ID (optional) as bounded ids on every PlanningHub route of an organisation', () => {
    // prepare
    const operations = operationsOf(surfaces[1].document);
    const ofOrganization = routes.filter((route) => route.surface === 'planninghub' && route.auth === 'required' && !route.path.startsWith('/v1/invitations'));
    // act
    const headers = ofOrganization.map((route) => operations.get(route.id)!.parameters.filter((parameter) => parameter.in === 'header' && parameter.name.startsWith('X-')));
    // assess
    expect(ofOrganization.length).toBeGreaterThan(40);
    for (const declared of headers) {
      expect(declared).toEqual([
        expect.objectContaining({ name: 'X-Organization-ID', required: true, schema: { type: 'string', pattern: ID_PATTERN.source } }),
        expect.objectContaining({ name: 'X-Event-ID', required: false, schema: { type: 'string', pattern: ID_PATTERN.source } }),
      ]);
    }
  });

  it("type EventLite's event ids as bounded ids, which PlanningHub's `event_456` matches, and use the UUID format nowhere", () => {
    // prepare
    const { document } = surfaces[0];
    // act
    const id = document.components.schemas.Event.properties.id;
    // assess
    expect(id).toEqual(expect.objectContaining({ type: 'string', pattern: ID_PATTERN.source }));
    expect(new RegExp(id.pattern).test('event_456')).toBe(true);
    expect(JSON.stringify(document)).not.toContain('"format":"uuid"');
  });

  it("carry the PlanningHub spec's examples on their routes", () => {
    // prepare
    const operations = operationsOf(surfaces[1].document);
    // act
    const op = (id: string) => operations.get(id)!;
    // assess
    expect(requestExamples(op('Login'))).toEqual([{ email: 'jmichel@sonopro.fr', password: 'securePassword123!', organization_id: 'org_123', event_id: 'event_456' }]);
    expect(responseExamples(op('Login'), 200)).toEqual([expect.objectContaining({ token_type: 'Bearer', expires_in: 3600 })]);
    expect(responseExamples(op('GetCurrentUser'), 200)).toEqual([expect.objectContaining({ id: 'user_456', first_name: 'Jean-Michel', last_name: 'Leroy' })]);
    expect(requestExamples(op('UpdateAvailability'))).toEqual([{ '2024-02-20': ['10:00-20:00'], '2024-02-21': ['14:00-03:00'], '2024-02-22': null }]);
    expect(responseExamples(op('UpdateAvailability'), 200)).toEqual([expect.objectContaining({ status: 'success' })]);
    expect(responseExamples(op('ListEquipment'), 200)).toEqual([expect.objectContaining({ count: 3, results: [expect.objectContaining({ id: 'eq_101', name: 'DiGiCo SD5' })] })]);
    expect(requestExamples(op('BookEquipment'))).toEqual([expect.objectContaining({ equipment_id: 'eq_101', shift_id: 'shift_789' })]);
    expect(responseExamples(op('BookEquipment'), 201)).toEqual([expect.objectContaining({ status: 'confirmed', warnings: [expect.objectContaining({ code: 'MAINTENANCE_DUE' })] })]);
    expect(requestExamples(op('CreateShift'))).toEqual([expect.objectContaining({ title: 'Sonorisation - Scene Principale - Jazz a Juan', priority: 'high' })]);
    expect(responseExamples(op('CreateShift'), 201)).toEqual([expect.objectContaining({ status: 'confirmed', version: 1 })]);
    expect(responseExamples(op('GetShift'), 200)).toEqual([expect.objectContaining({ id: 'shift_789', qrcode: expect.objectContaining({ checkin_url: expect.stringContaining('shift_789') }) })]);
    expect(requestExamples(op('CreateProductionEvent'))).toEqual([expect.objectContaining({ name: 'Festival Jazz a Juan 2024', start_date: '2024-07-15' })]);
    expect(responseExamples(op('CreateProductionEvent'), 201)).toEqual([expect.objectContaining({ id: 'event_456', status: 'planning' })]);
  });

  it("carry the EventLite spec's examples on their routes", () => {
    // prepare
    const operations = operationsOf(surfaces[0].document);
    // act
    const op = (id: string) => operations.get(id)!;
    // assess
    expect(responseExamples(op('ListEvents'), 200)).toEqual([expect.objectContaining({ data: [expect.objectContaining({ slug: 'meetup-ia-paris', registrations_count: 12 })] })]);
    expect(requestExamples(op('CreateEvent'))).toEqual([expect.objectContaining({ title: 'Meetup IA Paris', mode: 'IN_PERSON', status: 'DRAFT' })]);
    expect(responseExamples(op('CreateEvent'), 201)).toEqual([{ data: expect.objectContaining({ id: '550e8400-e29b-41d4-a716-446655440000', slug: 'meetup-ia-paris' }) }]);
    expect(responseExamples(op('GetEvent'), 200)).toEqual([{ data: expect.objectContaining({ organizer: { id: 'user_admin', name: 'Jean Dupont', email: 'jean@example.com' }, total_registrations: 30 }) }]);
    expect(requestExamples(op('UpdateEvent'))).toEqual(expect.arrayContaining([{ title: 'Nouveau titre', status: 'PUBLISHED' }, { status: 'PUBLISHED' }, { capacity: 100 }, { status: 'CANCELLED' }]));
    expect(responseExamples(op('DeleteEvent'), 200)).toEqual([{ message: 'Event deleted successfully' }]);
    expect(requestExamples(op('UploadImage'))).toEqual([{ url: 'https://example.com/image.jpg' }, { base64: 'data:image/png;base64,iVBORw0KGgo...' }]);
    expect(responseExamples(op('UploadImage'), 201)).toEqual([{ data: expect.objectContaining({ pathname: expect.stringMatching(/^events\//) }) }]);
  });
});
