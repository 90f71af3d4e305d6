import { readFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiFunction } from '../../lib/constructs/api-function.ts';
import type { FunctionAccess } from '../../lib/constructs/api-function.ts';
import { Storage } from '../../lib/constructs/storage.ts';
import { authorizerEntry } from '../../lib/manifest.ts';
import { projectRoot } from '../../lib/stack.ts';

// The manifest does not grant topics or buckets yet; these grants are exercised here on their own,
// so the first route that publishes or uploads finds them already tested (cdk-nag included).
const cases: Record<string, FunctionAccess> = {
  Publisher: { table: 'readwrite', topics: ['registration', 'shift-conflict'] },
  Uploader: { table: 'read', buckets: { riders: 'read', 'cover-images': 'readwrite' } },
  Nothing: {},
};

let template: Template;
let stack: Stack;
let functions: Record<string, ApiFunction>;

beforeAll(() => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  stack = new Stack(app, 'GrantsStack');
  const storage = new Storage(stack, 'Storage');
  functions = Object.fromEntries(
    Object.entries(cases).map(([id, access]) => [
      id,
      new ApiFunction(stack, id, {
        // Any existing module will do: bundling is skipped.
        entry: authorizerEntry,
        projectRoot,
        description: id,
        access,
        storage,
        logRetention: RetentionDays.ONE_MONTH,
      }),
    ]),
  );
  template = Template.fromStack(stack);
});

function variables(id: string): Record<string, unknown> {
  const fn = stack.resolve((functions[id]!.function.node.defaultChild as any).environment);
  return fn?.variables ?? {};
}

function actions(id: string): string[] {
  const roleId = stack.getLogicalId(functions[id]!.role.node.defaultChild as any);
  const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy: any) =>
    policy.Properties.Roles.some((role: any) => role.Ref === roleId),
  );
  return policies.flatMap((policy: any) => policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat()));
}

describe('ApiFunction grants', () => {
  it('publishes to the granted topics only, and names them in the environment', () => {
    const env = variables('Publisher');
    expect(Object.keys(env).filter((key) => key.startsWith('TOPIC_ARN_')).sort()).toEqual([
      'TOPIC_ARN_REGISTRATION',
      'TOPIC_ARN_SHIFT_CONFLICT',
    ]);
    expect(actions('Publisher')).toContain('sns:Publish');
    expect(Object.keys(env).some((key) => key.startsWith('BUCKET_'))).toBe(false);
  });

  it('reads or writes the granted buckets only, and names them in the environment', () => {
    const env = variables('Uploader');
    expect(Object.keys(env).filter((key) => key.startsWith('BUCKET_')).sort()).toEqual(['BUCKET_COVER_IMAGES', 'BUCKET_RIDERS']);
    const granted = actions('Uploader');
    expect(granted).toEqual(expect.arrayContaining(['s3:GetObject*', 's3:PutObject', 's3:DeleteObject*']));
    expect(granted).not.toContain('sns:Publish');
    expect(granted).not.toContain('dynamodb:PutItem');

    // riders is read-only: no statement lets this role write to it.
    const ridersId = stack.getLogicalId(stack.node.findChild('Storage').node.findChild('RidersBucket').node.defaultChild as any);
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy: any) => policy.Properties.PolicyDocument.Statement,
    );
    const onRiders = statements.filter((s: any) => JSON.stringify(s.Resource).includes(ridersId));
    expect(onRiders.length).toBeGreaterThan(0);
    for (const s of onRiders) expect([s.Action].flat()).not.toContain('s3:PutObject');
  });

  it('grants nothing but log writes (and trace writes: active tracing) when the manifest grants nothing', () => {
    expect(actions('Nothing').sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(Object.keys(variables('Nothing'))).toEqual([]);
  });

  it('passes cdk-nag with exactly the acknowledgments it attaches', () => {
    const { violations } = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack);
    expect(violations.map((v) => `${v.ruleName} on ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});
