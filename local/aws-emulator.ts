/**
 * SNS and S3 on loopback: fauxqs, embedded in-process and bound to 127.0.0.1 only. Topics and
 * buckets come from the same lists as the CDK stack and are created through the AWS SDK, like a
 * deployment would. fauxqs keeps this state in memory (see docs/local.md).
 */
import { buildApp } from 'fauxqs';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { CreateBucketCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3';
import { bucketNames, corsPolicy, topicNames } from '../lib/table.ts';

export interface AwsEmulator {
  endpoint: string;
  topicArns: Record<string, string>;
  bucketNames: Record<string, string>;
  stop(): Promise<void>;
}

const REGION = 'eu-west-3';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startAwsEmulator(options: { prefix: string }): Promise<AwsEmulator> {
  const app = buildApp({ logger: false, defaultRegion: REGION });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = new URL(address).origin;
  const sns = new SNSClient({ endpoint, region: REGION, credentials });
  const s3 = new S3Client({ endpoint, region: REGION, credentials, forcePathStyle: true });
  try {
    const topicArns: Record<string, string> = {};
    for (const topic of topicNames) {
      const created = await sns.send(new CreateTopicCommand({ Name: `${options.prefix}-${topic}` }));
      topicArns[topic] = created.TopicArn!;
    }
    const buckets: Record<string, string> = {};
    for (const bucket of bucketNames) {
      const name = `${options.prefix}-${bucket}`;
      await s3.send(new CreateBucketCommand({ Bucket: name }));
      await s3
        .send(
          new PutBucketCorsCommand({
            Bucket: name,
            CORSConfiguration: {
              CORSRules: [{ AllowedOrigins: [...corsPolicy.allowOrigins], AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'], AllowedHeaders: ['*'] }],
            },
          }),
        )
        .catch(() => undefined); // CORS is advisory locally; not every emulator stores it
      buckets[bucket] = name;
    }
    return { endpoint, topicArns, bucketNames: buckets, stop: () => app.close() };
  } finally {
    sns.destroy();
    s3.destroy();
  }
}
