/**
 * The local HTTP gateway: it mounts the route manifest's handlers and turns each HTTP request
 * into an API Gateway HTTP API (payload 2.0) event, running the Lambda authorizer first for
 * routes that require it, as the deployed API does. The `$default` entry, as in API Gateway,
 * serves whatever no other route matches. Only loopback.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, APIGatewayRequestAuthorizerEventV2, Context } from 'aws-lambda';
import { routes as manifestRoutes, authorizerEntry, routeKeyOf, type RouteDefinition } from '../lib/manifest.ts';
import { corsPolicy } from '../lib/table.ts';
import { urlHostOf } from './net.ts';

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

interface MountedRoute {
  definition: RouteDefinition;
  pattern: RegExp;
  parameterNames: string[];
  specificity: number;
  handler?: LambdaHandler;
}

/** API Gateway's own payload limit for HTTP APIs. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;
const TEXT_TYPES = /^(?:text\/|application\/(?:json|xml|x-www-form-urlencoded|[\w.+-]+\+json|javascript))/i;

function compile(definition: RouteDefinition): MountedRoute {
  const parameterNames: string[] = [];
  const source = definition.path
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)(\+)?\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(match[1]!);
      return match[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  const specificity = definition.path.split('/').filter((s) => !s.startsWith('{')).length;
  return { definition, pattern: new RegExp(`^${source}$`), parameterNames, specificity };
}

/** API Gateway's own cap on an integration (30 s): what the local functions get unless told otherwise. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 30_000;

function lambdaContext(functionName: string, requestId: string, timeoutMs: number): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_PAYLOAD_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** On every answer, the gateway's own included (404, 413, preflight): no MIME sniffing of an API response. */
const NOSNIFF = { 'X-Content-Type-Options': 'nosniff' } as const;

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...NOSNIFF, ...headers });
  response.end(body);
}

const badRequest = (response: ServerResponse) => send(response, 400, JSON.stringify({ message: 'Bad Request' }));

/** A URL path segment decoded, or null when its percent-encoding is malformed (`%ff`, `%`). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const corsResponseHeaders = (origin: string | undefined): Record<string, string> =>
  origin ? { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': corsPolicy.exposeHeaders.join(',') } : {};

export interface GatewayOptions {
  projectRoot: string;
  /** Extra handlers the gateway serves itself (e.g. the dev issuer's JWKS). */
  extraRoutes?: Record<string, (request: IncomingMessage) => { status: number; body: unknown }>;
  routes?: RouteDefinition[];
  log?: (entry: Record<string, unknown>) => void;
  /**
   * Each invocation's deadline (`context.getRemainingTimeInMillis()`, where the pipeline answers a
   * 500 when it runs out). DynamoDB Local is far slower than DynamoDB under a burst on a loaded
   * machine, so the test runtime allows longer (docs/registrations.md, "Races").
   */
  functionTimeoutMs?: number;
}

export interface Gateway {
  server: Server;
  /** host: loopback unless told otherwise (HOST of `npm start`, for a phone on the LAN). */
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createGateway(options: GatewayOptions): Gateway {
  const definitions = options.routes ?? manifestRoutes;
  const functionTimeoutMs = options.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  const mounted = definitions
    .filter((definition) => definition.path !== '$default')
    .map(compile)
    .sort((a, b) => b.specificity - a.specificity);
  const fallbackDefinition = definitions.find((definition) => definition.path === '$default');
  const fallback: MountedRoute | undefined = fallbackDefinition && { definition: fallbackDefinition, pattern: /^/, parameterNames: [], specificity: 0 };
  const load = async (entry: string): Promise<LambdaHandler> => {
    const module = (await import(pathToFileURL(join(options.projectRoot, entry)).href)) as { handler: LambdaHandler };
    if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
    return module.handler;
  };
  let authorizer: LambdaHandler | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const started = Date.now();
    const requestId = randomUUID();
    const method = (request.method ?? 'GET').toUpperCase();
    let url: URL;
    try {
      // A request line node accepts may still be no URL (`GET //x:70000/`): a 400, as API Gateway answers.
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      return badRequest(response);
    }
    try {
      const extra = options.extraRoutes?.[`${method} ${url.pathname}`];
      if (extra) {
        const result = extra(request);
        return send(response, result.status, JSON.stringify(result.body));
      }
      if (method === 'OPTIONS' && request.headers['access-control-request-method']) {
        response.writeHead(204, {
          'Access-Control-Allow-Origin': '*',
          'Access-Control-Allow-Methods': corsPolicy.allowMethods.join(','),
          'Access-Control-Allow-Headers': corsPolicy.allowHeaders.join(','),
          'Access-Control-Max-Age': String(corsPolicy.maxAgeSeconds),
          ...NOSNIFF,
        });
        return response.end();
      }
      let route: MountedRoute | undefined;
      let match: RegExpExecArray | null = null;
      for (const candidate of mounted) {
        if (candidate.definition.method !== method) continue;
        match = candidate.pattern.exec(url.pathname);
        if (match) {
          route = candidate;
          break;
        }
      }
      if (!route || !match) {
        if (!fallback) return send(response, 404, JSON.stringify({ message: 'Not Found' }), corsResponseHeaders(request.headers.origin));
        route = fallback;
        match = fallback.pattern.exec(url.pathname)!;
      }

      const raw = await readBody(request);
      if (raw === 'too-large') return send(response, 413, JSON.stringify({ message: 'Request Entity Too Large' }));

      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value === undefined || name === 'cookie') continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
      }
      const queryStringParameters: Record<string, string> = {};
      for (const [name, value] of url.searchParams) {
        queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
      }
      const pathParameters: Record<string, string> = {};
      for (const [index, name] of route.parameterNames.entries()) {
        // A segment that does not decode (`%ff`) goes to the function as sent: its params schema
        // refuses it (the bounded id charset has no `%`) with a 400 in its surface's envelope.
        pathParameters[name] = decodeSegment(match[index + 1]!) ?? match[index + 1]!;
      }
      const isText = raw.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
      const routeKey = routeKeyOf(route.definition);
      const now = new Date();
      const requestContext = {
        accountId: '000000000000',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: (headers.host ?? 'localhost').split('.')[0]!,
        http: {
          method,
          path: url.pathname,
          protocol: `HTTP/${request.httpVersion}`,
          sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        requestId,
        routeKey,
        stage: '$default',
        time: now.toUTCString(),
        timeEpoch: now.getTime(),
      };
      const cookies = request.headers.cookie?.split(';').map((c) => c.trim());
      const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: unknown } } = {
        version: '2.0',
        routeKey,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        ...(cookies ? { cookies } : {}),
        headers,
        ...(Object.keys(queryStringParameters).length ? { queryStringParameters } : {}),
        ...(route.parameterNames.length ? { pathParameters } : {}),
        requestContext,
        ...(raw.length ? { body: isText ? raw.toString('utf8') : raw.toString('base64') } : {}),
        isBase64Encoded: raw.length > 0 && !isText,
      };

      if (route.definition.auth === 'required') {
        authorizer ??= await load(authorizerEntry);
        const authorizerEvent = {
          version: '2.0',
          type: 'REQUEST',
          routeArn: `arn:aws:execute-api:eu-west-3:000000000000:local/$default/${method}${url.pathname}`,
          identitySource: [],
          routeKey,
          rawPath: url.pathname,
          rawQueryString: event.rawQueryString,
          ...(cookies ? { cookies } : {}),
          headers,
          queryStringParameters,
          requestContext: requestContext as APIGatewayRequestAuthorizerEventV2['requestContext'],
          pathParameters,
          stageVariables: {},
        } as unknown as APIGatewayRequestAuthorizerEventV2;
        const verdict = (await authorizer(authorizerEvent, lambdaContext('authorizer', randomUUID(), functionTimeoutMs))) as {
          isAuthorized: boolean;
          context?: Record<string, unknown>;
        };
        if (!verdict?.isAuthorized) return send(response, 403, JSON.stringify({ message: 'Forbidden' }));
        event.requestContext.authorizer = { lambda: verdict.context ?? {} };
      }

      route.handler ??= await load(route.definition.entry);
      const result = (await route.handler(event, lambdaContext(route.definition.id, requestId, functionTimeoutMs))) as APIGatewayProxyStructuredResultV2 | string;
      const structured: APIGatewayProxyStructuredResultV2 =
        typeof result === 'string' ? { statusCode: 200, body: result, headers: { 'content-type': 'application/json' } } : result;
      const outHeaders: Record<string, string | string[]> = { ...NOSNIFF, ...corsResponseHeaders(request.headers.origin) };
      for (const [name, value] of Object.entries(structured.headers ?? {})) outHeaders[name] = String(value);
      if (structured.cookies?.length) outHeaders['set-cookie'] = structured.cookies;
      response.writeHead(structured.statusCode ?? 200, outHeaders);
      response.end(structured.body ? Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8') : undefined);
      options.log?.({ method, path: url.pathname, status: structured.statusCode, ms: Date.now() - started });
    } catch (error) {
      // What API Gateway answers when the integration itself fails: no details leak.
      console.error(JSON.stringify({ level: 'error', message: 'integration failure', requestId, error: String((error as Error)?.stack ?? error) }));
      if (!response.headersSent) send(response, 500, JSON.stringify({ message: 'Internal Server Error' }));
      else response.end();
    }
  };
  // Whatever escapes a request (a socket gone while answering) ends that request, never the process.
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(JSON.stringify({ level: 'error', message: 'request failure', error: String((error as Error)?.stack ?? error) }));
      response.destroy();
    });
  });

  // Malformed requests node refuses before the handler (bad request line, header overflow): a 400
  // on that connection only; the server keeps serving the others.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\nContent-Length: 26\r\n\r\n{"message":"Bad Request"}\n');
  });

  return {
    server,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(`http://${urlHostOf(host)}:${typeof address === 'object' && address ? address.port : port}`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
