import * as path from 'node:path';
import { Duration, Names, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Acknowledgment, CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteDefinition } from '../manifest.ts';
import type { BucketName, TopicName } from '../table.ts';
import { upperSnake } from './storage.ts';
import type { Storage } from './storage.ts';

export type FunctionAccess = RouteDefinition['access'];

export interface ApiFunctionProps {
  /** The handler module, relative to `projectRoot`; it exports `handler`. */
  entry: string;
  /** The folder holding package.json and package-lock.json. */
  projectRoot: string;
  description: string;
  /** Exactly what the function may touch; nothing else is granted. */
  access: FunctionAccess;
  storage: Storage;
  logRetention: logs.RetentionDays;
  /** false (staging): the log group goes with the stack. Default true. */
  retainLogs?: boolean;
  environment?: Record<string, string>;
  memoryMb?: number;
  timeoutSeconds?: number;
}

// Every function gets the same bundle shape: docs/architecture.md asks for minified ESM with
// source maps but without sources content (read at error time only, see NODE_OPTIONS below), and
// synth must work offline, with no Docker.
const bundling: BundlingOptions = {
  forceDockerBundling: false,
  format: OutputFormat.ESM,
  target: 'node24',
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  // Prefer the ESM builds of dependencies so esbuild can tree-shake them.
  mainFields: ['module', 'main'],
  // CommonJS dependencies inside an ESM bundle still call require(); give them one.
  banner: "import { createRequire as __createRequire } from 'node:module';const require = __createRequire(import.meta.url);",
  // The SDK is pinned in package.json and bundled: the runtime's copy changes under our feet, and a
  // minified single-file SDK loads faster than the runtime's many-file one.
  bundleAwsSDK: true,
  // No `charset: UTF8`: esbuild's default ASCII output escapes the French messages. One non-ASCII
  // character makes V8 hold and scan the whole bundle as UTF-16 (about 10% of a cold start;
  // docs/bench.md, "Non-ASCII bundles"; test/unit/bundles-ascii.test.ts).
};

/**
 * One Lambda function with the project's defaults (Node 24 on arm64, bundling, its own log group
 * with a retention, JSON logs) and the grants its manifest entry declares, in one call.
 */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { storage, access } = props;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention,
      removalPolicy: props.retainLogs === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });

    // An explicit role instead of the default one, which would carry the AWS managed
    // AWSLambdaBasicExecutionRole (log writes to every log group of the account, Resource "*").
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    // No NODE_OPTIONS=--enable-source-maps: Node would decode the whole map at every cold start
    // (12-14% of an import, docs/bench.md). The map ships in the asset; the logger maps the stacks
    // of logged errors with it (shared/observability/stack-trace.ts).
    const environment: Record<string, string> = { ...props.environment };
    const acknowledgments: Acknowledgment[] = [];

    if (access.table) {
      environment.TABLE_NAME = storage.table.tableName;
      if (access.table === 'readwrite') storage.table.grantReadWriteData(this.role);
      else storage.table.grantReadData(this.role);
      acknowledgments.push({
        id: `AwsSolutions-IAM5[Resource::<${arnToken(storage.table, this)}>/index/*]`,
        reason:
          "The table grant covers the table's global secondary indexes (table/index/*): handlers query gsi1 and gsi2, and the wildcard cannot reach another table.",
      });
    }

    const topics: TopicName[] = access.topics ?? [];
    for (const topic of topics) {
      environment[`TOPIC_ARN_${upperSnake(topic)}`] = storage.topics[topic].topicArn;
      storage.topics[topic].grantPublish(this.role);
    }
    if (topics.length > 0) {
      const reason =
        "Publishing to topics encrypted with the AWS managed key alias/aws/sns: that key's id is account-specific and unknown at synth, so the grant is on key/* narrowed by the condition kms:ResourceAliases = alias/aws/sns; GenerateDataKey* is the family SNS needs for envelope encryption.";
      for (const finding of ['Action::kms:GenerateDataKey*', 'Resource::arn:<AWS::Partition>:kms:<AWS::Region>:<AWS::AccountId>:key/*']) {
        acknowledgments.push({ id: `AwsSolutions-IAM5[${finding}]`, reason });
      }
    }

    for (const [name, level] of Object.entries(access.buckets ?? {}) as [BucketName, 'read' | 'readwrite'][]) {
      const bucket = storage.buckets[name];
      environment[`BUCKET_${upperSnake(name)}`] = bucket.bucketName;
      if (level === 'readwrite') bucket.grantReadWrite(this.role);
      else bucket.grantRead(this.role);
      const findings = [
        `Resource::<${arnToken(bucket, this)}>/*`,
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        ...(level === 'readwrite' ? ['Action::s3:DeleteObject*', 'Action::s3:Abort*'] : []),
      ];
      for (const finding of findings) {
        acknowledgments.push({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: `Objects of the ${name} bucket are keyed by organisation and id at run time, so the grant covers the bucket's objects (bucket/*) with the S3 action families CDK grants for ${level} access; it reaches no other bucket.`,
        });
      }
    }

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(props.projectRoot, props.entry),
      projectRoot: props.projectRoot,
      depsLockFilePath: path.join(props.projectRoot, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      // Init CPU scales with memory: 512 MB keeps cold starts short for a small cost.
      memorySize: props.memoryMb ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      // Active tracing: Lambda samples invocations into X-Ray and sets _X_AMZN_TRACE_ID, which the
      // logger writes on every line (docs/operations.md, "Tracing"). No X-Ray SDK in the bundles.
      tracing: lambda.Tracing.ACTIVE,
      environment,
      bundling,
    });
    // X-Ray's write actions have no resource-level permissions: CDK's tracing grant is on "*".
    acknowledgments.push({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions (the X-Ray service authorization reference lists no resource type for them), so CDK grants them on "*"; they write trace data and read nothing.',
    });

    // On the role's own policy, so they cover the statements above and nothing else.
    const policy = this.role.node.tryFindChild('DefaultPolicy');
    if (policy && acknowledgments.length > 0) Validations.of(policy).acknowledge(...acknowledgments);
  }
}

/**
 * How cdk-nag spells a resource's ARN in a finding of `from`'s policy: `<LogicalId.Arn>` in the
 * same stack; from a nested stack (lib/stack.ts keeps the route functions in one per surface), the
 * parameter CDK passes it through, `<referenceto<unique id>Arn>`.
 */
function arnToken(resource: Construct, from: Construct): string {
  const element = resource.node.defaultChild as CfnElement;
  if (Stack.of(resource) === Stack.of(from)) return `${Stack.of(resource).getLogicalId(element)}.Arn`;
  return `referenceto${Names.uniqueId(element)}Arn`;
}
