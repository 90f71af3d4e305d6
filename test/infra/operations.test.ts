/**
 * Operations (docs/operations.md, docs/deploy.md): both stages synthesize as bin/app.ts builds them,
 * with their own names, log levels, retention, removal policies and Auth0 tenants; every named
 * signal has its alarm on the operators' topic, with the configured thresholds; the dashboard has
 * one widget per route, grouped by surface, and the domain metrics; every function is traced; and
 * cdk-nag finds nothing unacknowledged in either stage.
 */
import { flatTemplate } from './flat-template.ts';
import { readFileSync } from 'node:fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { backgroundEntries, routeKeyOf, routes } from '../../lib/manifest.ts';
import { StagecrewStack } from '../../lib/stack.ts';
import { readStage, STAGES, type StageName } from '../../lib/stages.ts';
import { METRICS, METRICS_NAMESPACE } from '../../shared/observability/metrics.ts';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string };
interface Synthesized {
  stack: StagecrewStack;
  resources: Record<string, Resource>;
  monitoring: Record<string, Resource>;
}

const { context: cdkContext } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
// Per-stage settings the way an operator passes them: `-c <stage>.<key>` and `stages.<stage>` blocks.
const context = {
  ...cdkContext,
  'aws:cdk:bundling-stacks': [],
  'staging.auth0Domain': 'stagecrew-staging.eu.auth0.com',
  'production.auth0Domain': 'stagecrew.eu.auth0.com',
  'production.alarmEmail': 'oncall@example.com',
  'production.alarms.routeP99LatencyMs': '1500',
  stages: { staging: { alarms: { api5xxPercent: 5 } } },
};

const synthesized = {} as Record<StageName, Synthesized>;
let app: App;
let synthError: unknown;

beforeAll(() => {
  app = new App({ context });
  const stacks = STAGES.map((stage) => {
    const { stackName, settings, operations } = readStage(app.node, stage, {});
    return [stage, new StagecrewStack(app, stackName, { settings, operations })] as const;
  });
  // Registered as in bin/app.ts: any unacknowledged finding fails synthesis.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  try {
    app.synth();
  } catch (error) {
    synthError = error;
  }
  for (const [stage, stack] of stacks) {
    synthesized[stage] = {
      stack,
      resources: flatTemplate(stack).toJSON().Resources,
      monitoring: Template.fromStack(stack.monitoring).toJSON().Resources,
    };
  }
});

const ofType = (resources: Record<string, Resource>, type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const functionsOf = (stage: StageName) => ofType(synthesized[stage].resources, 'AWS::Lambda::Function').map(([, fn]) => fn.Properties!);
const alarmsOf = (stage: StageName) =>
  new Map(ofType(synthesized[stage].monitoring, 'AWS::CloudWatch::Alarm').map(([, alarm]) => [alarm.Properties!.AlarmName as string, alarm.Properties!]));

describe('stages', () => {
  it('synthesizes staging and production as two stacks with distinct names', () => {
    expect(synthesized.staging.stack.stackName).toBe('StagecrewStaging');
    expect(synthesized.production.stack.stackName).toBe('StagecrewProduction');
    expect(synthError).toBeUndefined();
  });

  it('gives each stage its log level, metrics stage and log retention', () => {
    for (const [stage, level, days] of [
      ['staging', 'debug', 14],
      ['production', 'info', 365],
    ] as const) {
      for (const fn of functionsOf(stage)) {
        expect(fn.Environment.Variables.LOG_LEVEL, stage).toBe(level);
        expect(fn.Environment.Variables.STAGE, stage).toBe(stage);
      }
      const groups = ofType(synthesized[stage].resources, 'AWS::Logs::LogGroup');
      expect(groups.length).toBe(routes.length + 2 + backgroundEntries.length);
      for (const [, group] of groups) expect(group.Properties!.RetentionInDays, stage).toBe(days);
    }
  });

  it('retains the table (deletion protection on), buckets and logs in production only', () => {
    const prod = synthesized.production.resources;
    const [[, prodTable]] = ofType(prod, 'AWS::DynamoDB::Table') as [[string, Resource]];
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.Properties!.DeletionProtectionEnabled).toBe(true);
    for (const type of ['AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      for (const [id, resource] of ofType(prod, type)) expect(resource.DeletionPolicy, id).toBe('Retain');
    }

    const staging = synthesized.staging.resources;
    const [[, stagingTable]] = ofType(staging, 'AWS::DynamoDB::Table') as [[string, Resource]];
    expect(stagingTable.DeletionPolicy).toBe('Delete');
    expect(stagingTable.Properties!.DeletionProtectionEnabled ?? false).toBe(false);
    for (const type of ['AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      for (const [id, resource] of ofType(staging, type)) expect(resource.DeletionPolicy, id).toBe('Delete');
    }
  });

  it('configures each stage with its own Auth0 tenant', () => {
    const issuerOf = (stage: StageName) => functionsOf(stage).find((fn) => fn.Environment.Variables.JWT_ISSUER !== undefined)!.Environment.Variables.JWT_ISSUER;
    expect(issuerOf('staging')).toBe('https://stagecrew-staging.eu.auth0.com/');
    expect(issuerOf('production')).toBe('https://stagecrew.eu.auth0.com/');
  });

  it('refuses malformed stage settings', () => {
    expect(() => readStage(new App({ context: { 'staging.logLevel': 'loud' } }).node, 'staging', {})).toThrow(/logLevel/);
    expect(() => readStage(new App({ context: { 'production.alarmEmail': 'nobody' } }).node, 'production', {})).toThrow(/alarmEmail/);
    expect(() => readStage(new App({ context: { stages: { production: { alarms: { p99: 3 } } } } }).node, 'production', {})).toThrow(/unknown alarm threshold/);
  });
});

describe('tracing', () => {
  it('traces every function of both stages actively', () => {
    for (const stage of STAGES) {
      const functions = functionsOf(stage);
      expect(functions).toHaveLength(routes.length + 1 + backgroundEntries.length);
      for (const fn of functions) expect(fn.TracingConfig, `${stage} ${fn.Description}`).toEqual({ Mode: 'Active' });
    }
  });
});

describe('alarms', () => {
  const signalsOf = (stage: StageName) => {
    const prefix = synthesized[stage].stack.stackName;
    return [
      `${prefix}-Api5xxRate`,
      `${prefix}-DynamoThrottles`,
      `${prefix}-DynamoSystemErrors`,
      `${prefix}-FunctionErrors-Authorizer`,
      `${prefix}-FunctionThrottles-Authorizer`,
      ...routes.flatMap((route) => [`${prefix}-RouteP99Latency-${route.id}`, `${prefix}-FunctionErrors-${route.id}`, `${prefix}-FunctionThrottles-${route.id}`]),
      // The webhook path's functions (its dead-letter and stream-lag alarms are its own, lib/constructs/webhooks.ts).
      ...['OutboxPublisher', 'WebhookDelivery', 'MaintenanceDue', 'BackfillEventCounters'].flatMap((id) => [`${prefix}-FunctionErrors-${id}`, `${prefix}-FunctionThrottles-${id}`]),
    ];
  };

  it('has one alarm per named signal (routes and functions from the manifest), in both stages', () => {
    for (const stage of STAGES) {
      expect([...alarmsOf(stage).keys()].sort(), stage).toEqual(signalsOf(stage).sort());
    }
  });

  it('sends every alarm, and its recovery, to the encrypted operators topic', () => {
    for (const stage of STAGES) {
      const topics = ofType(synthesized[stage].monitoring, 'AWS::SNS::Topic');
      expect(topics).toHaveLength(1);
      const [[topicId, topic]] = topics as [[string, Resource]];
      expect(topic.Properties!.KmsMasterKeyId).toBeDefined();
      for (const [name, alarm] of alarmsOf(stage)) {
        expect(alarm.AlarmActions, name).toEqual([{ Ref: topicId }]);
        expect(alarm.OKActions, name).toEqual([{ Ref: topicId }]);
        expect(alarm.TreatMissingData, name).toBe('notBreaching');
        expect(alarm.AlarmDescription, name).toMatch(/Runbook: docs\/operations\.md/);
      }
    }
  });

  it('subscribes the configured e-mail address, and nobody when none is configured', () => {
    const subscriptions = (stage: StageName) => ofType(synthesized[stage].monitoring, 'AWS::SNS::Subscription').map(([, s]) => s.Properties!);
    expect(subscriptions('production')).toEqual([expect.objectContaining({ Protocol: 'email', Endpoint: 'oncall@example.com' })]);
    expect(subscriptions('staging')).toEqual([]);
  });

  it('takes thresholds from configuration, per stage', () => {
    const prod = alarmsOf('production');
    const staging = alarmsOf('staging');
    expect(prod.get('StagecrewProduction-RouteP99Latency-BookEquipment')!.Threshold).toBe(1500);
    expect(staging.get('StagecrewStaging-RouteP99Latency-BookEquipment')!.Threshold).toBe(3000);
    expect(prod.get('StagecrewProduction-Api5xxRate')!.Threshold).toBe(1);
    expect(staging.get('StagecrewStaging-Api5xxRate')!.Threshold).toBe(5);
    expect(staging.get('StagecrewStaging-Api5xxRate')!.EvaluationPeriods).toBe(2);
  });

  it('measures p99 per route on the API stage, whose detailed metrics are on', () => {
    const alarm = alarmsOf('production').get('StagecrewProduction-RouteP99Latency-BookEquipment')!;
    expect(alarm).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: 'Latency', ExtendedStatistic: 'p99' });
    const dimensions = Object.fromEntries(alarm.Dimensions.map((d: { Name: string; Value: unknown }) => [d.Name, d.Value]));
    const route = routes.find((candidate) => candidate.id === 'BookEquipment')!;
    expect(dimensions).toMatchObject({ Method: route.method, Resource: route.path, Stage: '$default' });
    expect(ofType(synthesized.production.resources, 'AWS::ApiGatewayV2::Stage')[0]![1].Properties!.DefaultRouteSettings.DetailedMetricsEnabled).toBe(true);
  });

  it('lets other features add their dead-letter queues and stream consumers (the extension point)', () => {
    // prepare
    const extensionApp = new App({ context: { ...context, stages: {} } });
    const { settings, operations } = readStage(extensionApp.node, 'staging', {});
    const stack = new StagecrewStack(extensionApp, 'ExtensionStack', { settings, operations });
    const queue = new sqs.Queue(stack, 'DeliveriesDlq');
    const consumer = lambda.Function.fromFunctionName(stack, 'Publisher', 'publisher');
    // act
    stack.monitoring.watchDeadLetterQueue('WebhookDeliveriesDlq', queue);
    stack.monitoring.watchStreamConsumer('OutboxPublisher', consumer);
    // assess
    const names = ofType(Template.fromStack(stack.monitoring).toJSON().Resources, 'AWS::CloudWatch::Alarm').map(([, alarm]) => alarm.Properties!);
    expect(names.find((alarm) => alarm.AlarmName === 'ExtensionStack-DeadLetterDepth-WebhookDeliveriesDlq')).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
    });
    expect(names.find((alarm) => alarm.AlarmName === 'ExtensionStack-StreamIteratorAge-OutboxPublisher')).toMatchObject({ MetricName: 'IteratorAge', Threshold: 60_000 });
    expect(Stack.of(stack.monitoring).nested).toBe(true);
  });
});

describe('dashboard', () => {
  const bodyOf = (stage: StageName) => {
    const dashboards = ofType(synthesized[stage].monitoring, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    // The body is a Fn::Join around the API id and function names; its literal parts hold the widgets.
    return JSON.stringify(dashboards[0]![1].Properties!.DashboardBody);
  };

  it('has one latency-and-errors widget per route, grouped by surface', () => {
    const body = bodyOf('production');
    const titleAt = (title: string) => body.indexOf(JSON.stringify(JSON.stringify({ title })).slice(3, -3));
    for (const route of routes) expect(titleAt(routeKeyOf(route)), route.id).toBeGreaterThan(-1);
    // Each surface's routes come after its header and before the next surface's header.
    const headers = ['System (health', 'EventLite (/api/v1)', 'PlanningHub (/v1)'].map((header) => body.indexOf(header));
    expect(headers.every((index) => index > -1)).toBe(true);
    for (const route of routes) {
      const header = body.indexOf({ system: 'System (health', eventlite: 'EventLite (/api/v1)', planninghub: 'PlanningHub (/v1)' }[route.surface]);
      const next = Math.min(...headers.filter((index) => index > header), body.indexOf('Domain metrics'));
      expect(titleAt(routeKeyOf(route)), route.id).toBeGreaterThan(header);
      expect(titleAt(routeKeyOf(route)), route.id).toBeLessThan(next);
    }
  });

  it('shows every domain metric of the namespace, for its own stage', () => {
    for (const stage of STAGES) {
      const body = bodyOf(stage);
      for (const name of Object.keys(METRICS)) expect(body, name).toContain(name);
      expect(body).toContain(METRICS_NAMESPACE);
      expect(body).toMatch(new RegExp(`Stage=\\W{0,8}${stage}`));
      expect(body).not.toMatch(new RegExp(`Stage=\\W{0,8}${stage === 'staging' ? 'production' : 'staging'}`));
    }
  });
});

describe('cdk-nag', () => {
  it('finds nothing unacknowledged in either stage, nested monitoring stack included', () => {
    for (const stage of STAGES) {
      const { violations } = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(synthesized[stage].stack);
      expect(violations.map((v) => `${stage}: ${v.ruleName} on ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    }
    expect(synthError).toBeUndefined();
  });
});
