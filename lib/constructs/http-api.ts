import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { routeKeyOf, type RouteDefinition } from '../manifest.ts';
import { corsPolicy } from '../table.ts';

export interface PublicHttpApiProps {
  /** `$default` serves the manifest paths at the root of the endpoint; any other name prefixes them. */
  stageName: string;
  /** Account-wide safety net; per-client limits (rate classes) are enforced by the handlers. */
  throttle: { rateLimit: number; burstLimit: number };
  logRetention: logs.RetentionDays;
  /** false (staging): the access-log group goes with the stack. Default true. */
  retainLogs?: boolean;
}

// Everything needed to trace a request from the access log to the function's own log, and no
// headers: Authorization must never reach a log.
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    routeKey: '$context.routeKey',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
    error: '$context.error.message',
  }),
);

/** The one HTTP API (payload v2): CORS preflight, a throttled and access-logged stage, routes. */
export class PublicHttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  /** Base URL of the stage, without a trailing slash. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'PlanningHub (/v1) and EventLite (/api/v1) over one domain core',
      // The stage is created below: the implicit default stage cannot be throttled or logged.
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...corsPolicy.allowOrigins],
        allowMethods: corsPolicy.allowMethods.map((method) => apigw.CorsHttpMethod[method]),
        allowHeaders: [...corsPolicy.allowHeaders],
        exposeHeaders: [...corsPolicy.exposeHeaders],
        maxAge: Duration.seconds(corsPolicy.maxAgeSeconds),
      },
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.retainLogs === false ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN,
    });
    this.stage = this.api.addStage('Stage', {
      stageName: props.stageName,
      autoDeploy: true,
      throttle: props.throttle,
      // Per-route metrics (Latency, 4xx, 5xx by Method and Resource): the per-route alarms and
      // the dashboard read them (lib/constructs/monitoring.ts).
      detailedMetricsEnabled: true,
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        format: accessLogFormat,
      },
    });

    const root = `https://${this.api.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.url = props.stageName === '$default' ? root : `${root}/${props.stageName}`;
  }

  /** One route of the manifest, integrated with its own function. */
  addRoute(route: RouteDefinition, handler: lambda.IFunction, authorizer: apigw.IHttpRouteAuthorizer): apigw.HttpRoute {
    const httpRoute = new apigw.HttpRoute(this, route.id, {
      httpApi: this.api,
      routeKey: route.path === '$default' ? apigw.HttpRouteKey.DEFAULT : apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${route.id}Integration`, handler),
      authorizer: route.auth === 'required' ? authorizer : undefined,
    });
    if (route.auth === 'none') {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: `${routeKeyOf(route)} (${route.docs.summary}) is public by design: the route manifest declares auth 'none' and the handler serves no tenant data.`,
      });
    }
    return httpRoute;
  }
}
