/**
 * Builds an OpenAPI 3.1 document from the route manifest and the zod schemas (zod's own JSON
 * Schema generator, draft 2020-12, which OpenAPI 3.1 uses). Named schemas (`.meta({ id })`)
 * become components; a route's anonymous schemas become components named after the route.
 */
import * as z from 'zod';
import type { RouteDefinition, Surface } from '../../lib/manifest.ts';

interface DocumentOptions {
  surface: Surface;
  title: string;
  version: string;
  description: string;
  serverUrl: string;
  security: 'bearerApiKey' | 'bearerJwt';
  /** Header parameters a route takes (PlanningHub: X-Organization-ID, X-Event-ID). */
  headers?: (route: RouteDefinition) => Record<string, unknown>[];
  /** What each tag of the surface's routes covers (every tag used must have one). */
  tags: Record<string, string>;
  contact: { name: string; url?: string; email?: string };
  license: { name: string; identifier?: string; url?: string };
  /** Request and response examples by operationId (shared/openapi/examples.ts). */
  examples?: Record<string, OperationExamples>;
}

export interface Example {
  summary: string;
  value: unknown;
}

export interface OperationExamples {
  request?: Record<string, Example>;
  responses?: Record<number, Record<string, Example>>;
}

/** Accepted on every idempotent route (docs/idempotency.md). */
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description: 'Any unique string (1-255 printable ASCII characters, a UUID for instance): a retry with the same key and body gets the first answer again (Idempotent-Replayed: true) instead of acting twice.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};

type JsonSchema = Record<string, unknown>;
const componentRef = (id: string) => `#/components/schemas/${id}`;

function idOf(schema: z.core.$ZodType): string | undefined {
  return z.globalRegistry.get(schema)?.id as string | undefined;
}

function toParameters(schema: z.core.$ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (required.has(name) && rest.default === undefined),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

export function buildOpenApiDocument(routes: RouteDefinition[], options: DocumentOptions) {
  const registry = z.registry<{ id: string }>();
  const register = (schema: z.core.$ZodType, fallbackId: string) => {
    if (!registry.has(schema)) registry.add(schema, { id: idOf(schema) ?? fallbackId });
    return registry.get(schema)!.id;
  };

  // Header parameters and response headers repeat on most operations: declared once as components
  // and referenced, the document (which GetOpenApi and GetPlanningHubOpenApi bundle) stays small.
  const sharedParameters: Record<string, unknown> = {};
  const sharedHeaders: Record<string, unknown> = {};
  const share = (into: Record<string, unknown>, kind: 'parameters' | 'headers', name: string, definition: Record<string, unknown>) => {
    const base = name.replace(/(^|-)(\w)/g, (_match, _dash, letter: string) => letter.toUpperCase());
    const id = [base, `${base}${definition.required ? 'Required' : 'Optional'}`].find((candidate) => !into[candidate] || JSON.stringify(into[candidate]) === JSON.stringify(definition));
    if (!id) throw new Error(`${kind} ${name}: more than two definitions`);
    into[id] = definition;
    return { $ref: `#/components/${kind}/${id}` };
  };
  const headerParameter = (parameter: Record<string, unknown>) => share(sharedParameters, 'parameters', String(parameter.name), parameter);

  const selected = routes.filter((route) => route.surface === options.surface);
  const paths: Record<string, Record<string, unknown>> = {};
  const inputs = z.registry<{ id: string }>();

  for (const route of selected) {
    const request = route.docs.request ?? {};
    let requestBody: unknown;
    if (request.body) {
      const id = idOf(request.body) ?? `${route.id}Input`;
      if (!inputs.has(request.body)) inputs.add(request.body, { id });
      const examples = options.examples?.[route.id]?.request;
      requestBody = { required: true, content: { 'application/json': { schema: { $ref: componentRef(inputs.get(request.body)!.id) }, ...(examples ? { examples } : {}) } } };
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(route.docs.responses)) {
      const examples = options.examples?.[route.id]?.responses?.[Number(status)];
      const headers = Object.entries(response.headers ?? {});
      responses[status] = {
        description: response.description,
        ...(headers.length
          ? { headers: Object.fromEntries(headers.map(([name, { required, ...header }]) => [name, share(sharedHeaders, 'headers', name, { ...header, ...(required ? { required } : {}) })])) }
          : {}),
        ...(response.schema
          ? { content: { 'application/json': { schema: { $ref: componentRef(register(response.schema, `${route.id}${status}Response`)) }, ...(examples ? { examples } : {}) } } }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = {
      operationId: route.id,
      summary: route.docs.summary,
      ...(route.docs.description ? { description: route.docs.description } : {}),
      tags: route.docs.tags,
      parameters: [
        ...toParameters(request.params, 'path'),
        ...toParameters(request.query, 'query'),
        ...(options.headers?.(route) ?? []).map(headerParameter),
        ...(route.idempotent ? [headerParameter(idempotencyKey)] : []),
      ],
      ...(requestBody ? { requestBody } : {}),
      responses,
      security: route.auth === 'required' ? [{ [options.security]: [] }] : [],
    };
  }

  // zod gathers named schemas nested in several components under `__shared.$defs`; lift them to
  // components of their own so every reference is a plain `#/components/schemas/<id>`.
  const strip = (schemas: Record<string, JsonSchema>): Record<string, JsonSchema> => {
    const { __shared: shared, ...rest } = schemas;
    const lifted = { ...rest, ...((shared?.$defs as Record<string, JsonSchema> | undefined) ?? {}) };
    const rewritten = JSON.parse(JSON.stringify(lifted).replaceAll(`${componentRef('__shared')}#/$defs/`, componentRef('')));
    return Object.fromEntries(
      Object.entries(rewritten as Record<string, JsonSchema>).map(([id, schema]) => {
        const { $schema: _schema, $id: _id, ...body } = schema;
        return [id, body];
      }),
    );
  };
  const outputSchemas = strip(z.toJSONSchema(registry, { io: 'output', uri: componentRef, unrepresentable: 'any' }).schemas as Record<string, JsonSchema>);
  const inputSchemas = strip(z.toJSONSchema(inputs, { io: 'input', uri: componentRef, unrepresentable: 'any' }).schemas as Record<string, JsonSchema>);

  return {
    openapi: '3.1.0',
    info: { title: options.title, version: options.version, description: options.description, contact: options.contact, license: options.license },
    servers: [{ url: options.serverUrl }],
    tags: [...new Set(selected.flatMap((route) => route.docs.tags))].map((name) => {
      const description = options.tags[name];
      if (!description) throw new Error(`tag "${name}" has no description`);
      return { name, description };
    }),
    paths,
    components: {
      schemas: { ...outputSchemas, ...inputSchemas },
      ...(Object.keys(sharedParameters).length ? { parameters: sharedParameters } : {}),
      ...(Object.keys(sharedHeaders).length ? { headers: sharedHeaders } : {}),
      securitySchemes: {
        [options.security]:
          options.security === 'bearerApiKey'
            ? { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer <API_KEY>. Get a key with POST /api/v1/api-keys.' }
            : { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      },
    },
  };
}
