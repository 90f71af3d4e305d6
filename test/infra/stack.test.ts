import { flatTemplate } from './flat-template.ts';
import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { backgroundEntries, routeKeyOf, routes } from '../../lib/manifest.ts';
import { bucketNames, corsPolicy, tableDefinition, topicNames } from '../../lib/table.ts';
import { readSettings, StagecrewStack } from '../../lib/stack.ts';

type Resource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];
const ISSUER = 'https://example-tenant.eu.auth0.com/';

let template: Template;
let annotations: Annotations;
let resources: Record<string, Resource>;

/** Synthesized once for the whole file; bundling is skipped (`aws:cdk:bundling-stacks: []`). */
beforeAll(() => {
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [], auth0Issuer: ISSUER } });
  const stack = new StagecrewStack(app, 'TestStack', { settings: readSettings(app.node, {}) });
  template = flatTemplate(stack);
  annotations = Annotations.fromStack(stack);
  resources = template.toJSON().Resources as Record<string, Resource>;
});

function ofType(type: string): [string, Resource][] {
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

/** The logical id inside `{Ref: X}` or `{Fn::GetAtt: [X, ...]}`. */
function refOf(value: any): string {
  if (value?.Ref) return value.Ref;
  if (value?.['Fn::GetAtt']) return value['Fn::GetAtt'][0];
  if (value?.['Fn::Join']) {
    // The first reference that is not a pseudo parameter (AWS::Region...).
    const parts: any[] = value['Fn::Join'][1];
    const ref = parts.find((part) => typeof part === 'object' && !String(part.Ref ?? '').startsWith('AWS::'));
    return refOf(ref);
  }
  throw new Error(`not a reference: ${JSON.stringify(value)}`);
}

/** The function logical id each route key is integrated with. */
function functionByRouteKey(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [, route] of ofType('AWS::ApiGatewayV2::Route')) {
    const integration = resources[refOf(route.Properties!.Target)]!;
    map.set(route.Properties!.RouteKey, refOf(integration.Properties!.IntegrationUri));
  }
  return map;
}

function actionsOfFunction(functionId: string): string[] {
  const roleId = refOf(resources[functionId]!.Properties!.Role);
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => policy.Properties!.Roles.some((role: any) => refOf(role) === roleId))
    .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement)
    .flatMap((statement: any) => [statement.Action].flat());
}

function authorizerFunctionId(): string {
  const [[, authorizer]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
  return refOf(authorizer.Properties!.AuthorizerUri);
}

describe('synthesis', () => {
  it('raises no error or warning annotation once an issuer is configured', () => {
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('functions', () => {
  it('has exactly one function per manifest entry plus the authorizer and the webhook path (publisher, delivery, maintenance schedule), and no helper functions', () => {
    template.resourceCountIs('AWS::Lambda::Function', routes.length + 1 + backgroundEntries.length);
    const integrated = new Set(functionByRouteKey().values());
    expect(integrated.size).toBe(routes.length);
    expect(integrated.has(authorizerFunctionId())).toBe(false);
  });

  it('integrates each route with its own function, named after the manifest id', () => {
    const byKey = functionByRouteKey();
    for (const route of routes) {
      expect(byKey.get(routeKeyOf(route))).toMatch(new RegExp(`^${route.id}Handler`));
    }
  });

  it('runs every function on Node 24, arm64, with its own log group and source maps', () => {
    const functions = ofType('AWS::Lambda::Function');
    const logGroups = new Set<string>();
    for (const [, fn] of functions) {
      expect(fn.Properties!.Runtime).toBe('nodejs24.x');
      expect(fn.Properties!.Architectures).toEqual(['arm64']);
      expect(fn.Properties!.Handler).toBe('index.handler');
      // Source maps are read at error time by the logger, not decoded at every cold start.
      expect(fn.Properties!.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      logGroups.add(refOf(fn.Properties!.LoggingConfig.LogGroup));
    }
    expect(logGroups.size).toBe(functions.length);
    for (const id of logGroups) {
      expect(resources[id]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } });
    }
  });

  it('applies the manifest memory and timeout overrides', () => {
    const byKey = functionByRouteKey();
    for (const route of routes) {
      const fn = resources[byKey.get(routeKeyOf(route))!]!;
      expect(fn.Properties!.Timeout).toBe(route.timeoutSeconds ?? 10);
      expect(fn.Properties!.MemorySize).toBe(route.memoryMb ?? 512);
    }
  });

  it('gives no function an AWS managed policy (log writes are granted on its own log group)', () => {
    for (const [, role] of ofType('AWS::IAM::Role')) {
      expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
    }
    for (const [id] of ofType('AWS::Lambda::Function')) {
      expect(actionsOfFunction(id)).toEqual(expect.arrayContaining(['logs:CreateLogStream', 'logs:PutLogEvents']));
    }
  });
});

describe('least privilege from the manifest', () => {
  const byAccess = (level: 'read' | 'readwrite' | undefined) =>
    routes.filter((route) =>
      level === undefined
        ? !route.access.table && !route.access.topics?.length && !Object.keys(route.access.buckets ?? {}).length
        : route.access.table === level,
    );

  it('covers every access level (the manifest still exercises read, readwrite and none)', () => {
    expect(byAccess('read').length).toBeGreaterThan(0);
    expect(byAccess('readwrite').length).toBeGreaterThan(0);
    expect(byAccess(undefined).length).toBeGreaterThan(0);
  });

  it('grants read-only routes no DynamoDB write', () => {
    const byKey = functionByRouteKey();
    for (const route of byAccess('read')) {
      const actions = actionsOfFunction(byKey.get(routeKeyOf(route))!);
      expect(actions, route.id).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem']));
      for (const write of WRITE_ACTIONS) expect(actions, route.id).not.toContain(write);
    }
  });

  it('grants readwrite routes the writes they need', () => {
    const byKey = functionByRouteKey();
    for (const route of byAccess('readwrite')) {
      const actions = actionsOfFunction(byKey.get(routeKeyOf(route))!);
      expect(actions, route.id).toEqual(expect.arrayContaining([...WRITE_ACTIONS, 'dynamodb:Query', 'dynamodb:ConditionCheckItem']));
    }
  });

  it('grants routes without access nothing but their logs (and trace writes), and tells them no table name', () => {
    const byKey = functionByRouteKey();
    for (const route of byAccess(undefined)) {
      const id = byKey.get(routeKeyOf(route))!;
      expect(actionsOfFunction(id).sort(), route.id).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
      expect(resources[id]!.Properties!.Environment.Variables.TABLE_NAME, route.id).toBeUndefined();
    }
  });

  it('passes TABLE_NAME and PUBLIC_BASE_URL to the route functions, and no topic or bucket they were not granted', () => {
    const byKey = functionByRouteKey();
    for (const route of routes) {
      const variables = resources[byKey.get(routeKeyOf(route))!]!.Properties!.Environment.Variables;
      expect(variables.PUBLIC_BASE_URL, route.id).toBeDefined();
      if (route.access.table) expect(refOf(variables.TABLE_NAME), route.id).toBe(ofType('AWS::DynamoDB::Table')[0]![0]);
      const granted = [
        ...(route.access.topics ?? []).map((name) => `TOPIC_ARN_${name.replace(/-/g, '_').toUpperCase()}`),
        ...Object.keys(route.access.buckets ?? {}).map((name) => `BUCKET_${name.replace(/-/g, '_').toUpperCase()}`),
      ];
      const present = Object.keys(variables).filter((key) => key.startsWith('TOPIC_ARN_') || key.startsWith('BUCKET_'));
      expect(present.sort(), route.id).toEqual(granted.sort());
      expect(variables.JWT_ISSUER, route.id).toBeUndefined();
    }
  });
});

describe('HTTP API', () => {
  it('has exactly one API and one route per manifest entry with the manifest route key', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    const keys = ofType('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties!.RouteKey).sort();
    expect(keys).toEqual(routes.map((route) => routeKeyOf(route)).sort());
    expect(keys).toContain('GET /api/v1/events');
  });

  it('puts the authorizer on auth "required" routes only', () => {
    const [[authorizerId]] = ofType('AWS::ApiGatewayV2::Authorizer') as [[string, Resource]];
    const byKey = new Map(ofType('AWS::ApiGatewayV2::Route').map(([, route]) => [route.Properties!.RouteKey, route.Properties!]));
    for (const route of routes) {
      const props = byKey.get(routeKeyOf(route))!;
      if (route.auth === 'required') {
        expect(props.AuthorizationType, route.id).toBe('CUSTOM');
        expect(refOf(props.AuthorizerId), route.id).toBe(authorizerId);
      } else {
        expect(props.AuthorizationType ?? 'NONE', route.id).toBe('NONE');
        expect(props.AuthorizerId, route.id).toBeUndefined();
      }
    }
    expect(routes.some((route) => route.auth === 'none')).toBe(true);
  });

  it('uses a simple-response Lambda authorizer with no cache and no identity source', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: [],
    });
  });

  it('configures the authorizer with the Auth0 settings, table reads, and updates of rate windows only', () => {
    const id = authorizerFunctionId();
    expect(id).toMatch(/^Authorizer/);
    expect(resources[id]!.Properties!.Environment.Variables).toMatchObject({
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: 'https://planninghub-spectacle.fr/api',
      JWKS_URI: `${ISSUER}.well-known/jwks.json`,
    });
    const actions = actionsOfFunction(id);
    expect(actions).toContain('dynamodb:GetItem');
    for (const write of WRITE_ACTIONS.filter((action) => action !== 'dynamodb:UpdateItem')) expect(actions).not.toContain(write);
    const roleId = refOf(resources[id]!.Properties!.Role);
    const updates = ofType('AWS::IAM::Policy')
      .filter(([, policy]) => policy.Properties!.Roles.some((role: any) => refOf(role) === roleId))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement)
      .filter((statement: any) => [statement.Action].flat().includes('dynamodb:UpdateItem'));
    expect(updates).toHaveLength(1);
    expect([updates[0].Action].flat()).toEqual(['dynamodb:UpdateItem']);
    expect(updates[0].Condition).toEqual({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['ORG#*#RATE#*'] } });
  });

  it('answers CORS preflight from the shared policy', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowOrigins: [...corsPolicy.allowOrigins],
        AllowMethods: [...corsPolicy.allowMethods],
        AllowHeaders: [...corsPolicy.allowHeaders],
        ExposeHeaders: [...corsPolicy.exposeHeaders],
        MaxAge: corsPolicy.maxAgeSeconds,
      },
    });
  });

  it('throttles and access-logs the default stage', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.stringLikeRegexp('\\$context\\.requestId'),
      },
    });
  });
});

describe('table', () => {
  it('is built from tableDefinition', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' });
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        KeySchema: [
          { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
        ],
        AttributeDefinitions: Match.arrayWith([S('pk'), S('sk'), S('gsi1pk'), S('gsi1sk'), S('gsi2pk'), S('gsi2sk')]),
        GlobalSecondaryIndexes: tableDefinition.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
    });
  });
});

describe('topics and buckets', () => {
  it('creates one KMS-encrypted, TLS-only topic per webhook family', () => {
    template.resourceCountIs('AWS::SNS::Topic', topicNames.length);
    for (const [, topic] of ofType('AWS::SNS::Topic')) {
      expect(JSON.stringify(topic.Properties!.KmsMasterKeyId)).toContain('alias/aws/sns');
    }
    template.resourceCountIs('AWS::SNS::TopicPolicy', topicNames.length);
    for (const [, policy] of ofType('AWS::SNS::TopicPolicy')) {
      expect(policy.Properties!.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
    }
  });

  it('blocks public access, encrypts and enforces TLS on every bucket', () => {
    // The data buckets plus their access-log bucket.
    template.resourceCountIs('AWS::S3::Bucket', bucketNames.length + 1);
    for (const [, bucket] of ofType('AWS::S3::Bucket')) {
      expect(bucket.Properties!.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      expect(bucket.Properties!.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault).toEqual({
        SSEAlgorithm: 'AES256',
      });
      expect(bucket.DeletionPolicy).toBe('Retain');
    }
    for (const [, policy] of ofType('AWS::S3::BucketPolicy')) {
      expect(policy.Properties!.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
    }
  });

  it('versions the data buckets, logs their access and allows browser uploads', () => {
    const logged = ofType('AWS::S3::Bucket').filter(([, bucket]) => bucket.Properties!.LoggingConfiguration);
    expect(logged).toHaveLength(bucketNames.length);
    for (const [, bucket] of logged) {
      expect(bucket.Properties!.VersioningConfiguration).toEqual({ Status: 'Enabled' });
      expect(bucket.Properties!.CorsConfiguration.CorsRules[0].AllowedMethods.sort()).toEqual(['GET', 'HEAD', 'POST', 'PUT']);
      expect(resources[refOf(bucket.Properties!.LoggingConfiguration.DestinationBucketName)]!.Type).toBe('AWS::S3::Bucket');
    }
  });
});
