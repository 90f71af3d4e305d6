/**
 * THE ROUTE MANIFEST: the single source of truth for the HTTP surface. The CDK stack creates one
 * Lambda function and one API route per entry, the local gateway mounts the same handlers, and
 * the OpenAPI document is generated from the same entries and their zod schemas.
 *
 * Handler files export `handler` and never import this file (it would pull every schema into
 * every bundle).
 */
import type { z } from 'zod';
import type { BucketName, TopicName } from './table.ts';
import * as el from '../shared/schemas/eventlite.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Surface = 'eventlite' | 'planninghub' | 'system';
/** `required`: the Lambda authorizer runs and the handler refuses anonymous callers. */
export type AuthMode = 'none' | 'required';
/** Rate classes of the PlanningHub spec: 100/min standard, 20/min critical. */
export type RateClass = 'none' | 'standard' | 'critical';
export type Access = 'read' | 'readwrite';

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
}

export interface RouteDefinition {
  /** PascalCase, unique: the CDK construct id and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway route path, parameters in braces. */
  path: string;
  /** Handler module relative to the project root; it exports `handler`. */
  entry: string;
  surface: Surface;
  auth: AuthMode;
  rateClass: RateClass;
  /** What the function may touch; the stack grants exactly this (least privilege). */
  access: {
    table?: Access;
    topics?: TopicName[];
    buckets?: Partial<Record<BucketName, Access>>;
  };
  memoryMb?: number;
  timeoutSeconds?: number;
  docs: {
    summary: string;
    description?: string;
    tags: string[];
    request?: { params?: z.ZodType; query?: z.ZodType; body?: z.ZodType };
    responses: Record<number, ResponseDoc>;
  };
}

const eventLiteErrors = {
  400: { description: 'Invalid data (the message and `details` name the field)', schema: el.errorSchema },
  401: { description: 'Unauthorized - Invalid or missing API key', schema: el.errorSchema },
} satisfies Record<number, ResponseDoc>;

const notFound = { description: 'Event not found', schema: el.errorSchema } satisfies ResponseDoc;
const notOwner = { description: "Forbidden - You don't own this event", schema: el.errorSchema } satisfies ResponseDoc;

export const routes: RouteDefinition[] = [
  {
    id: 'Health',
    method: 'GET',
    path: '/health',
    entry: 'functions/system/health.ts',
    surface: 'system',
    auth: 'none',
    rateClass: 'none',
    access: {},
    docs: { summary: 'Liveness probe', tags: ['System'], responses: { 200: { description: 'The API answers' } } },
  },
  {
    id: 'GetOpenApi',
    method: 'GET',
    path: '/api/v1/openapi',
    entry: 'functions/eventlite/openapi.ts',
    surface: 'eventlite',
    auth: 'none',
    rateClass: 'none',
    access: {},
    docs: {
      summary: 'OpenAPI 3.1 document of the EventLite API',
      description: 'For auto-discovery by LLM tools. No authentication.',
      tags: ['EventLite'],
      responses: { 200: { description: 'The OpenAPI 3.1 document (JSON)' } },
    },
  },
  {
    id: 'ListEvents',
    method: 'GET',
    path: '/api/v1/events',
    entry: 'functions/eventlite/list-events.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'read' },
    docs: {
      summary: "List the caller's organisation's events",
      description: 'Sorted by start date. Offset pagination; `limit` at most 100.',
      tags: ['EventLite'],
      request: { query: el.listEventsQuery },
      responses: {
        200: {
          description: 'A page of events',
          schema: el.dataOf(el.eventListItemSchema.array()).extend({ pagination: el.paginationSchema }),
        },
        ...eventLiteErrors,
      },
    },
  },
  {
    id: 'CreateEvent',
    method: 'POST',
    path: '/api/v1/events',
    entry: 'functions/eventlite/create-event.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Create an event',
      description: 'The slug is derived from the title (accents folded) and made unique.',
      tags: ['EventLite'],
      request: { body: el.createEventBody },
      responses: { 201: { description: 'Created', schema: el.dataOf(el.eventSchema) }, ...eventLiteErrors },
    },
  },
  {
    id: 'GetEvent',
    method: 'GET',
    path: '/api/v1/events/{id}',
    entry: 'functions/eventlite/get-event.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'read' },
    docs: {
      summary: 'Get an event by id or slug',
      tags: ['EventLite'],
      request: { params: el.eventIdParams },
      responses: { 200: { description: 'The event', schema: el.dataOf(el.eventDetailSchema) }, ...eventLiteErrors, 404: notFound },
    },
  },
  {
    id: 'UpdateEvent',
    method: 'PATCH',
    path: '/api/v1/events/{id}',
    entry: 'functions/eventlite/update-event.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Update an event (only the fields sent change)',
      description:
        'Status changes follow the state machine: DRAFT -> PUBLISHED | CANCELLED; PUBLISHED -> CLOSED | CANCELLED | DRAFT (no registrations); CLOSED -> PUBLISHED | CANCELLED; CANCELLED is final.',
      tags: ['EventLite'],
      request: { params: el.eventIdParams, body: el.updateEventBody },
      responses: {
        200: { description: 'The updated event', schema: el.dataOf(el.eventSchema) },
        ...eventLiteErrors,
        403: notOwner,
        404: notFound,
      },
    },
  },
  {
    id: 'DeleteEvent',
    method: 'DELETE',
    path: '/api/v1/events/{id}',
    entry: 'functions/eventlite/delete-event.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'readwrite' },
    timeoutSeconds: 29,
    docs: {
      summary: 'Delete an event and its registrations',
      tags: ['EventLite'],
      request: { params: el.eventIdParams },
      responses: {
        200: { description: 'Event deleted successfully', schema: el.messageSchema },
        ...eventLiteErrors,
        403: notOwner,
        404: notFound,
      },
    },
  },
  {
    id: 'CreateApiKey',
    method: 'POST',
    path: '/api/v1/api-keys',
    entry: 'functions/eventlite/create-api-key.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Issue an API key for the caller',
      description: 'The key is random (256 bits), shown once in this response, and stored only as a hash.',
      tags: ['EventLite'],
      request: { body: el.createApiKeyBody },
      responses: { 201: { description: 'The new key', schema: el.dataOf(el.createdApiKeySchema) }, ...eventLiteErrors },
    },
  },
  {
    id: 'ListApiKeys',
    method: 'GET',
    path: '/api/v1/api-keys',
    entry: 'functions/eventlite/list-api-keys.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'read' },
    docs: {
      summary: "List the caller's active API keys (never the secrets)",
      tags: ['EventLite'],
      responses: { 200: { description: 'The keys', schema: el.dataOf(el.apiKeySchema.array()) }, ...eventLiteErrors },
    },
  },
  {
    id: 'RevokeApiKey',
    method: 'DELETE',
    path: '/api/v1/api-keys/{id}',
    entry: 'functions/eventlite/revoke-api-key.ts',
    surface: 'eventlite',
    auth: 'required',
    rateClass: 'standard',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Revoke one of the caller\'s API keys; it stops working at once',
      tags: ['EventLite'],
      request: { params: el.apiKeyIdParams },
      responses: {
        200: { description: 'API key revoked successfully', schema: el.messageSchema },
        ...eventLiteErrors,
        404: { description: 'API key not found', schema: el.errorSchema },
      },
    },
  },
];

/** Functions that are not routes: the authorizer (and, later, the outbox publisher). */
export const authorizerEntry = 'functions/auth/authorizer.ts';
