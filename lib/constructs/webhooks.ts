/**
 * The webhook path, deployed (docs/webhooks.md): the table's stream -> the outbox publisher (event
 * source mapping filtered to outbox inserts, batches, bisect on error, maximum record age, failed
 * batches to an encrypted SQS dead-letter queue) -> one SNS topic per family -> the delivery queue
 * (raw subscriptions; retries come back to it with a delay) -> the delivery function -> HTTPS
 * endpoints; and the daily maintenance-due schedule. Queues are encrypted and TLS only; alarms on
 * dead-letter depth and on the stream's iterator age.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { topicNames, type TopicName } from '../table.ts';
import { webhookFunctionEntries } from '../manifest.ts';
import { ApiFunction } from './api-function.ts';
import type { Storage } from './storage.ts';


export interface WebhooksProps {
  projectRoot: string;
  storage: Storage;
  logRetention: logs.RetentionDays;
  /** Kept when the stack is deleted (production), as every function's logs. */
  retainLogs?: boolean;
  /** What every function gets from its stage (log level, the metrics' Stage dimension). */
  environment?: Record<string, string>;
}

const encryptedQueue = (scope: Construct, id: string, props: sqs.QueueProps = {}) =>
  new sqs.Queue(scope, id, { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true, ...props });

export class Webhooks extends Construct {
  readonly publisher: ApiFunction;
  readonly delivery: ApiFunction;
  readonly maintenanceDue: ApiFunction;
  readonly deliveryQueue: sqs.Queue;
  readonly deadLetterQueues: sqs.Queue[];
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: WebhooksProps) {
    super(scope, id);
    const { storage, projectRoot, logRetention } = props;
    const stage = { retainLogs: props.retainLogs, environment: props.environment ?? {} };
    const retention = Duration.days(14);

    // Stream batches that still fail after the retries (a record older than a day, or SNS refusing).
    const publisherDlq = encryptedQueue(this, 'PublisherDeadLetters', { retentionPeriod: retention });
    this.publisher = new ApiFunction(this, 'OutboxPublisher', {
      entry: webhookFunctionEntries.publisher,
      projectRoot,
      description: 'Outbox publisher: DynamoDB stream (outbox inserts) -> the family SNS topic',
      access: { topics: [...topicNames] as TopicName[] },
      storage,
      logRetention,
      ...stage,
      timeoutSeconds: 30,
    });
    this.publisher.function.addEventSource(
      new DynamoEventSource(storage.table, {
        startingPosition: lambda.StartingPosition.TRIM_HORIZON,
        filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT'), dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual('OutboxEvent') } } } })],
        batchSize: 100,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: 100,
        maxRecordAge: Duration.days(1),
        onFailure: new SqsDlq(publisherDlq),
        parallelizationFactor: 2,
      }),
    );
    const publisherPolicy = this.publisher.role.node.tryFindChild('DefaultPolicy');
    if (publisherPolicy) {
      Validations.of(publisherPolicy).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'dynamodb:ListStreams, which the stream event source needs, has no resource-level permission (it is granted on * by CDK); reading the records is granted on this table\'s stream only.',
      });
    }

    const deliveryDlq = encryptedQueue(this, 'DeliveryDeadLetters', { retentionPeriod: retention });
    this.deliveryQueue = encryptedQueue(this, 'DeliveryQueue', {
      // Six times the function's timeout, as Lambda advises for an SQS source.
      visibilityTimeout: Duration.seconds(6 * 60),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: deliveryDlq, maxReceiveCount: 5 },
    });
    for (const topic of topicNames) storage.topics[topic].addSubscription(new SqsSubscription(this.deliveryQueue, { rawMessageDelivery: true }));
    this.delivery = new ApiFunction(this, 'WebhookDelivery', {
      entry: webhookFunctionEntries.delivery,
      projectRoot,
      description: 'Webhook delivery: delivery queue -> signed HTTPS POST to the organisation endpoints',
      access: { table: 'readwrite' },
      storage,
      logRetention,
      retainLogs: stage.retainLogs,
      timeoutSeconds: 60,
      environment: { ...stage.environment, WEBHOOK_QUEUE_URL: this.deliveryQueue.queueUrl },
    });
    this.deliveryQueue.grantSendMessages(this.delivery.role);
    this.delivery.function.addEventSource(new SqsEventSource(this.deliveryQueue, { batchSize: 10, reportBatchItemFailures: true, maxConcurrency: 20 }));

    this.maintenanceDue = new ApiFunction(this, 'MaintenanceDue', {
      entry: webhookFunctionEntries.maintenanceDue,
      projectRoot,
      description: 'Daily: equipment.maintenance.due for items due within the horizon, once per threshold',
      access: { table: 'readwrite' },
      storage,
      logRetention,
      ...stage,
      timeoutSeconds: 300,
    });
    const scheduleDlq = encryptedQueue(this, 'ScheduleDeadLetters', { retentionPeriod: retention });
    const scheduleRole = new iam.Role(this, 'ScheduleRole', { assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'), description: 'EventBridge Scheduler: runs the maintenance-due function' });
    new scheduler.Schedule(this, 'MaintenanceDueSchedule', {
      description: 'equipment.maintenance.due, every day at 06:00 UTC',
      schedule: scheduler.ScheduleExpression.cron({ minute: '0', hour: '6' }),
      target: new targets.LambdaInvoke(this.maintenanceDue.function, { deadLetterQueue: scheduleDlq, maxEventAge: Duration.hours(6), retryAttempts: 3, role: scheduleRole }),
    });
    const schedulePolicy = scheduleRole.node.tryFindChild('DefaultPolicy');
    if (schedulePolicy) {
      Validations.of(schedulePolicy).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.maintenanceDue.function.node.defaultChild as CfnElement)}.Arn>:*]`,
        reason: "The scheduler may invoke the maintenance-due function and its versions (function:*, as CDK grants lambda:InvokeFunction); it reaches no other function.",
      });
    }

    this.deadLetterQueues = [publisherDlq, deliveryDlq, scheduleDlq];
    for (const queue of this.deadLetterQueues) {
      // A dead-letter queue has no dead-letter queue of its own: it is where failures end.
      Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'This queue is itself a dead-letter queue (failed stream batches, deliveries or schedule runs); its depth is alarmed.' });
      this.alarms.push(
        new cloudwatch.Alarm(this, `${queue.node.id}Depth`, {
          alarmDescription: `Messages in ${queue.node.id}: events or deliveries that failed every retry`,
          metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      );
    }
    this.alarms.push(
      new cloudwatch.Alarm(this, 'StreamIteratorAge', {
        alarmDescription: 'The outbox publisher lags behind the table stream (events reach SNS late)',
        metric: this.publisher.function.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 5 * 60 * 1000,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
