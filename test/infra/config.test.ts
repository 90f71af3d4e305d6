/**
 * The stack and shared/config.ts agree: every deployed function's environment carries what the
 * configuration module needs for its manifest entry, in a format the module accepts at cold start,
 * and the stack sets no variable the module does not read (a misspelt name would otherwise only
 * show as a "... is not set" at the first request).
 */
import { flatTemplate } from './flat-template.ts';
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes, type RouteDefinition } from '../../lib/manifest.ts';
import { bucketNames } from '../../lib/table.ts';
import { upperSnake } from '../../lib/constructs/storage.ts';
import { readSettings, StagecrewStack } from '../../lib/stack.ts';
import { CONFIG_VARIABLES, validateEnvironment, type Need } from '../../shared/config.ts';

type Resource = { Type: string; Properties?: Record<string, any> };

let stack: StagecrewStack;
let resources: Record<string, Resource>;

beforeAll(() => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
  // With the login's Auth0 exchange configured, so that its variables are checked too.
  const app = new App({
    context: { ...context, 'aws:cdk:bundling-stacks': [], auth0Issuer: 'https://example-tenant.eu.auth0.com/', auth0ClientId: 'client-1', auth0ClientSecret: 'secret-1' },
  });
  stack = new StagecrewStack(app, 'ConfigStack', { settings: readSettings(app.node, {}) });
  resources = flatTemplate(stack).toJSON().Resources as Record<string, Resource>;
});

const environmentOf = (id: string): Record<string, unknown> => {
  const logicalId = stack.getLogicalId(stack.routeFunctions[id]?.function.node.defaultChild as never) ?? '';
  return resources[logicalId]!.Properties!.Environment.Variables;
};
const authorizerEnvironment = (): Record<string, unknown> =>
  resources[stack.getLogicalId(stack.authorizerFunction.function.node.defaultChild as never)]!.Properties!.Environment.Variables;

/** What a manifest entry makes a function need, in config.ts's terms. */
function needsOf(route: RouteDefinition): Need[] {
  return [
    ...(route.access.table ? (['table'] as const) : []),
    ...Object.keys(route.access.buckets ?? {}).map((name) => `bucket:${name}` as const),
    ...(route.usesCheckinSecret ? (['usesCheckinSecret'] as const) : []),
  ];
}
const variablesFor = (needs: Need[]) => CONFIG_VARIABLES.filter(({ neededBy }) => neededBy && needs.includes(neededBy)).map(({ name }) => name);
/** Literal values only: references (table names, ARNs) are resolved at deploy. */
const literals = (env: Record<string, unknown>) => Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string')) as Record<string, string>;

describe('function environments and shared/config.ts', () => {
  it('give every route function the variables config.ts needs for its manifest entry', () => {
    for (const route of routes) {
      const env = environmentOf(route.id);
      for (const name of variablesFor(needsOf(route))) expect(env[name], `${route.id} ${name}`).toBeTruthy();
    }
    // The cases the loop must cover, so that it cannot pass on an empty list.
    expect(variablesFor(needsOf(routes.find((route) => route.id === 'GetShift')!)).sort()).toEqual(['BUCKET_RIDERS', 'CHECKIN_TOKEN_SECRET_ARN', 'TABLE_NAME']);
    expect(routes.some((route) => variablesFor(needsOf(route)).includes('BUCKET_COVER_IMAGES'))).toBe(true);
  });

  it("give the authorizer the token verification's variables and the table", () => {
    const env = authorizerEnvironment();
    for (const name of [...variablesFor(['authorizer', 'table'])]) expect(env[name], name).toBeTruthy();
    expect(variablesFor(['authorizer']).sort()).toEqual(['JWKS_URI', 'JWT_AUDIENCE', 'JWT_ISSUER']);
  });

  it('hold literal values config.ts accepts at cold start', () => {
    for (const env of [authorizerEnvironment(), ...routes.map((route) => environmentOf(route.id))]) {
      expect(() => validateEnvironment(literals(env))).not.toThrow();
    }
    expect(literals(environmentOf('Login'))).toMatchObject({ AUTH0_DOMAIN: 'example-tenant.eu.auth0.com', AUTH0_CLIENT_ID: 'client-1' });
  });

  it('set no variable config.ts does not read, but NODE_OPTIONS and the topics no function publishes to yet', () => {
    const read = new Set<string>(CONFIG_VARIABLES.map(({ name }) => name));
    const set = new Set([authorizerEnvironment(), ...routes.map((route) => environmentOf(route.id))].flatMap((env) => Object.keys(env)));
    const unread = [...set].filter((name) => !read.has(name) && name !== 'NODE_OPTIONS' && !name.startsWith('TOPIC_ARN_'));
    expect(unread).toEqual([]);
  });

  it("name each bucket variable of config.ts as the stack does, after one of the stack's buckets", () => {
    for (const { name, neededBy } of CONFIG_VARIABLES.filter((variable) => variable.neededBy?.startsWith('bucket:'))) {
      const bucket = neededBy!.slice('bucket:'.length);
      expect(bucketNames as readonly string[]).toContain(bucket);
      expect(name).toBe(`BUCKET_${upperSnake(bucket)}`);
    }
  });
});
