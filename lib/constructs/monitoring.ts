/**
 * What the operators watch (docs/operations.md): alarms on the named signals, sent to one SNS topic
 * (an e-mail subscription from configuration), and one dashboard built from the route manifest.
 *
 * Signals watched here: the API's 5xx rate, each route's p99 latency, each function's errors and
 * throttles, the table's throttles and system errors. Features that bring their own moving parts
 * register them through `watchFunction` (a function outside the manifest), `watchDeadLetterQueue`
 * (a DLQ's depth) and `watchStreamConsumer` (a stream consumer's iterator age): the webhook
 * publisher and deliveries plug in there.
 *
 * A nested stack: three alarms per route would push the product's stack past CloudFormation's 500
 * resources; here they count once (the nested stack), and CDK passes the functions' names, the
 * API id and the table name in as parameters.
 */
import { Aws, Duration, NestedStack, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS, METRICS_NAMESPACE, type MetricName } from '../../shared/observability/metrics.ts';
import { routeKeyOf, type RouteDefinition, type Surface } from '../manifest.ts';
import type { AlarmThresholds } from '../stages.ts';
import type { PublicHttpApi } from './http-api.ts';

export interface MonitoringProps {
  /** The `Stage` dimension of the domain metrics, and the prefix of alarm names. */
  stage: string;
  alarmPrefix: string;
  thresholds: AlarmThresholds;
  alarmEmail?: string;
  httpApi: PublicHttpApi;
  table: dynamodb.ITable;
  retainData: boolean;
}

/** The named signals, as they appear in alarm names and in docs/operations.md's runbook. */
export type Signal =
  | 'Api5xxRate'
  | 'RouteP99Latency'
  | 'FunctionErrors'
  | 'FunctionThrottles'
  | 'DynamoThrottles'
  | 'DynamoSystemErrors'
  | 'DeadLetterDepth'
  | 'StreamIteratorAge';

const SURFACE_TITLES: Record<Surface, string> = {
  planninghub: 'PlanningHub (/v1)',
  eventlite: 'EventLite (/api/v1)',
  system: 'System (health, OpenAPI, catch-all)',
};

// The table operations the functions use (alarm metric math takes at most 10 metrics).
const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
  dynamodb.Operation.TRANSACT_GET_ITEMS,
];

export class Monitoring extends NestedStack {
  readonly topic: sns.Topic;
  readonly dashboard: cloudwatch.Dashboard;
  /** Every alarm, by `<Signal>` or `<Signal>:<what>` (route or function id, queue name). */
  readonly alarms = new Map<string, cloudwatch.Alarm>();
  private readonly props: MonitoringProps;
  private readonly period: Duration;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id, { description: `Alarms and dashboard of ${props.alarmPrefix}` });
    this.props = props;
    this.period = Duration.minutes(props.thresholds.periodMinutes);

    // A customer managed key: the AWS managed alias/aws/sns key does not let CloudWatch publish.
    const key = new kms.Key(this, 'AlarmTopicKey', {
      description: `Encrypts the ${props.alarmPrefix} operators' alarm topic`,
      enableKeyRotation: true,
      removalPolicy: props.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new sns.Topic(this, 'AlarmTopic', { displayName: `Stagecrew alarms (${props.stage})`, masterKey: key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${props.alarmPrefix}-operations`,
      defaultInterval: Duration.hours(3),
    });

    this.watchApi();
    this.watchTable();
  }

  /** One alarm on the operators' topic (and back to OK), named after its signal. */
  private alarm(signal: Signal, subject: string | undefined, metric: cloudwatch.IMetric, threshold: number, description: string): cloudwatch.Alarm {
    const key = subject ? `${signal}:${subject}` : signal;
    const alarm = new cloudwatch.Alarm(this, `${signal}${subject ? `-${subject}` : ''}Alarm`, {
      alarmName: `${this.props.alarmPrefix}-${key.replace(':', '-')}`,
      alarmDescription: `${description} Runbook: docs/operations.md, "${signal}".`,
      metric,
      threshold,
      evaluationPeriods: this.props.thresholds.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is no failure.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.set(key, alarm);
    return alarm;
  }

  private watchApi() {
    const { stage } = this.props.httpApi;
    const t = this.props.thresholds;
    const rate = new cloudwatch.MathExpression({
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: stage.metricServerError({ statistic: 'Sum', period: this.period }),
        requests: stage.metricCount({ statistic: 'Sum', period: this.period }),
      },
      label: '5xx (% of requests)',
      period: this.period,
    });
    this.alarm('Api5xxRate', undefined, rate, t.api5xxPercent, `At least ${t.api5xxPercent}% of the API's answers were 5xx over ${t.periodMinutes} min.`);
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({ markdown: `# API (${this.props.stage})`, width: 24, height: 1 }),
      new cloudwatch.GraphWidget({
        title: 'Requests and errors',
        left: [stage.metricCount({ statistic: 'Sum' }), stage.metricClientError({ statistic: 'Sum' }), stage.metricServerError({ statistic: 'Sum' })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({ title: 'Latency (ms)', left: ['p50', 'p90', 'p99'].map((statistic) => stage.metricLatency({ statistic })), width: 12 }),
    );
  }

  private watchTable() {
    const { table } = this.props;
    const t = this.props.thresholds;
    const throttles = new cloudwatch.MathExpression({
      expression: 'reads + writes',
      usingMetrics: {
        reads: table.metric('ReadThrottleEvents', { statistic: 'Sum', period: this.period }),
        writes: table.metric('WriteThrottleEvents', { statistic: 'Sum', period: this.period }),
      },
      label: 'Throttled reads and writes',
      period: this.period,
    });
    const systemErrors = table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: this.period, statistic: 'Sum' });
    this.alarm('DynamoThrottles', undefined, throttles, t.dynamoThrottles, `The table throttled at least ${t.dynamoThrottles} request(s) over ${t.periodMinutes} min.`);
    this.alarm('DynamoSystemErrors', undefined, systemErrors, t.dynamoSystemErrors, `DynamoDB answered at least ${t.dynamoSystemErrors} system error(s) over ${t.periodMinutes} min.`);
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({ title: 'DynamoDB throttles and system errors', left: [throttles, systemErrors], width: 12 }),
      new cloudwatch.GraphWidget({
        title: 'DynamoDB consumed capacity',
        left: [table.metricConsumedReadCapacityUnits({ statistic: 'Sum' }), table.metricConsumedWriteCapacityUnits({ statistic: 'Sum' })],
        width: 12,
      }),
    );
  }

  /** A function's errors and throttles; `id` names it in the alarms (route id, `Authorizer`...). */
  watchFunction(id: string, fn: lambda.IFunction): void {
    const t = this.props.thresholds;
    this.alarm('FunctionErrors', id, fn.metricErrors({ statistic: 'Sum', period: this.period }), t.functionErrors, `${id} failed at least ${t.functionErrors} time(s) over ${t.periodMinutes} min.`);
    this.alarm('FunctionThrottles', id, fn.metricThrottles({ statistic: 'Sum', period: this.period }), t.functionThrottles, `${id} was throttled at least ${t.functionThrottles} time(s) over ${t.periodMinutes} min.`);
  }

  /** Messages waiting in a dead-letter queue: deliveries that gave up. */
  watchDeadLetterQueue(id: string, queue: sqs.IQueue): void {
    const t = this.props.thresholds;
    const depth = queue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: this.period });
    this.alarm('DeadLetterDepth', id, depth, t.deadLetterMessages, `${id} holds at least ${t.deadLetterMessages} message(s).`);
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: `Dead letters: ${id}`, left: [depth], width: 8 }));
  }

  /** How far a stream consumer (the outbox publisher) lags behind the table's stream. */
  watchStreamConsumer(id: string, fn: lambda.IFunction): void {
    const t = this.props.thresholds;
    const age = fn.metric('IteratorAge', { statistic: 'Maximum', period: this.period });
    this.alarm('StreamIteratorAge', id, age, t.streamIteratorAgeMs, `${id} is at least ${t.streamIteratorAgeMs} ms behind the stream.`);
    this.dashboard.addWidgets(new cloudwatch.GraphWidget({ title: `Stream iterator age: ${id} (ms)`, left: [age], width: 8 }));
  }

  /** API Gateway's per-route metric (detailed metrics are on for the stage). */
  private routeMetric(route: RouteDefinition, metricName: string, statistic: string, period = this.period): cloudwatch.Metric {
    const { api, stage } = this.props.httpApi;
    return new cloudwatch.Metric({
      namespace: 'AWS/ApiGateway',
      metricName,
      dimensionsMap: {
        ApiId: api.apiId,
        Stage: stage.stageName,
        Method: route.path === '$default' ? 'ANY' : route.method,
        Resource: route.path,
      },
      statistic,
      period,
    });
  }

  /**
   * Every route of the manifest: its p99 latency alarm, its function's alarms, and one dashboard
   * widget (latency and errors), grouped by surface; then the domain metrics.
   */
  watchRoutes(routes: readonly RouteDefinition[], functionOf: (route: RouteDefinition) => lambda.IFunction): void {
    const t = this.props.thresholds;
    const surfaces = [...new Set(routes.map((route) => route.surface))];
    for (const surface of surfaces) {
      const widgets: cloudwatch.IWidget[] = [];
      for (const route of routes.filter((candidate) => candidate.surface === surface)) {
        const p99 = this.routeMetric(route, 'Latency', 'p99');
        this.alarm('RouteP99Latency', route.id, p99, t.routeP99LatencyMs, `${routeKeyOf(route)} answered in ${t.routeP99LatencyMs} ms or more at p99 over ${t.periodMinutes} min.`);
        this.watchFunction(route.id, functionOf(route));
        widgets.push(
          new cloudwatch.GraphWidget({
            title: routeKeyOf(route),
            left: [this.routeMetric(route, 'Latency', 'p50', Duration.minutes(5)), this.routeMetric(route, 'Latency', 'p99', Duration.minutes(5))],
            leftYAxis: { label: 'ms', showUnits: false, min: 0 },
            right: [this.routeMetric(route, '4xx', 'Sum', Duration.minutes(5)), this.routeMetric(route, '5xx', 'Sum', Duration.minutes(5))],
            rightYAxis: { label: 'errors', showUnits: false, min: 0 },
            width: 8,
            height: 5,
          }),
        );
      }
      this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `## ${SURFACE_TITLES[surface]}`, width: 24, height: 1 }));
      this.dashboard.addWidgets(...widgets);
    }
    this.addDomainMetrics();
  }

  /** One widget per domain metric; per-dimension series through SEARCH, so new values show up alone. */
  private addDomainMetrics() {
    const widgets = (Object.keys(METRICS) as MetricName[]).map((name) => {
      const { dimensions, unit } = METRICS[name];
      const statistic = name === 'AllocationAttempts' ? 'Average' : 'Sum';
      const stage = this.props.stage;
      const metric: cloudwatch.IMetric =
        dimensions.length === 0
          ? new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, dimensionsMap: { Stage: stage }, statistic, period: Duration.minutes(5) })
          : new cloudwatch.MathExpression({
              expression: `SEARCH('{${METRICS_NAMESPACE},Stage,${dimensions.join(',')}} MetricName="${name}" Stage="${stage}"', '${statistic}', 300)`,
              usingMetrics: {},
              label: '',
              period: Duration.minutes(5),
            });
      return new cloudwatch.GraphWidget({ title: `${name} (${statistic.toLowerCase()}${unit === 'Count' ? '' : ''})`, left: [metric], width: 8, height: 5 });
    });
    this.dashboard.addWidgets(new cloudwatch.TextWidget({ markdown: `## Domain metrics (namespace ${METRICS_NAMESPACE}, docs/operations.md)`, width: 24, height: 1 }));
    this.dashboard.addWidgets(...widgets);
  }
}
