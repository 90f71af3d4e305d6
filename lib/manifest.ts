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
import * as eventLiteRequests from '../shared/schemas/eventlite.ts';
import * as eventLiteResponses from '../shared/schemas/eventlite-docs.ts';
import * as identityRequests from '../shared/schemas/planninghub-identity.ts';
import * as identityResponses from '../shared/schemas/planninghub-identity-docs.ts';
import * as uploadRequests from '../shared/schemas/upload.ts';
import * as uploadResponses from '../shared/schemas/upload-docs.ts';
import * as productionRequests from '../shared/schemas/planninghub-events.ts';
import * as productionResponses from '../shared/schemas/planninghub-events-docs.ts';
import * as technicianRequests from '../shared/schemas/technicians.ts';
import * as technicianResponses from '../shared/schemas/technicians-docs.ts';
import * as equipmentRequests from '../shared/schemas/equipment.ts';
import * as equipmentResponses from '../shared/schemas/equipment-docs.ts';
import * as shiftRequests from '../shared/schemas/shifts.ts';
import * as shiftResponses from '../shared/schemas/shifts-docs.ts';
import * as checkinRequests from '../shared/schemas/checkin.ts';

// Request schemas are shared with the handlers; response schemas exist for the document only.
const el = { ...eventLiteRequests, ...eventLiteResponses };
const phi = { ...identityRequests, ...identityResponses };
const up = { ...uploadRequests, ...uploadResponses };
const phe = { ...productionRequests, ...productionResponses };
const pht = { ...technicianRequests, ...technicianResponses };
const eqp = { ...equipmentRequests, ...equipmentResponses };
const shf = { ...shiftRequests, ...shiftResponses, ...checkinRequests };

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Surface = 'eventlite' | 'planninghub' | 'system';
/** `required`: the Lambda authorizer runs and the handler refuses anonymous callers. */
export type AuthMode = 'none' | 'required';
export type Access = 'read' | 'readwrite';

export interface ResponseDoc {
  description: string;
  schema?: z.core.$ZodType;
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
  /** What the function may touch; the stack grants exactly this (least privilege). */
  access: {
    table?: Access;
    topics?: TopicName[];
    buckets?: Partial<Record<BucketName, Access>>;
  };
  memoryMb?: number;
  timeoutSeconds?: number;
  /** Gets the Auth0 login configuration (AUTH0_DOMAIN, AUTH0_CLIENT_ID...) from the stack. */
  usesIdentityProvider?: true;
  /**
   * Signs or verifies QR check-in links: the stack passes CHECKIN_TOKEN_SECRET_ARN, grants reading
   * that secret, and adds the Parameters and Secrets extension the function reads it through.
   */
  usesCheckinSecret?: true;
  docs: {
    summary: string;
    description?: string;
    tags: string[];
    request?: { params?: z.core.$ZodType; query?: z.core.$ZodType; body?: z.core.$ZodType };
    responses: Record<number, ResponseDoc>;
  };
}

const eventLiteErrors = {
  400: { description: 'Invalid data (the message and `details` name the field)', schema: el.errorSchema },
  401: { description: 'Unauthorized - Invalid or missing API key', schema: el.errorSchema },
} satisfies Record<number, ResponseDoc>;

/** The errors every authenticated PlanningHub endpoint may answer. */
const planningHubErrors = {
  400: { description: 'Invalid data, or X-Organization-ID missing', schema: phi.planningHubError },
  401: { description: 'Missing, invalid or expired token', schema: phi.planningHubError },
  403: { description: 'Not a member of the organisation, or role not allowed', schema: phi.planningHubError },
  429: { description: 'RATE_LIMIT_EXCEEDED', schema: phi.planningHubError },
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
    access: {},
    docs: { summary: 'Liveness probe', tags: ['System'], responses: { 200: { description: 'The API answers' } } },
  },
  {
    id: 'GetOpenApi',
    method: 'GET',
    path: '/api/v1/openapi',
    entry: 'functions/eventlite/get-open-api.ts',
    surface: 'eventlite',
    auth: 'none',
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
  {
    id: 'UploadImage',
    method: 'POST',
    path: '/api/v1/upload',
    entry: 'functions/eventlite/upload-image.ts',
    surface: 'eventlite',
    auth: 'required',
    access: { table: 'readwrite', buckets: { 'cover-images': 'readwrite' } },
    // Room for the 5 s remote download plus the write to S3.
    timeoutSeconds: 15,
    docs: {
      summary: 'Upload a cover image (JPEG, PNG, GIF or WebP, 4 MB max)',
      description: [
        'Three methods:',
        '1. `multipart/form-data` with the image in a `file` field (`curl -F "file=@./mon-image.jpg"`);',
        '2. JSON `{"url": "https://..."}`: the API downloads the image (https only, public hosts only, at most 3 redirects, 5 s, 4 MB);',
        '3. JSON `{"base64": "data:image/png;base64,..."}`.',
        'The format is read from the file\'s bytes, never from the declared type or name. The returned `url` serves the image',
        '(GET /api/v1/images/...) and can be used as an event\'s `coverImage`.',
      ].join('\n'),
      tags: ['EventLite'],
      request: { body: up.uploadJsonBody },
      responses: {
        201: { description: 'Uploaded', schema: el.dataOf(up.uploadedImageSchema) },
        400: { description: 'No image, unsupported format, invalid base64, or URL refused or not downloadable', schema: el.errorSchema },
        401: eventLiteErrors[401],
        413: { description: 'Image larger than 4 MB', schema: el.errorSchema },
        415: { description: 'Content-Type is neither multipart/form-data nor application/json', schema: el.errorSchema },
      },
    },
  },
  {
    id: 'GetImage',
    method: 'GET',
    path: '/api/v1/images/events/{userId}/{file}',
    entry: 'functions/eventlite/get-image.ts',
    surface: 'eventlite',
    auth: 'none',
    access: { buckets: { 'cover-images': 'read' } },
    docs: {
      summary: 'Get an uploaded image (public)',
      description:
        'The `url` returned by POST /api/v1/upload: `/api/v1/images/<pathname>`. No authentication, so event pages can show it. Immutable: cached for a year; `If-None-Match` gives 304.',
      tags: ['EventLite'],
      request: { params: up.imageParams },
      responses: {
        200: { description: 'The image bytes, with their type (image/jpeg, image/png, image/gif or image/webp)' },
        304: { description: 'Not modified (If-None-Match)' },
        404: { description: 'Image not found', schema: el.errorSchema },
      },
    },
  },
  {
    id: 'Login',
    method: 'POST',
    path: '/v1/auth/login',
    entry: 'functions/planninghub/login.ts',
    surface: 'planninghub',
    auth: 'none',
    access: { table: 'readwrite' },
    usesIdentityProvider: true,
    docs: {
      summary: 'Log in (with the organisation and, optionally, event context)',
      description:
        'Exchanges the credentials with Auth0 when configured, with the development issuer otherwise. A wrong e-mail and a wrong password give the same 401; 5 failures lock the address for 15 minutes (429 with Retry-After).',
      tags: ['PlanningHub: identity'],
      request: { body: phi.loginBody },
      responses: {
        200: { description: 'An access token and the user', schema: phi.loginResponse },
        400: { description: 'Invalid data', schema: phi.planningHubError },
        401: { description: 'Incorrect e-mail or password', schema: phi.planningHubError },
        403: { description: 'Not a member of the organisation, or event not in it', schema: phi.planningHubError },
        429: { description: 'Too many attempts', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'GetCurrentUser',
    method: 'GET',
    path: '/v1/users/me',
    entry: 'functions/planninghub/get-current-user.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'The caller, with roles, specializations, availability, contract and current events',
      tags: ['PlanningHub: identity'],
      responses: { 200: { description: 'The current user', schema: phi.currentUserResponse }, ...planningHubErrors },
    },
  },
  {
    id: 'ListMembers',
    method: 'GET',
    path: '/v1/members',
    entry: 'functions/planninghub/list-members.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: "The organisation's members and their roles (stage managers, admins)",
      tags: ['PlanningHub: organisation'],
      responses: { 200: { description: 'Members', schema: phi.membersListResponse }, ...planningHubErrors },
    },
  },
  {
    id: 'AddMember',
    method: 'POST',
    path: '/v1/members',
    entry: 'functions/planninghub/add-member.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Add or invite a member by e-mail (admins)',
      tags: ['PlanningHub: organisation'],
      request: { body: phi.addMemberBody },
      responses: {
        201: { description: 'The member', schema: phi.memberSchema },
        ...planningHubErrors,
        409: { description: 'Already a member', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'UpdateMember',
    method: 'PATCH',
    path: '/v1/members/{user_id}',
    entry: 'functions/planninghub/update-member.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: "Change a member's roles (admins)",
      tags: ['PlanningHub: organisation'],
      request: { params: phi.memberParams, body: phi.updateMemberBody },
      responses: {
        200: { description: 'The member', schema: phi.memberSchema },
        ...planningHubErrors,
        404: { description: 'Not a member', schema: phi.planningHubError },
        409: { description: 'Would leave the organisation without an admin', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'RemoveMember',
    method: 'DELETE',
    path: '/v1/members/{user_id}',
    entry: 'functions/planninghub/remove-member.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Remove a member (admins); access ends with the next request',
      tags: ['PlanningHub: organisation'],
      request: { params: phi.memberParams },
      responses: {
        200: { description: 'Removed' },
        ...planningHubErrors,
        404: { description: 'Not a member', schema: phi.planningHubError },
        409: { description: 'Would leave the organisation without an admin', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CreateProductionEvent',
    method: 'POST',
    path: '/v1/events',
    entry: 'functions/planninghub/create-production-event.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Create a production event (stage managers, admins)',
      description:
        'The event starts in `planning` and appears on EventLite as a DRAFT (title = name, IN_PERSON, location from the venue) with a slug from the name. `start_date`/`end_date` are local dates in `timezone` (default Europe/Paris). The budget lines may not add up to more than the total.',
      tags: ['PlanningHub: events'],
      request: { body: phe.createProductionEventBody },
      responses: { 201: { description: 'Created', schema: phe.createdProductionEventSchema }, ...planningHubErrors },
    },
  },
  {
    id: 'GetProductionEvent',
    method: 'GET',
    path: '/v1/events/{id}',
    entry: 'functions/planninghub/get-production-event.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'Get an event of the organisation, as a production',
      description: 'Events created on EventLite are shown too: venue and budget null, technical_requirements {}.',
      tags: ['PlanningHub: events'],
      request: { params: phe.productionEventIdParams },
      responses: {
        200: { description: 'The event', schema: phe.productionEventDetailSchema },
        ...planningHubErrors,
        404: { description: 'No such event in this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'ListProductionEvents',
    method: 'GET',
    path: '/v1/events',
    entry: 'functions/planninghub/list-production-events.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: "List the organisation's events, sorted by start",
      description:
        'Cursor pagination: pass `next_cursor` as `cursor` until it is null. `from`/`to` keep the events whose local dates overlap the range. A page may hold fewer than `limit` results while `next_cursor` is not null.',
      tags: ['PlanningHub: events'],
      request: { query: phe.listProductionEventsQuery },
      responses: { 200: { description: 'A page of events', schema: phe.productionEventPageSchema }, ...planningHubErrors },
    },
  },
  {
    id: 'UpdateProductionEvent',
    method: 'PATCH',
    path: '/v1/events/{id}',
    entry: 'functions/planninghub/update-production-event.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Update a production event (stage managers, admins); only the fields sent change',
      description:
        'venue, technical_requirements and budget are replaced whole. Status changes follow the EventLite state machine: planning -> published | cancelled; published -> closed | cancelled | planning (no registrations); closed -> published | cancelled; cancelled is final.',
      tags: ['PlanningHub: events'],
      request: { params: phe.productionEventIdParams, body: phe.updateProductionEventBody },
      responses: {
        200: { description: 'The updated event', schema: phe.productionEventDetailSchema },
        ...planningHubErrors,
        404: { description: 'No such event in this organisation', schema: phi.planningHubError },
        409: { description: 'CONCURRENT_UPDATE: changed concurrently, retry', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'ListTechnicians',
    method: 'GET',
    path: '/v1/technicians',
    entry: 'functions/planninghub/list-technicians.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: "The organisation's technician profiles, filtered (stage managers, admins)",
      description:
        'Members with a technician profile, sorted by name. `skill` and `min_level` must be met by one skill; `certification` is held on any skill and valid on `valid_on` (default: today in the organisation time zone). Availability is left out: GET /v1/availability reads it by date range.',
      tags: ['PlanningHub: technicians'],
      request: { query: pht.listTechniciansQuery },
      responses: { 200: { description: 'Technicians', schema: pht.technicianListResponse }, ...planningHubErrors },
    },
  },
  {
    id: 'GetTechnician',
    method: 'GET',
    path: '/v1/technicians/{user_id}',
    entry: 'functions/planninghub/get-technician.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'A technician profile (stage managers, admins, or the technician themself)',
      tags: ['PlanningHub: technicians'],
      request: { params: pht.technicianParams },
      responses: {
        200: { description: 'The profile', schema: pht.technicianSchema },
        ...planningHubErrors,
        404: { description: 'No profile, or not a member of this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'PutTechnician',
    method: 'PUT',
    path: '/v1/technicians/{user_id}',
    entry: 'functions/planninghub/put-technician.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: "Create or replace a member's skills, certifications and contract (stage managers, admins)",
      description:
        'Skills are grouped into specializations by their category. Availability is the technician\'s own (PATCH /v1/users/me/availability) and is kept. A stage manager cannot edit their own profile (403 OWN_PROFILE_FORBIDDEN); an admin can.',
      tags: ['PlanningHub: technicians'],
      request: { params: pht.technicianParams, body: pht.putTechnicianBody },
      responses: {
        200: { description: 'Replaced', schema: pht.technicianSchema },
        201: { description: 'Created', schema: pht.technicianSchema },
        ...planningHubErrors,
        404: { description: 'Not a member of this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'UpdateCurrentUser',
    method: 'PATCH',
    path: '/v1/users/me',
    entry: 'functions/planninghub/update-current-user.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: "The caller's own contact details (first name, last name, phone)",
      description: 'Only these fields: contract, skills, roles and e-mail are refused (400, the field named). The answer is GET /v1/users/me.',
      tags: ['PlanningHub: identity'],
      request: { body: pht.updateMeBody },
      responses: { 200: { description: 'The current user', schema: phi.currentUserResponse }, ...planningHubErrors },
    },
  },
  {
    id: 'UpdateAvailability',
    method: 'PATCH',
    path: '/v1/users/me/availability',
    entry: 'functions/planninghub/update-availability.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: "Set or clear the caller's availability on some dates",
      description:
        "Dates and `HH:MM-HH:MM` ranges are local to the organisation's time zone (default Europe/Paris); `14:00-03:00` ends the next morning; overlapping ranges of a date are merged. Dates not sent are kept. A warning names each shift of the caller that overlaps a date's ranges.",
      tags: ['PlanningHub: identity'],
      request: { body: pht.availabilityPatchInput },
      responses: {
        200: { description: 'The dates sent, as stored', schema: pht.availabilityPatchResponse },
        ...planningHubErrors,
        400: { description: 'INVALID_TIME_RANGE (every bad date and range in `details`), or invalid data', schema: pht.invalidTimeRangeError },
      },
    },
  },
  {
    id: 'GetTeamAvailability',
    method: 'GET',
    path: '/v1/availability',
    entry: 'functions/planninghub/get-team-availability.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: "The technicians' declared availability between two dates (stage managers, admins)",
      description: 'Per technician: the declared ranges of each date from `from` to `to` (at most 92 days), and the same as UTC instants.',
      tags: ['PlanningHub: technicians'],
      request: { query: pht.teamAvailabilityQuery },
      responses: { 200: { description: 'Availability per technician', schema: pht.teamAvailabilityResponse }, ...planningHubErrors },
    },
  },
  {
    id: 'ListEquipment',
    method: 'GET',
    path: '/v1/equipment',
    entry: 'functions/planninghub/list-equipment.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'List equipment with its availability timeline over a window',
      description:
        "Filters: `category`, `subcategory`, the window `start_time`/`end_time` (RFC 3339; UTC without an offset; at most 31 days; default: the organisation's current day). Each item's `availability` is contiguous `available` / `booked` (with `event_id`) / `maintenance` segments covering the window, in the organisation's offset. Sorted by category, subcategory, id; cursor pagination beyond the spec: `limit` (1-50, default 20) and `cursor` = the previous page's `next_cursor`. `status=retired` lists retired items. See docs/equipment.md.",
      tags: ['PlanningHub: equipment'],
      request: { query: eqp.listEquipmentQuery },
      responses: {
        200: { description: 'A page of equipment', schema: eqp.equipmentPageSchema },
        ...planningHubErrors,
        400: { description: 'INVALID_TIME_RANGE (malformed, reversed or too long window), or invalid data', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CreateEquipment',
    method: 'POST',
    path: '/v1/equipment',
    entry: 'functions/planninghub/create-equipment.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Add an item to the catalogue (admins)',
      description: '`kind: "unit"` for one physical item, `kind: "bulk"` with `quantity_total` for a stock. Maintenance dates are local dates.',
      tags: ['PlanningHub: equipment'],
      request: { body: eqp.createEquipmentBody },
      responses: { 201: { description: 'Created', schema: eqp.equipmentSchema }, ...planningHubErrors },
    },
  },
  {
    id: 'GetEquipmentAvailability',
    method: 'GET',
    path: '/v1/equipment/availability',
    entry: 'functions/planninghub/get-equipment-availability.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'Free and busy intervals of a selection of equipment over a window, with counts per subcategory',
      description:
        'The window (`start_time`, `end_time`) is required; the selection is `category` and/or `subcategory`, or `ids=eq_101,eq_102` (at most 100 items). Per item: `free` intervals (with the free quantity), `busy` bookings and maintenance, and `available` = free during the whole window. `summary`: per subcategory, `available` of `total` (units count one each, stocks their quantities). Critical rate class (20/min).',
      tags: ['PlanningHub: equipment'],
      request: { query: eqp.equipmentAvailabilityQuery },
      responses: {
        200: { description: 'Availability', schema: eqp.equipmentAvailabilitySchema },
        ...planningHubErrors,
        400: { description: 'INVALID_TIME_RANGE, SELECTION_TOO_LARGE, or invalid data', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'BookEquipment',
    method: 'POST',
    path: '/v1/equipment/book',
    entry: 'functions/planninghub/book-equipment.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Book equipment for an event (stage managers, admins), never twice',
      description:
        'Half-open `[start_time, end_time)`, at most 7 days. Bulk items book a `quantity` of their stock. A MAINTENANCE_DUE warning when the next maintenance is 60 days or less after the start. Critical rate class (20/min). Accepts Idempotency-Key.',
      tags: ['PlanningHub: equipment'],
      request: { body: eqp.bookEquipmentBody },
      responses: {
        201: { description: 'Booked', schema: eqp.bookedEquipmentSchema },
        ...planningHubErrors,
        400: { description: 'INVALID_TIME_RANGE (malformed, end <= start, longer than 7 days), or invalid data', schema: phi.planningHubError },
        404: { description: 'No such equipment, event or technician in this organisation', schema: phi.planningHubError },
        409: {
          description: 'RESOURCE_CONFLICT (details name the colliding booking), EQUIPMENT_RETIRED, EVENT_CANCELLED, CONCURRENT_UPDATE',
          schema: phi.planningHubError,
        },
        422: { description: 'MAINTENANCE_OVERDUE, SKILL_MISMATCH', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'GetEquipmentBooking',
    method: 'GET',
    path: '/v1/equipment/bookings/{booking_id}',
    entry: 'functions/planninghub/get-equipment-booking.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'An equipment booking, confirmed or cancelled',
      tags: ['PlanningHub: equipment'],
      request: { params: eqp.bookingIdParams },
      responses: {
        200: { description: 'The booking', schema: eqp.bookingSchema },
        ...planningHubErrors,
        404: { description: 'No such booking in this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CancelEquipmentBooking',
    method: 'DELETE',
    path: '/v1/equipment/bookings/{booking_id}',
    entry: 'functions/planninghub/cancel-equipment-booking.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Cancel an equipment booking and free its slot (stage managers, admins)',
      description: 'The booking stays readable with status `cancelled`; cancelling it again answers the same.',
      tags: ['PlanningHub: equipment'],
      request: { params: eqp.bookingIdParams },
      responses: {
        200: { description: 'The cancelled booking', schema: eqp.bookingSchema },
        ...planningHubErrors,
        404: { description: 'No such booking in this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'GetEquipment',
    method: 'GET',
    path: '/v1/equipment/{id}',
    entry: 'functions/planninghub/get-equipment.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'One item, with its availability timeline over a window',
      description: "Same item shape as GET /v1/equipment; retired items too. Window as there (default: the organisation's current day).",
      tags: ['PlanningHub: equipment'],
      request: { params: eqp.equipmentIdParams, query: eqp.equipmentWindowQuery },
      responses: {
        200: { description: 'The item', schema: eqp.equipmentSchema },
        ...planningHubErrors,
        404: { description: 'No such equipment in this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'UpdateEquipment',
    method: 'PATCH',
    path: '/v1/equipment/{id}',
    entry: 'functions/planninghub/update-equipment.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Update an item (admins); only the fields sent change',
      description: '`kind` cannot change. Lowering a stock below what is booked at some moment from now on is a 409 RESOURCE_CONFLICT.',
      tags: ['PlanningHub: equipment'],
      request: { params: eqp.equipmentIdParams, body: eqp.updateEquipmentBody },
      responses: {
        200: { description: 'The updated item', schema: eqp.equipmentSchema },
        ...planningHubErrors,
        404: { description: 'No such equipment in this organisation', schema: phi.planningHubError },
        409: { description: 'RESOURCE_CONFLICT (stock in use), CONCURRENT_UPDATE', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'RetireEquipment',
    method: 'DELETE',
    path: '/v1/equipment/{id}',
    entry: 'functions/planninghub/retire-equipment.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Retire an item (admins): soft, keeps its history, refuses new bookings',
      description: 'Its bookings stay as they are (cancel them one by one if needed). Retiring a retired item answers the same.',
      tags: ['PlanningHub: equipment'],
      request: { params: eqp.equipmentIdParams },
      responses: {
        200: { description: 'The retired item', schema: eqp.equipmentSchema },
        ...planningHubErrors,
        404: { description: 'No such equipment in this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CreateShift',
    method: 'POST',
    path: '/v1/shifts',
    entry: 'functions/planninghub/create-shift.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Create a shift with its technicians and equipment (stage managers, admins)',
      description:
        'Every resource is held over [call_time, end_time) in one transaction, or none. A resource already taken is a 409 RESOURCE_CONFLICT with `conflict_with` and `suggested_actions` (reschedule, alternative technicians); with `conflict_policy: "flag"` the shift is created `pending` instead, holding only its free resources. Labour law (IDCC 2717 by default): 422 LABOR_LAW_VIOLATION; near misses and same-day shifts are warnings. The cost is computed from the contracts and equipment rates; a client `economic_value` must add up. Critical rate class (20/min). Accepts Idempotency-Key. See docs/shifts.md.',
      tags: ['PlanningHub: shifts'],
      request: { body: shf.createShiftBody },
      responses: {
        201: { description: 'Created (confirmed, or pending with its conflicts)', schema: shf.createdShiftSchema },
        ...planningHubErrors,
        400: { description: 'INVALID_TIME_RANGE (malformed or reversed times, call_time after start_time, breaks outside the shift, over 24 h), VALIDATION_ERROR (economic_value.total_amount, resources), TRANSACTION_TOO_LARGE', schema: phi.planningHubError },
        404: { description: 'No such event, technician (member) or equipment in this organisation', schema: phi.planningHubError },
        409: { description: 'RESOURCE_CONFLICT (details: conflict_with, suggested_actions), EVENT_CANCELLED, EQUIPMENT_RETIRED, CONCURRENT_UPDATE', schema: phi.planningHubError },
        422: { description: 'SKILL_MISMATCH, LABOR_LAW_VIOLATION (details: rule, limit, actual, source, technician_id), MAINTENANCE_OVERDUE', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'ListShifts',
    method: 'GET',
    path: '/v1/shifts',
    entry: 'functions/planninghub/list-shifts.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    docs: {
      summary: 'List shifts by event, technician, role and dates; `mine=true` for the caller\'s own',
      description:
        'Sorted by start. Technicians list their own shifts only (`mine=true`); planners any. `from`/`to` are local dates of the start. Cancelled shifts only with `status=cancelled`. Cursor pagination: `limit` (1-100, default 20), `cursor` = the previous `next_cursor`; a page may hold fewer results while `next_cursor` is not null.',
      tags: ['PlanningHub: shifts'],
      request: { query: shf.listShiftsQuery },
      responses: { 200: { description: 'A page of shifts', schema: shf.shiftPageSchema }, ...planningHubErrors },
    },
  },
  {
    id: 'GetShift',
    method: 'GET',
    path: '/v1/shifts/{id}',
    entry: 'functions/planninghub/get-shift.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'read' },
    usesCheckinSecret: true,
    docs: {
      summary: 'A shift with its resources, costs, technical sheets and conflicts (planners, or its technicians)',
      description:
        "`qrcode`: the caller's own check-in/check-out links when they are a technician of the shift (null otherwise); planners also get `qrcodes`, every technician's. Each technician's `actual` times and cost, and `planned_versus_actual`. The ETag header is the planning version (check-ins do not move it).",
      tags: ['PlanningHub: shifts'],
      request: { params: shf.shiftIdParams },
      responses: {
        200: { description: 'The shift', schema: shf.shiftWithAttendanceSchema },
        ...planningHubErrors,
        404: { description: 'No such shift in this organisation', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'UpdateShift',
    method: 'PATCH',
    path: '/v1/shifts/{id}',
    entry: 'functions/planninghub/update-shift.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Change a shift (stage managers, admins); every check runs again',
      description:
        'Optimistic concurrency: `version` in the body or `If-Match: "<version>"` (428 without either, 412 PRECONDITION_FAILED when stale). Fields sent replace; `start_time` alone moves the whole shift. Old and new allocations change in one transaction. `status: "cancelled"` cancels; `status: "confirmed"` asks for every resource now (409 if one is still taken).',
      tags: ['PlanningHub: shifts'],
      request: { params: shf.shiftIdParams, body: shf.updateShiftBody },
      responses: {
        200: { description: 'The changed shift, with warnings', schema: shf.updatedShiftSchema },
        ...planningHubErrors,
        404: { description: 'No such shift, or a resource unknown', schema: phi.planningHubError },
        409: { description: 'RESOURCE_CONFLICT, SHIFT_CANCELLED, EVENT_CANCELLED, EQUIPMENT_RETIRED, CONCURRENT_UPDATE', schema: phi.planningHubError },
        412: { description: 'PRECONDITION_FAILED: the shift changed since that version', schema: phi.planningHubError },
        422: { description: 'SKILL_MISMATCH, LABOR_LAW_VIOLATION, MAINTENANCE_OVERDUE', schema: phi.planningHubError },
        428: { description: 'PRECONDITION_REQUIRED: send version or If-Match', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CancelShift',
    method: 'DELETE',
    path: '/v1/shifts/{id}',
    entry: 'functions/planninghub/cancel-shift.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    docs: {
      summary: 'Cancel a shift and free its resources at once (stage managers, admins)',
      description: 'The shift stays readable with status `cancelled`; its amount leaves its budget line. `If-Match` is honoured when sent. Cancelling again answers the same.',
      tags: ['PlanningHub: shifts'],
      request: { params: shf.shiftIdParams },
      responses: {
        200: { description: 'The cancelled shift', schema: shf.shiftDetailSchema },
        ...planningHubErrors,
        404: { description: 'No such shift in this organisation', schema: phi.planningHubError },
        412: { description: 'PRECONDITION_FAILED (If-Match)', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CheckInShift',
    method: 'POST',
    path: '/v1/shifts/{id}/checkin',
    entry: 'functions/planninghub/check-in-shift.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    usesCheckinSecret: true,
    docs: {
      summary: 'Check in on a shift through its QR link (the technician the link was issued to)',
      description:
        "The body carries the `token` of the caller's `qrcode.checkin_url` (GET /v1/shifts/{id}). Accepted from 2 h before the call time to the end of the shift; the time is recorded once, to the second. See docs/shifts.md, section QR check-in.",
      tags: ['PlanningHub: shifts'],
      request: { params: shf.shiftIdParams, body: shf.checkinBody },
      responses: {
        200: { description: 'Recorded, or already recorded by an earlier call (`already_recorded: true`, the first time)', schema: shf.checkinResultSchema },
        ...planningHubErrors,
        403: { description: 'INVALID_CHECKIN_TOKEN (details.reason: malformed, unknown_key, bad_signature, expired, wrong_shift, wrong_technician, wrong_action), NOT_ON_SHIFT, or not a member', schema: phi.planningHubError },
        404: { description: 'No such shift in this organisation', schema: phi.planningHubError },
        409: { description: 'OUTSIDE_CHECKIN_WINDOW (details: opens_at, closes_at), SHIFT_CANCELLED', schema: phi.planningHubError },
      },
    },
  },
  {
    id: 'CheckOutShift',
    method: 'POST',
    path: '/v1/shifts/{id}/checkout',
    entry: 'functions/planninghub/check-out-shift.ts',
    surface: 'planninghub',
    auth: 'required',
    access: { table: 'readwrite' },
    usesCheckinSecret: true,
    docs: {
      summary: 'Check out of a shift through its QR link (the technician the link was issued to)',
      description:
        "The body carries the `token` of the caller's `qrcode.checkout_url`. Accepted after the check-in until 12 h after the end of the shift; the time is recorded once, to the second, and the actual hours feed the cost GET shows. See docs/shifts.md, section QR check-in.",
      tags: ['PlanningHub: shifts'],
      request: { params: shf.shiftIdParams, body: shf.checkinBody },
      responses: {
        200: { description: 'Recorded, or already recorded by an earlier call (`already_recorded: true`, the first time)', schema: shf.checkinResultSchema },
        ...planningHubErrors,
        403: { description: 'INVALID_CHECKIN_TOKEN (details.reason: malformed, unknown_key, bad_signature, expired, wrong_shift, wrong_technician, wrong_action), NOT_ON_SHIFT, or not a member', schema: phi.planningHubError },
        404: { description: 'No such shift in this organisation', schema: phi.planningHubError },
        409: { description: 'CHECK_IN_REQUIRED, OUTSIDE_CHECKIN_WINDOW, SHIFT_CANCELLED', schema: phi.planningHubError },
      },
    },
  },
];

/** Functions that are not routes: the authorizer (and, later, the outbox publisher). */
export const authorizerEntry = 'functions/auth/authorizer.ts';
