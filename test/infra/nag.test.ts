import { readFileSync } from 'node:fs';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backgroundEntries, routes } from '../../lib/manifest.ts';
import { readSettings, StagecrewStack } from '../../lib/stack.ts';

// cdk-nag 3 is a policy-validation plugin, not an aspect: findings are not annotations, so they are
// read from the pack itself and from synthesis, which the plugin fails on any finding.
let stack: StagecrewStack;
let synthError: unknown;
type Violation = ReturnType<AwsSolutionsChecks['validateScope']>['violations'][number];
let violations: Violation[];

beforeAll(() => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({
    context: { ...context, 'aws:cdk:bundling-stacks': [], auth0Issuer: 'https://example-tenant.eu.auth0.com/' },
  });
  stack = new StagecrewStack(app, 'NagStack', { settings: readSettings(app.node, {}) });
  // Registered as in bin/app.ts.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  violations = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(stack).violations;
});

const describeViolation = (v: Violation) =>
  `${v.ruleName} (${v.severity}) on ${v.violatingResources.map((r) => r.constructPath).join(', ')}`;

function acknowledgments(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^[a-z]+::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged error', () => {
    expect(violations.filter((v) => v.severity === 'error').map(describeViolation)).toEqual([]);
  });

  it('reports no unacknowledged warning', () => {
    expect(violations.filter((v) => v.severity !== 'error').map(describeViolation)).toEqual([]);
  });

  it('lets synthesis pass with the pack registered as in bin/app.ts', () => {
    expect(synthError).toBeUndefined();
  });

  it('acknowledges only the expected findings, each on its own resource with a real reason', () => {
    const acks = acknowledgments(stack);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} on ${ack.path}`).toBeGreaterThan(40);
      // Never stack-wide: every acknowledgment sits on one resource's construct.
      expect(ack.path, ack.id).not.toBe(stack.node.path);
    }

    // Public routes only: everything else goes through the authorizer.
    const apig4 = acks.filter((ack) => ack.id === 'AwsSolutions-APIG4').map((ack) => ack.path.split('/').pop());
    expect(apig4.sort()).toEqual(routes.filter((route) => route.auth === 'none').map((route) => route.id).sort());

    // The table's index wildcard, once per role that has a table grant.
    // X-Ray's write actions (active tracing) take no resource: once per function's role.
    const xray = acks.filter((ack) => ack.id === 'AwsSolutions-IAM5[Resource::*]' && /xray:PutTraceSegments/.test(ack.reason));
    // Every route's function, the authorizer and the webhook path's functions.
    expect(xray).toHaveLength(routes.length + 1 + backgroundEntries.length);
    const iam5 = acks.filter((ack) => ack.id.startsWith('AwsSolutions-IAM5') && !xray.includes(ack));
    const tableIndex = iam5.filter((ack) => /^AwsSolutions-IAM5\[Resource::<(StorageTable[0-9A-F]+\.Arn|referenceto\w*StorageTable[0-9A-F]+Arn)>\/index\/\*\]$/.test(ack.id));
    // + the authorizer, the webhook delivery function, the maintenance-due function and the counters' backfill.
    expect(tableIndex).toHaveLength(routes.filter((route) => route.access.table).length + 4);
    // Bucket wildcards (objects keyed at run time, actions families of the grant) only on roles of
    // routes granted a bucket, and nothing else.
    const bucketRoutes = routes.filter((route) => Object.keys(route.access.buckets ?? {}).length > 0).map((route) => route.id);
    // The webhook path's own: the publisher's SNS key family and stream listing, the scheduler's invoke of its function.
    const webhookPath = iam5.filter((ack) => ack.path.includes('/Webhooks/') && !tableIndex.includes(ack));
    expect(webhookPath.map((ack) => ack.id.replace(/<[^>]+>/g, '<id>')).sort()).toEqual([
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<id>:*]',
      'AwsSolutions-IAM5[Resource::arn:<id>:kms:<id>:<id>:key/*]',
    ]);
    for (const ack of iam5.filter((candidate) => !tableIndex.includes(candidate) && !webhookPath.includes(candidate))) {
      expect(ack.id, ack.path).toMatch(/^AwsSolutions-IAM5\[(Action::s3:|Resource::.*Bucket.*\/\*)/);
      expect(bucketRoutes.some((id) => ack.path.includes(`/${id}`)), ack.path).toBe(true);
    }

    // And the check-in token secret, rotated by hand (docs/shifts.md, "QR check-in").
    const others = acks.filter((ack) => !ack.id.startsWith('AwsSolutions-APIG4') && !ack.id.startsWith('AwsSolutions-IAM5'));
    // And the webhook path's dead-letter queues, which have none of their own (their depth is alarmed).
    expect(others.map((ack) => [ack.id, ack.path.split('/').pop()])).toEqual([
      ['AwsSolutions-SMG4', 'CheckinTokenSecret'],
      ['AwsSolutions-SQS3', 'PublisherDeadLetters'],
      ['AwsSolutions-SQS3', 'DeliveryDeadLetters'],
      ['AwsSolutions-SQS3', 'ScheduleDeadLetters'],
    ]);
  });
});
