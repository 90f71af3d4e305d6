import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { bucketNames, corsPolicy, tableDefinition, topicNames } from '../table.ts';
import type { BucketName, TopicName } from '../table.ts';

/** `cover-images` -> `COVER_IMAGES`: the suffix of the environment variables handlers read. */
export function upperSnake(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/** `cover-images` -> `CoverImages`: construct ids, which end up in logical ids. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * The stateful half of the product: the single table, the webhook topics and the buckets, all built
 * from the declarations in lib/table.ts that the local runtime uses too.
 */
export class Storage extends Construct {
  readonly table: dynamodb.Table;
  readonly topics: Record<TopicName, sns.Topic>;
  readonly buckets: Record<BucketName, s3.Bucket>;
  readonly accessLogsBucket: s3.Bucket;

  /**
   * `retainData` (default true, production): the table (with deletion protection) and the buckets
   * survive a stack deletion. false (staging): `cdk destroy` removes them; CloudFormation deletes
   * only empty buckets, so empty them first (docs/deploy.md).
   */
  constructor(scope: Construct, id: string, props: { retainData?: boolean } = {}) {
    super(scope, id);
    const retain = props.retainData ?? true;
    const removalPolicy = retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const attr = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: attr(tableDefinition.partitionKey),
      sortKey: attr(tableDefinition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The outbox publisher reads the stream; old images let it see what a delete removed.
      stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Bookings, registrations and API-key hashes must survive a stack deletion or replacement.
      removalPolicy,
      deletionProtection: retain,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attr(index.partitionKey),
        sortKey: attr(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // The AWS managed key needs no key policy of ours: SNS may use it for any principal of the
    // account that is allowed to publish, so publishers need only sns:Publish.
    const snsKey = kms.Alias.fromAliasName(this, 'SnsManagedKey', 'alias/aws/sns');
    this.topics = Object.fromEntries(
      topicNames.map((name) => [
        name,
        new sns.Topic(this, `${pascal(name)}Topic`, {
          displayName: `Webhooks: ${name}`,
          masterKey: snsKey,
          enforceSSL: true,
        }),
      ]),
    ) as Record<TopicName, sns.Topic>;

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });

    this.buckets = Object.fromEntries(
      bucketNames.map((name) => [
        name,
        new s3.Bucket(this, `${pascal(name)}Bucket`, {
          blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
          encryption: s3.BucketEncryption.S3_MANAGED,
          enforceSSL: true,
          versioned: true,
          objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
          removalPolicy,
          serverAccessLogsBucket: this.accessLogsBucket,
          serverAccessLogsPrefix: `${name}/`,
          // Browsers and the mobile app upload and download through presigned URLs.
          cors: [
            {
              allowedOrigins: [...corsPolicy.allowOrigins],
              allowedMethods: [
                s3.HttpMethods.GET,
                s3.HttpMethods.PUT,
                s3.HttpMethods.POST,
                s3.HttpMethods.HEAD,
              ],
              // SDK v3 presigned uploads may carry x-amz-* headers (checksums, metadata).
              allowedHeaders: [...corsPolicy.allowHeaders, 'x-amz-*'],
              exposedHeaders: ['ETag', 'x-amz-version-id'],
              maxAge: corsPolicy.maxAgeSeconds,
            },
          ],
          // Versioning protects against overwrites; old versions must not pile up forever.
          lifecycleRules: [
            { noncurrentVersionExpiration: Duration.days(90), abortIncompleteMultipartUploadAfter: Duration.days(7) },
          ],
        }),
      ]),
    ) as Record<BucketName, s3.Bucket>;
  }
}
