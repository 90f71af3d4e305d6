/**
 * The webhook path on one machine, the same pieces as deployed (docs/webhooks.md):
 *   DynamoDB Local's stream --(this poller, filtered to outbox inserts like the event source
 *   mapping)--> the publisher handler --> fauxqs SNS --(raw subscriptions)--> the delivery queue
 *   --(this poller)--> the delivery handler --> the registered URLs.
 * A batch the publisher reports as failed is retried from the failed record, as the stream does
 * (at least once, in order per shard). A switch cuts the publisher's SNS connection, so tests can
 * show that writes made while SNS is down are delivered once it is back.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';

const REGION = 'eu-west-3';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface WebhookPipeline {
  queueUrl: string;
  /** The SNS endpoint the publisher uses: a relay to fauxqs that `snsOutage` can cut. */
  snsEndpoint: string;
  snsOutage(down: boolean): void;
  /** Starts the pollers (once the handlers' environment is in place). */
  start(handlers: { publish: (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>; deliver: (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }> }): void;
  stop(): Promise<void>;
}

/** A TCP relay to the emulator: while down, connections are refused as if SNS were unreachable. */
async function startRelay(target: URL): Promise<{ endpoint: string; setDown(down: boolean): void; close(): Promise<void> }> {
  let down = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (down) return client.destroy();
    const upstream = connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    const forget = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    setDown(value) {
      down = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startWebhookPipeline(options: { prefix: string; awsEndpoint: string; dynamoDbEndpoint: string; tableName: string; topicArns: Record<string, string> }): Promise<WebhookPipeline> {
  const sqs = new SQSClient({ endpoint: options.awsEndpoint, region: REGION, credentials, useQueueUrlAsEndpoint: false });
  const sns = new SNSClient({ endpoint: options.awsEndpoint, region: REGION, credentials });
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `${options.prefix}-webhook-deliveries`, Attributes: { VisibilityTimeout: '30' } }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes!.QueueArn!;
  for (const topicArn of Object.values(options.topicArns)) {
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queueArn, Attributes: { RawMessageDelivery: 'true' } }));
  }
  sns.destroy();
  const relay = await startRelay(new URL(options.awsEndpoint));
  let running = false;
  const loops: Promise<void>[] = [];

  const streamLoop = async (publish: Parameters<WebhookPipeline['start']>[0]['publish']) => {
    const dynamo = new DynamoDBClient({ endpoint: options.dynamoDbEndpoint, region: REGION, credentials });
    const streams = new DynamoDBStreamsClient({ endpoint: options.dynamoDbEndpoint, region: REGION, credentials });
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
    const streamArn = Table!.LatestStreamArn!;
    // Shards present at start are read from their end (older records were someone else's run); new ones from their start.
    const iterators = new Map<string, string | null>();
    const pending = new Map<string, _Record[]>();
    let firstDescribe = true;
    let lastDescribe = 0;
    while (running) {
      try {
        if (Date.now() - lastDescribe > 1000) {
          lastDescribe = Date.now();
          const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
          for (const shard of StreamDescription?.Shards ?? []) {
            if (iterators.has(shard.ShardId!)) continue;
            const { ShardIterator } = await streams.send(
              new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId!, ShardIteratorType: firstDescribe ? 'LATEST' : 'TRIM_HORIZON' }),
            );
            iterators.set(shard.ShardId!, ShardIterator ?? null);
          }
          firstDescribe = false;
        }
        let idle = true;
        for (const [shardId, iterator] of iterators) {
          let records = pending.get(shardId) ?? [];
          if (records.length === 0 && iterator) {
            const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 100 }));
            iterators.set(shardId, page.NextShardIterator ?? null);
            // The event source mapping's filter: outbox inserts only.
            records = (page.Records ?? []).filter((record) => record.eventName === 'INSERT' && record.dynamodb?.NewImage?.entity?.S === 'OutboxEvent');
          }
          if (records.length === 0) continue;
          idle = false;
          const result = await publish({ Records: records as unknown as DynamoDBStreamEvent['Records'] }).catch(() => ({ batchItemFailures: [{ itemIdentifier: records[0]!.dynamodb!.SequenceNumber! }] }));
          const failed = result.batchItemFailures[0]?.itemIdentifier;
          const from = failed === undefined ? -1 : records.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
          pending.set(shardId, from < 0 ? [] : records.slice(from));
          if (from >= 0) await sleep(500);
        }
        if (idle) await sleep(100);
      } catch {
        await sleep(500);
      }
    }
    dynamo.destroy();
    streams.destroy();
  };

  const queueLoop = async (deliver: Parameters<WebhookPipeline['start']>[0]['deliver']) => {
    while (running) {
      let messages: Message[] = [];
      try {
        ({ Messages: messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], AttributeNames: ['All'] })));
      } catch {
        await sleep(500);
        continue;
      }
      if (messages.length === 0) continue;
      const event: SQSEvent = {
        Records: messages.map((message) => ({
          messageId: message.MessageId!,
          receiptHandle: message.ReceiptHandle!,
          body: message.Body ?? '',
          attributes: (message.Attributes ?? {}) as never,
          messageAttributes: Object.fromEntries(
            Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [name, { stringValue: value.StringValue, dataType: value.DataType ?? 'String', stringListValues: [], binaryListValues: [] }]),
          ),
          md5OfBody: message.MD5OfBody ?? '',
          eventSource: 'aws:sqs',
          eventSourceARN: queueArn,
          awsRegion: REGION,
        })),
      };
      const result = await deliver(event).catch(() => ({ batchItemFailures: messages.map((message) => ({ itemIdentifier: message.MessageId! })) }));
      const failed = new Set(result.batchItemFailures.map((failure) => failure.itemIdentifier));
      const done = messages.filter((message) => !failed.has(message.MessageId!));
      if (done.length > 0) {
        await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((message, i) => ({ Id: String(i), ReceiptHandle: message.ReceiptHandle! })) })).catch(() => undefined);
      }
    }
  };

  return {
    queueUrl: queueUrl!,
    snsEndpoint: relay.endpoint,
    snsOutage: relay.setDown,
    start(handlers) {
      running = true;
      loops.push(streamLoop(handlers.publish), queueLoop(handlers.deliver), queueLoop(handlers.deliver));
    },
    async stop() {
      running = false;
      await Promise.allSettled(loops);
      await relay.close();
      sqs.destroy();
    },
  };
}
