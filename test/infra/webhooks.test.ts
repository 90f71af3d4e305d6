/** The webhook path in the stack (docs/webhooks.md): stream mapping, queues, subscriptions, schedule, alarms, outputs. */
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { topicNames } from '../../lib/table.ts';
import { readSettings, StagecrewStack } from '../../lib/stack.ts';

let template: Template;
let resources: Record<string, { Type: string; Properties: Record<string, any> }>;

beforeAll(() => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [], auth0Issuer: 'https://example-tenant.eu.auth0.com/' } });
  template = Template.fromStack(new StagecrewStack(app, 'WebhookStack', { settings: readSettings(app.node, {}) }));
  resources = template.toJSON().Resources;
});

const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

describe('the webhook path', () => {
  it('feeds the publisher from the stream: outbox inserts only, batches, bisect, a day of record age, failures to an encrypted dead-letter queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: Match.anyValue(),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      BisectBatchOnFunctionError: true,
      MaximumRecordAgeInSeconds: 86400,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { entity: { S: ['OutboxEvent'] } } } }) }] },
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
    });
  });

  it('subscribes the delivery queue to every topic with raw delivery, and feeds the delivery function from it', () => {
    const subscriptions = ofType('AWS::SNS::Subscription');
    expect(subscriptions).toHaveLength(topicNames.length);
    for (const [, subscription] of subscriptions) expect(subscription.Properties).toMatchObject({ Protocol: 'sqs', RawMessageDelivery: true });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 20 } });
  });

  it('encrypts every queue and refuses plain HTTP on each; the delivery queue has a dead-letter queue', () => {
    const queues = ofType('AWS::SQS::Queue');
    expect(queues).toHaveLength(4);
    for (const [, queue] of queues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = ofType('AWS::SQS::QueuePolicy');
    const secured = new Set(
      policies
        .filter(([, policy]) => policy.Properties.PolicyDocument.Statement.some((statement: any) => statement.Effect === 'Deny' && statement.Condition?.Bool?.['aws:SecureTransport'] === 'false'))
        .flatMap(([, policy]) => policy.Properties.Queues.map((queue: any) => queue.Ref)),
    );
    expect(secured.size).toBe(4);
    template.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() } });
  });

  it('runs maintenance-due every day from EventBridge Scheduler, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 6 * * ? *)',
      Target: { RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 }, DeadLetterConfig: { Arn: Match.anyValue() } },
    });
  });

  it('alarms on every dead-letter queue and on the stream iterator age', () => {
    const alarms = ofType('AWS::CloudWatch::Alarm');
    expect(alarms.filter(([, alarm]) => alarm.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')).toHaveLength(3);
    expect(alarms.filter(([, alarm]) => alarm.Properties.MetricName === 'IteratorAge')).toHaveLength(1);
  });

  it('lets the publisher publish to the topics and the delivery function send to its queue (retries), and outputs the topic ARNs', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Description?: string }>;
    for (const topic of topicNames) expect(Object.values(outputs).some((output) => output.Description === `TOPIC_ARN_${topic.toUpperCase().replaceAll('-', '_')}`)).toBe(true);
    const statements = ofType('AWS::IAM::Policy').flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement);
    expect(statements.some((statement: any) => [statement.Action].flat().includes('sns:Publish'))).toBe(true);
    expect(statements.some((statement: any) => [statement.Action].flat().includes('sqs:SendMessage'))).toBe(true);
  });
});
