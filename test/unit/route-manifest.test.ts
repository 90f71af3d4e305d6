/**
 * The manifest's structure (lib/routes/*): one naming rule for route id, handler file and
 * operationId, and the run-time route table generated from it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { routes, routeKeyOf } from '../../lib/manifest.ts';
import { routePoliciesSource } from '../../scripts/generate-route-policies.ts';
import { buildEventLiteDocument } from '../../shared/openapi/eventlite-document.ts';
import { methodsAllowedOn, routePolicyOf } from '../../shared/http/route-policies.ts';

const root = new URL('../../', import.meta.url);
const kebab = (id: string) => id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
const pascal = (file: string) => file.replace(/\.ts$/, '').replace(/(^|-)([a-z])/g, (_, __, letter: string) => letter.toUpperCase());

describe('route naming: id, handler file and operationId follow one rule', () => {
  it('gives every route a unique PascalCase id and the entry functions/<surface>/<kebab-case id>.ts, which exists', () => {
    // prepare
    const ids = routes.map((route) => route.id);
    // act
    const misnamed = routes.filter((route) => !/^[A-Z][A-Za-z0-9]*$/.test(route.id) || route.entry !== `functions/${route.surface}/${kebab(route.id)}.ts`);
    const missing = routes.filter((route) => !existsSync(new URL(route.entry, root)));
    // assess
    expect(new Set(ids).size).toBe(ids.length);
    expect(misnamed.map((route) => `${route.id} -> ${route.entry}`)).toEqual([]);
    expect(missing.map((route) => route.entry)).toEqual([]);
  });

  it('leaves no handler file that no route names, so a file name always gives back its route id', () => {
    // prepare
    const byEntry = new Map(routes.map((route) => [route.entry, route.id]));
    // act
    const files = (['eventlite', 'planninghub', 'system'] as const).flatMap((surface) =>
      readdirSync(new URL(`functions/${surface}/`, root)).filter((file) => file.endsWith('.ts')).map((file) => ({ entry: `functions/${surface}/${file}`, file })),
    );
    // assess
    expect(files.filter(({ entry }) => !byEntry.has(entry)).map(({ entry }) => entry)).toEqual([]);
    for (const { entry, file } of files) expect(pascal(file), entry).toBe(byEntry.get(entry));
  });

  it('uses the route id as the operationId of the EventLite document', () => {
    // act
    const document = buildEventLiteDocument();
    const operationIds = Object.values(document.paths ?? {}).flatMap((item) => Object.values(item as Record<string, { operationId: string }>).map((operation) => operation.operationId));
    // assess
    expect(operationIds.sort()).toEqual(routes.filter((route) => route.surface === 'eventlite').map((route) => route.id).sort());
  });
});

describe('rate class and idempotency: declared on the route, read at run time from the generated table', () => {
  it('has a current shared/http/route-policies.generated.ts (run `npm run routes` after changing a route)', () => {
    // act
    const committed = readFileSync(new URL('shared/http/route-policies.generated.ts', root), 'utf8');
    // assess
    expect(committed).toBe(routePoliciesSource());
  });

  it('gives the run time the policy each route declares, by route key and by concrete path', () => {
    for (const route of routes) {
      // act
      const byKey = routePolicyOf(routeKeyOf(route), route.method, route.path);
      // assess
      expect(byKey, route.id).toEqual({ rateClass: route.rateClass, idempotent: route.idempotent });
      if (route.path !== '$default') {
        const concrete = route.path.replace(/\{[^}]+\}/g, 'x_1');
        expect(routePolicyOf(undefined, route.method, concrete), route.id).toEqual({ rateClass: route.rateClass, idempotent: route.idempotent });
      }
    }
  });

  it('makes the critical class and idempotency visible on the routes that have them, with the same note in their documentation', () => {
    // act
    const critical = routes.filter((route) => route.rateClass === 'critical');
    const idempotent = routes.filter((route) => route.idempotent);
    // assess
    expect(critical.map((route) => route.id).sort()).toEqual(
      ['BookEquipment', 'CancelFromPage', 'CancelShift', 'CheckInShift', 'CheckOutShift', 'CreateShift', 'GetEquipmentAvailability', 'GetShift', 'ListShifts', 'RegisterFromPage', 'UpdateShift'].sort(),
    );
    expect(idempotent.every((route) => route.method === 'POST')).toBe(true);
    for (const route of critical) expect(route.docs.description, route.id).toContain('Critical rate class (20/min).');
    for (const route of idempotent) expect(route.docs.description, route.id).toContain('Accepts Idempotency-Key.');
    for (const route of routes.filter((route) => route.rateClass !== 'critical')) expect(route.docs.description ?? '', route.id).not.toContain('Critical rate class');
  });

  it('lists the methods of a known path for a 405, and none for an unknown one', () => {
    expect(methodsAllowedOn('/v1/shifts/shift_1')).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(methodsAllowedOn('/api/v1/events/')).toEqual(['GET', 'POST']);
    expect(methodsAllowedOn('/v1/nothing-here')).toEqual([]);
  });
});
