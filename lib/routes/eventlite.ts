/**
 * EventLite (`/api/v1`): camelCase, `{"data": ...}`, errors `{"error": "message", "details"?}`,
 * API keys. Every route requires a key unless it says `auth: 'none'`.
 */
import { defineRoutes, type ResponseDoc } from './define.ts';
import { apiKeySchema, createdApiKeySchema, dataOf, eventDetailSchema, eventListItemSchema, eventSchema, messageSchema, paginationSchema, errorSchema } from '../../shared/schemas/eventlite-docs.ts';
import { createEventBody, listEventsQuery, updateEventBody } from '../../shared/schemas/eventlite.ts';
import { eventIdParams } from '../../shared/schemas/eventlite-params.ts';
import { apiKeyIdParams, createApiKeyBody } from '../../shared/schemas/api-keys.ts';
import { uploadJsonBody, uploadedImageSchema } from '../../shared/schemas/upload-docs.ts';
import { imageParams } from '../../shared/schemas/upload.ts';
import { createRegistrationBody, listRegistrationsQuery, registrationEventParams, registrationParams } from '../../shared/schemas/registrations.ts';
import { registrationSchema } from '../../shared/schemas/registrations-docs.ts';
import { openApiDocumentSchema } from '../../shared/schemas/openapi-docs.ts';

const errorDoc = (description: string): ResponseDoc => ({ description, schema: errorSchema });

const notFound = errorDoc('Event not found');
const notOwner = errorDoc(
  "Forbidden - You don't own this event (a stage manager who is not its organiser), or Forbidden - Insufficient role (admins change any event, stage managers their own)",
);

export const eventLiteRoutes = defineRoutes(
  {
    surface: 'eventlite',
    tag: 'EventLite',
    auth: 'required',
    rateClass: 'standard',
    authenticatedErrors: {
      400: errorDoc('Invalid data (the message and `details` name the field)'),
      401: errorDoc('Unauthorized - Invalid or missing API key'),
      403: errorDoc("Forbidden - the key's scopes do not allow this method (read for GET, write otherwise), X-Organization-ID names another organisation, or X-Event-ID names no event of the organisation"),
      429: errorDoc('Too many requests (Retry-After, RateLimit-* headers)'),
    },
    tableAccess: true,
    bodyErrors: { 413: errorDoc('Request body too large'), 415: errorDoc('Content-Type is not application/json') },
    errorDoc,
  },
  [
    {
      id: 'GetOpenApi',
      method: 'GET',
      path: '/api/v1/openapi',
      auth: 'none',
      // A discovery document: throttling it would only hide the API from LLM tools.
      rateClass: 'none',
      access: {},
      docs: {
        summary: 'OpenAPI 3.1 document of the EventLite API',
        description: 'For auto-discovery by LLM tools. No authentication.',
        responses: { 200: { description: 'The OpenAPI 3.1 document (JSON)', schema: openApiDocumentSchema } },
      },
    },
    {
      id: 'ListEvents',
      method: 'GET',
      path: '/api/v1/events',
      docs: {
        summary: "List the caller's organisation's events",
        description: 'Sorted by start date. Offset pagination; `limit` at most 100.',
        request: { query: listEventsQuery },
        responses: {
          200: {
            description: 'A page of events',
            schema: dataOf(eventListItemSchema.array()).extend({ pagination: paginationSchema }),
          },
        },
      },
    },
    {
      id: 'CreateEvent',
      method: 'POST',
      path: '/api/v1/events',
      docs: {
        summary: 'Create an event',
        description: 'The slug is derived from the title (accents folded) and made unique.',
        request: { body: createEventBody },
        responses: {
          201: { description: 'Created', schema: dataOf(eventSchema) },
          403: errorDoc('Forbidden - Insufficient role: one of stage_manager, admin is required'),
        },
      },
    },
    {
      id: 'GetEvent',
      method: 'GET',
      path: '/api/v1/events/{id}',
      docs: {
        summary: 'Get an event by id or slug',
        description:
          "`{id}` is the event's id or its slug. Any member of the organisation reads its events; another organisation's event is a 404. Adds the organiser and the registration counts.",
        request: { params: eventIdParams },
        responses: { 200: { description: 'The event', schema: dataOf(eventDetailSchema) }, 404: notFound },
      },
    },
    {
      id: 'UpdateEvent',
      method: 'PATCH',
      path: '/api/v1/events/{id}',
      docs: {
        summary: 'Update an event (only the fields sent change)',
        description:
          'Status changes follow the state machine: DRAFT -> PUBLISHED | CANCELLED; PUBLISHED -> CLOSED | CANCELLED | DRAFT (no registrations); CLOSED -> PUBLISHED | CANCELLED; CANCELLED is final.',
        request: { params: eventIdParams, body: updateEventBody },
        responses: {
          200: { description: 'The updated event', schema: dataOf(eventSchema) },
          403: notOwner,
          404: notFound,
        },
      },
    },
    {
      id: 'DeleteEvent',
      method: 'DELETE',
      path: '/api/v1/events/{id}',
      timeoutSeconds: 29,
      // Its documents' objects go with it (docs/documents.md).
      access: { table: 'readwrite', buckets: { riders: 'readwrite' } },
      docs: {
        summary: 'Delete an event and its registrations',
        description:
          "Admins, or the event's organiser while a stage manager. Its registrations are deleted with it (a deletion interrupted half way is finished by the next DELETE). 409 while a shift or an equipment booking still holds resources for the event (cancel them first).",
        request: { params: eventIdParams },
        responses: {
          200: { description: 'Event deleted successfully', schema: messageSchema },
          403: notOwner,
          404: notFound,
          409: errorDoc('Shifts or equipment bookings still hold resources for the event (details: shifts, bookings); cancel them first'),
        },
      },
    },
    {
      id: 'ListRegistrations',
      method: 'GET',
      path: '/api/v1/events/{id}/registrations',
      docs: {
        summary: "List an event's registrations (its organiser or an admin)",
        description: 'In arrival order. Offset pagination; `limit` at most 100. `waitlistPosition` is the rank in the live waitlist.',
        request: { params: registrationEventParams, query: listRegistrationsQuery },
        responses: {
          200: { description: 'A page of registrations', schema: dataOf(registrationSchema.array()).extend({ pagination: paginationSchema }) },
          403: notOwner,
          404: notFound,
        },
      },
    },
    {
      id: 'CreateRegistration',
      method: 'POST',
      path: '/api/v1/events/{id}/registrations',
      docs: {
        summary: 'Register someone for an event',
        description:
          'CONFIRMED while places are free (capacity null = unlimited), else WAITLISTED in arrival order when the event has a waitlist. ' +
          'One live registration per e-mail address (case-insensitive) and event.',
        request: { params: registrationEventParams, body: createRegistrationBody },
        responses: {
          201: { description: 'Registered', schema: dataOf(registrationSchema) },
          403: notOwner,
          404: notFound,
          409: errorDoc('Événement complet (full, no waitlist), registrations closed, event not published or cancelled, or the address is already registered'),
        },
      },
    },
    {
      id: 'ExportRegistrations',
      method: 'GET',
      path: '/api/v1/events/{id}/registrations/export.csv',
      docs: {
        summary: "Export an event's registrations as CSV (UTF-8 with BOM, RFC 4180)",
        description:
          "One line per registration, in arrival order. Personal data: admins, or the event's organiser while a stage manager. A value starting with `= + - @` or a tab is prefixed with `'` (CSV injection).",
        request: { params: registrationEventParams },
        responses: { 200: { description: 'text/csv: id, name, email, status, waitlistPosition, createdAt, promotedAt, cancelledAt', contentType: 'text/csv' }, 403: notOwner, 404: notFound },
      },
    },
    {
      id: 'GetRegistration',
      method: 'GET',
      path: '/api/v1/events/{id}/registrations/{registrationId}',
      docs: {
        summary: 'Get one registration',
        description:
          "With its waitlist position while waitlisted. Personal data: admins, or the event's organiser while a stage manager.",
        request: { params: registrationParams },
        responses: { 200: { description: 'The registration', schema: dataOf(registrationSchema) }, 403: notOwner, 404: errorDoc('Event or registration not found') },
      },
    },
    {
      id: 'CancelRegistration',
      method: 'DELETE',
      path: '/api/v1/events/{id}/registrations/{registrationId}',
      docs: {
        summary: 'Cancel a registration',
        description:
          'A confirmed registration hands its place to the first waitlisted one in the same transaction. Answers the cancelled registration (again, when it was already cancelled).',
        request: { params: registrationParams },
        responses: { 200: { description: 'The cancelled registration', schema: dataOf(registrationSchema) }, 403: notOwner, 404: errorDoc('Event or registration not found') },
      },
    },
    {
      id: 'CreateApiKey',
      method: 'POST',
      path: '/api/v1/api-keys',
      docs: {
        summary: 'Issue an API key for the caller',
        description:
          'The key is random (256 bits), shown once in this response, and stored only as a hash. It holds the scopes asked for ' +
          '(EventLite only by default) and expires when asked; a key issuing a key grants only scopes it holds, for no longer than it lives.',
        request: { body: createApiKeyBody },
        responses: {
          201: { description: 'The new key', schema: dataOf(createdApiKeySchema) },
          403: errorDoc('Scopes beyond those of the key making the request, or a key without eventlite:write'),
        },
      },
    },
    {
      id: 'ListApiKeys',
      method: 'GET',
      path: '/api/v1/api-keys',
      docs: {
        summary: "List the caller's active API keys (never the secrets)",
        description:
          "Prefix, name, scopes and expiry of each of the caller's keys; the secret is shown once, at creation, and stored only as a hash.",
        responses: { 200: { description: 'The keys', schema: dataOf(apiKeySchema.array()) } },
      },
    },
    {
      id: 'RevokeApiKey',
      method: 'DELETE',
      path: '/api/v1/api-keys/{id}',
      docs: {
        summary: 'Revoke one of the caller\'s API keys; it stops working at once',
        description:
          "Only the caller's own keys (another's is a 404); requests made with the key are refused from the next one on.",
        request: { params: apiKeyIdParams },
        responses: {
          200: { description: 'API key revoked successfully', schema: messageSchema },
          404: errorDoc('API key not found'),
        },
      },
    },
    {
      id: 'UploadImage',
      method: 'POST',
      path: '/api/v1/upload',
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
        request: { body: uploadJsonBody },
        responses: {
          201: { description: 'Uploaded', schema: dataOf(uploadedImageSchema) },
          400: errorDoc('No image, unsupported format, invalid base64, or URL refused or not downloadable'),
          413: errorDoc('Image larger than 4 MB'),
          415: errorDoc('Content-Type is neither multipart/form-data nor application/json'),
        },
      },
    },
    {
      id: 'GetImage',
      method: 'GET',
      path: '/api/v1/images/events/{userId}/{file}',
      auth: 'none',
      // Public and fetched by browsers and the public event pages, often many per page.
      rateClass: 'none',
      access: { buckets: { 'cover-images': 'read' } },
      docs: {
        summary: 'Get an uploaded image (public)',
        description:
          'The `url` returned by POST /api/v1/upload: `/api/v1/images/<pathname>`. No authentication, so event pages can show it. Immutable: cached for a year; `If-None-Match` gives 304.',
        request: { params: imageParams },
        responses: {
          200: { description: 'The image bytes, with their type (image/jpeg, image/png, image/gif or image/webp)', contentType: 'image/*' },
          304: { description: 'Not modified (If-None-Match)' },
          404: errorDoc('Image not found'),
        },
      },
    },
  ],
);
