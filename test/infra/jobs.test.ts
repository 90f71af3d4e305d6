/** The operator jobs in the stack (lib/constructs/jobs.ts): the event counters' backfill, invoked by hand only. */
import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { readSettings, StagecrewStack } from '../../lib/stack.ts';

let stack: StagecrewStack;
let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;
let functionId: string;

beforeAll(() => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [], auth0Issuer: 'https://example-tenant.eu.auth0.com/' } });
  stack = new StagecrewStack(app, 'JobsStack', { settings: readSettings(app.node, {}) });
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
  functionId = Stack.of(stack).getLogicalId(stack.jobs.backfillEventCounters.function.node.defaultChild as CfnElement);
});

const referencesFunction = (value: unknown): boolean => JSON.stringify(value ?? null).includes(`"${functionId}"`);

describe('the event counters backfill function', () => {
  it('runs up to Lambda\'s 15 minutes and is named in an output, for `aws lambda invoke`', () => {
    expect(resources[functionId]?.Properties.Timeout).toBe(900);
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(referencesFunction(outputs.BackfillEventCountersFunctionName?.Value)).toBe(true);
  });

  it('is invoked by nobody but an operator: no schedule, event source or invoke permission targets it', () => {
    const targeting = Object.entries(resources).filter(
      ([, resource]) => ['AWS::Scheduler::Schedule', 'AWS::Events::Rule', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::Permission'].includes(resource.Type) && referencesFunction(resource.Properties),
    );
    expect(targeting).toEqual([]);
  });

  it('may read and write the table and nothing else of the product (logs and traces aside)', () => {
    const roleId = Stack.of(stack).getLogicalId(stack.jobs.backfillEventCounters.role.node.defaultChild as CfnElement);
    const statements = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::IAM::Policy' && JSON.stringify(resource.Properties.Roles).includes(`"${roleId}"`))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const services = new Set(statements.flatMap((statement: any) => [statement.Action].flat()).map((action: string) => action.split(':')[0]));
    expect([...services].sort()).toEqual(['dynamodb', 'logs', 'xray']);
    expect(statements.flatMap((statement: any) => [statement.Action].flat())).toContain('dynamodb:UpdateItem');
  });
});
