import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Annotations, CfnOutput, Duration, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { FactName } from 'aws-cdk-lib/region-info';
import { RATE_WINDOW_KEY_PATTERN } from '../shared/store/keys.ts';
import type { Node } from 'constructs';
import { ApiFunction } from './constructs/api-function.ts';
import { OperatorJobs } from './constructs/jobs.ts';
import { PublicHttpApi } from './constructs/http-api.ts';
import { pascal, Storage, upperSnake } from './constructs/storage.ts';
import { Monitoring } from './constructs/monitoring.ts';
import { Webhooks } from './constructs/webhooks.ts';
import { authorizerEntry, backgroundEntries, routeKeyOf, routes } from './manifest.ts';
import { DEFAULT_THRESHOLDS, type OperationsSettings } from './stages.ts';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';

/** The folder holding package.json: handler entries in the manifest are relative to it. */
export const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const DEFAULT_AUDIENCE = 'https://planninghub-spectacle.fr/api';

export interface StackSettings {
  /** Auth0 issuer (`https://TENANT.eu.auth0.com/`); unset, the authorizer accepts API keys only. */
  auth0Issuer?: string;
  auth0Audience: string;
  jwksUri?: string;
  stageName: string;
  /** The Auth0 application POST /v1/auth/login exchanges credentials with (password-realm grant). */
  auth0Login?: { domain: string; clientId: string; clientSecret?: string; realm: string };
  /** Base of absolute links the handlers build; defaults to the stage URL. */
  publicBaseUrl?: string;
  logRetention: RetentionDays;
  throttle: { rateLimit: number; burstLimit: number };
}

/**
 * Settings from CDK context (`-c key=value`), then from STAGECREW_* environment variables, then
 * defaults. The environment names are prefixed so that the local runtime's variables (JWKS_URI,
 * PUBLIC_BASE_URL...) never leak into a deployment.
 */
export function readSettings(node: Pick<Node, 'tryGetContext'>, env: NodeJS.ProcessEnv = process.env): StackSettings {
  const get = (key: string, envName: string): string | undefined => {
    const value: unknown = node.tryGetContext(key) ?? env[envName];
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const int = (key: string, envName: string, fallback: number): number => {
    const raw = get(key, envName);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${key} must be a positive integer, got "${raw}"`);
    return value;
  };

  const domain = get('auth0Domain', 'STAGECREW_AUTH0_DOMAIN');
  const auth0Issuer =
    get('auth0Issuer', 'STAGECREW_AUTH0_ISSUER') ??
    (domain ? `https://${domain.replace(/^https?:\/\//, '').replace(/\/+$/, '')}/` : undefined);
  if (auth0Issuer !== undefined && !/^https:\/\/[^/\s]+/.test(auth0Issuer)) {
    throw new Error(`auth0Issuer must be an https URL, got "${auth0Issuer}"`);
  }
  const jwksUri =
    get('jwksUri', 'STAGECREW_JWKS_URI') ??
    (auth0Issuer ? `${auth0Issuer}${auth0Issuer.endsWith('/') ? '' : '/'}.well-known/jwks.json` : undefined);

  const logRetention = int('logRetentionDays', 'STAGECREW_LOG_RETENTION_DAYS', RetentionDays.ONE_MONTH);
  if (!Object.values(RetentionDays).includes(logRetention)) {
    throw new Error(`logRetentionDays must be one of CloudWatch's retention periods, got ${logRetention}`);
  }

  const clientId = get('auth0ClientId', 'STAGECREW_AUTH0_CLIENT_ID');
  const loginDomain = auth0Issuer ? new URL(auth0Issuer).host : undefined;
  return {
    auth0Issuer,
    auth0Login:
      clientId && loginDomain
        ? {
            domain: loginDomain,
            clientId,
            clientSecret: get('auth0ClientSecret', 'STAGECREW_AUTH0_CLIENT_SECRET'),
            realm: get('auth0Realm', 'STAGECREW_AUTH0_REALM') ?? 'Username-Password-Authentication',
          }
        : undefined,
    auth0Audience: get('auth0Audience', 'STAGECREW_AUTH0_AUDIENCE') ?? DEFAULT_AUDIENCE,
    jwksUri,
    stageName: get('stageName', 'STAGECREW_STAGE_NAME') ?? '$default',
    publicBaseUrl: get('publicBaseUrl', 'STAGECREW_PUBLIC_BASE_URL')?.replace(/\/+$/, ''),
    logRetention: logRetention as RetentionDays,
    throttle: {
      rateLimit: int('throttleRateLimit', 'STAGECREW_THROTTLE_RATE_LIMIT', 50),
      burstLimit: int('throttleBurstLimit', 'STAGECREW_THROTTLE_BURST_LIMIT', 100),
    },
  };
}

export interface StagecrewStackProps extends StackProps {
  settings: StackSettings;
  /** The stage's log level, removal policies and alarms (lib/stages.ts); production's profile when omitted. */
  operations?: OperationsSettings;
}

const PRODUCTION_PROFILE: OperationsSettings = { stage: 'production', logLevel: 'info', retainData: true, alarms: DEFAULT_THRESHOLDS };

/** Everything the product runs on: one function and one route per manifest entry, plus the authorizer. */
export class StagecrewStack extends Stack {
  readonly storage: Storage;
  readonly httpApi: PublicHttpApi;
  readonly authorizerFunction: ApiFunction;
  readonly routeFunctions: Record<string, ApiFunction> = {};
  /** The HMAC key of the QR check-in links; present when a route uses it (manifest `usesCheckinSecret`). */
  readonly checkinTokenSecret?: secretsmanager.Secret;
  /** Alarms, their topic and the dashboard; other features register their queues and consumers on it. */
  readonly monitoring: Monitoring;
  /** The outbox publisher, the webhook delivery path and the maintenance-due schedule (docs/webhooks.md). */
  readonly webhooks: Webhooks;
  /** Functions an operator invokes: the event counters' backfill (docs/data-model.md). */
  readonly jobs: OperatorJobs;

  constructor(scope: Construct, id: string, props: StagecrewStackProps) {
    super(scope, id, props);
    const { settings } = props;
    const operations = props.operations ?? PRODUCTION_PROFILE;
    assertEntriesExist([...routes.map((route) => route.entry), authorizerEntry, ...backgroundEntries]);

    this.storage = new Storage(this, 'Storage', { retainData: operations.retainData });
    this.httpApi = new PublicHttpApi(this, 'Api', {
      stageName: settings.stageName,
      throttle: settings.throttle,
      logRetention: settings.logRetention,
      retainLogs: operations.retainData,
    });
    // What every function gets from its stage: its log level, and the metrics' Stage dimension.
    const stageEnvironment = { LOG_LEVEL: operations.logLevel, STAGE: operations.stage };

    if (!settings.auth0Issuer) {
      Annotations.of(this).addWarningV2(
        'stagecrew:auth0IssuerUnset',
        'auth0Issuer is not set: the authorizer will refuse every PlanningHub JWT (EventLite API keys still work). Deploy with -c auth0Issuer=https://TENANT.eu.auth0.com/',
      );
    }
    this.authorizerFunction = new ApiFunction(this, 'Authorizer', {
      entry: authorizerEntry,
      projectRoot,
      description: 'Lambda authorizer: Auth0 JWT or EventLite API key; anonymous callers pass through as "anonymous"',
      access: { table: 'read' },
      storage: this.storage,
      logRetention: settings.logRetention,
      retainLogs: operations.retainData,
      environment: {
        ...stageEnvironment,
        // Empty means "not configured": the authorizer must then refuse JWTs, never fall back.
        JWT_ISSUER: settings.auth0Issuer ?? '',
        JWT_AUDIENCE: settings.auth0Audience,
        JWKS_URI: settings.jwksUri ?? '',
      },
    });
    // The authorizer counts each authenticated request against its caller's rate window, so it may
    // update rate-window items, and nothing else: the condition pins the items' partition keys.
    this.authorizerFunction.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [this.storage.table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [RATE_WINDOW_KEY_PATTERN] } },
      }),
    );
    const authorizer = new HttpLambdaAuthorizer('Authorizer', this.authorizerFunction.function, {
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      // API keys and memberships are revocable at once, so no decision may outlive its request.
      resultsCacheTtl: Duration.seconds(0),
      // No identity source: anonymous calls must reach the function, which answers 401 in its
      // surface's envelope (API Gateway's own authorizer denials cannot be customised).
      identitySource: [],
    });

    const publicBaseUrl = settings.publicBaseUrl ?? this.httpApi.url;
    const checkin = routes.some((route) => route.usesCheckinSecret) ? checkinTokenSecretWiringOf(this) : undefined;
    this.checkinTokenSecret = checkin?.secret;
    // One nested stack per surface holds its routes' functions (function, role, policy, log group,
    // invoke permission: five resources a route), so the product stays under CloudFormation's 500
    // resources per stack as routes are added; the API's routes and integrations stay here.
    const surfaceStacks = new Map<string, NestedStack>();
    const functionScopeOf = (route: (typeof routes)[number]): Construct => {
      let scope = surfaceStacks.get(route.surface);
      if (!scope) {
        scope = new NestedStack(this, `${pascal(route.surface)}Functions`, { description: `The ${route.surface} routes' functions` });
        surfaceStacks.set(route.surface, scope);
      }
      return scope;
    };
    for (const route of routes) {
      const fn = new ApiFunction(functionScopeOf(route), `${route.id}Handler`, {
        entry: route.entry,
        projectRoot,
        description: `${routeKeyOf(route)}: ${route.docs.summary}`.slice(0, 256),
        access: route.access,
        storage: this.storage,
        logRetention: settings.logRetention,
        retainLogs: operations.retainData,
        memoryMb: route.memoryMb,
        timeoutSeconds: route.timeoutSeconds,
        environment: {
          ...stageEnvironment,
          PUBLIC_BASE_URL: publicBaseUrl,
          ...(route.usesIdentityProvider && settings.auth0Login
            ? {
                AUTH0_DOMAIN: settings.auth0Login.domain,
                AUTH0_CLIENT_ID: settings.auth0Login.clientId,
                AUTH0_REALM: settings.auth0Login.realm,
                JWT_AUDIENCE: settings.auth0Audience,
                ...(settings.auth0Login.clientSecret ? { AUTH0_CLIENT_SECRET: settings.auth0Login.clientSecret } : {}),
              }
            : {}),
          ...(route.usesCheckinSecret && checkin ? { CHECKIN_TOKEN_SECRET_ARN: checkin.secret.secretArn } : {}),
        },
      });
      if (route.usesCheckinSecret && checkin) {
        checkin.secret.grantRead(fn.role);
        fn.function.addLayers(lambda.LayerVersion.fromLayerVersionArn(fn, 'ParamsAndSecretsLayer', checkin.layerArn));
      }
      this.routeFunctions[route.id] = fn;
      this.httpApi.addRoute(route, fn.function, authorizer);
    }

    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage: operations.stage,
      alarmPrefix: this.stackName,
      thresholds: operations.alarms,
      alarmEmail: operations.alarmEmail,
      httpApi: this.httpApi,
      table: this.storage.table,
      retainData: operations.retainData,
    });
    this.monitoring.watchFunction('Authorizer', this.authorizerFunction.function);
    this.monitoring.watchRoutes(routes, (route) => this.routeFunctions[route.id]!.function);
    this.webhooks = new Webhooks(this, 'Webhooks', { projectRoot, storage: this.storage, logRetention: settings.logRetention, retainLogs: operations.retainData, environment: stageEnvironment });
    // The webhook path's own functions and alarms (dead letters, stream lag) report to the operators too.
    for (const [id, fn] of [['OutboxPublisher', this.webhooks.publisher], ['WebhookDelivery', this.webhooks.delivery], ['MaintenanceDue', this.webhooks.maintenanceDue]] as const) {
      this.monitoring.watchFunction(id, fn.function);
    }
    for (const alarm of this.webhooks.alarms) alarm.addAlarmAction(new SnsAction(this.monitoring.topic));
    this.jobs = new OperatorJobs(this, 'Jobs', { projectRoot, storage: this.storage, logRetention: settings.logRetention, retainLogs: operations.retainData, environment: stageEnvironment });
    this.monitoring.watchFunction('BackfillEventCounters', this.jobs.backfillEventCounters.function);

    new CfnOutput(this, 'ApiUrl', { value: publicBaseUrl, description: 'Base URL of the API' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: "The operators' alarm topic" });
    new CfnOutput(this, 'TableName', { value: this.storage.table.tableName });
    new CfnOutput(this, 'BackfillEventCountersFunctionName', { value: this.jobs.backfillEventCounters.function.functionName, description: 'aws lambda invoke --function-name <this> (docs/data-model.md, "Event counters")' });
    for (const [name, topic] of Object.entries(this.storage.topics)) {
      new CfnOutput(this, `${pascal(name)}TopicArn`, { value: topic.topicArn, description: `TOPIC_ARN_${upperSnake(name)}` });
    }
    for (const [name, bucket] of Object.entries(this.storage.buckets)) {
      new CfnOutput(this, `${pascal(name)}BucketName`, { value: bucket.bucketName, description: `BUCKET_${upperSnake(name)}` });
    }
  }
}

/**
 * The check-in links' HMAC key: generated by Secrets Manager at deploy, so it is in no template,
 * output or function configuration (a `{{resolve:secretsmanager}}` environment variable would put
 * the value in every function's configuration, readable by anyone allowed GetFunctionConfiguration).
 * The functions read it at run time through the AWS Parameters and Secrets Lambda Extension (a
 * layer, one ARN per region, looked up from CDK's region facts), over localhost, without an SDK.
 */
function checkinTokenSecretWiringOf(stack: Stack): { secret: secretsmanager.Secret; layerArn: string } {
  const secret = new secretsmanager.Secret(stack, 'CheckinTokenSecret', {
    description: 'HMAC key of the shift QR check-in links: {"current": key} ({"current", "previous"} while rotating; docs/shifts.md)',
    generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'current', passwordLength: 64, excludePunctuation: true },
  });
  Validations.of(secret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The check-in key is rotated by hand (new key as "current", the old one as "previous" until the links it signed no longer matter, docs/shifts.md): an automatic rotation needs a rotation Lambda, one more function outside the manifest, and would retire keys on a clock rather than when the QR codes printed with them stop mattering.',
  });
  const layerArn = stack.regionalFact(FactName.paramsAndSecretsLambdaLayer(lambda.ParamsAndSecretsVersions.V1_0_103, lambda.Architecture.ARM_64.name));
  return { secret, layerArn };
}

/** One clear error listing every missing handler, rather than NodejsFunction's first failure. */
function assertEntriesExist(entries: string[]): void {
  const missing = entries.filter((entry) => !existsSync(path.join(projectRoot, entry)));
  if (missing.length > 0) {
    throw new Error(`Handler files listed in lib/manifest.ts do not exist: ${missing.join(', ')}`);
  }
}
