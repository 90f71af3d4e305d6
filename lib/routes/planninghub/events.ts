/** PlanningHub routes, events area: production events (`/v1/events`). Defaults in ./common.ts. */
import { createdProductionEventSchema, productionEventDetailSchema, productionEventPageSchema } from '../../../shared/schemas/planninghub-events-docs.ts';
import { createProductionEventBody, listProductionEventsQuery, productionEventIdParams, updateProductionEventBody } from '../../../shared/schemas/planninghub-events.ts';
import { errorDoc, planningHubRoutes } from './common.ts';

const noSuchEvent = errorDoc('No such event in this organisation');

export const productionEventRoutes = planningHubRoutes({ tag: 'PlanningHub: events' }, [
  {
    id: 'CreateProductionEvent',
    method: 'POST',
    path: '/v1/events',
    docs: {
      summary: 'Create a production event (stage managers, admins)',
      description:
        'The event starts in `planning` and appears on EventLite as a DRAFT (title = name, IN_PERSON, location from the venue) with a slug from the name. `start_date`/`end_date` are local dates in `timezone` (default Europe/Paris). The budget lines may not add up to more than the total.',
      request: { body: createProductionEventBody },
      responses: { 201: { description: 'Created', schema: createdProductionEventSchema } },
    },
  },
  {
    id: 'GetProductionEvent',
    method: 'GET',
    path: '/v1/events/{id}',
    docs: {
      summary: 'Get an event of the organisation, as a production',
      description: 'Events created on EventLite are shown too: venue and budget null, technical_requirements {}.',
      request: { params: productionEventIdParams },
      responses: {
        200: { description: 'The event', schema: productionEventDetailSchema },
        404: noSuchEvent,
      },
    },
  },
  {
    id: 'ListProductionEvents',
    method: 'GET',
    path: '/v1/events',
    docs: {
      summary: "List the organisation's events, sorted by start",
      description:
        'Cursor pagination: pass `next_cursor` as `cursor` until it is null. `from`/`to` keep the events whose local dates overlap the range. A page may hold fewer than `limit` results while `next_cursor` is not null.',
      request: { query: listProductionEventsQuery },
      responses: { 200: { description: 'A page of events', schema: productionEventPageSchema } },
    },
  },
  {
    id: 'UpdateProductionEvent',
    method: 'PATCH',
    path: '/v1/events/{id}',
    docs: {
      summary: 'Update a production event (admins, or its organiser while a stage manager); only the fields sent change',
      description:
        'venue, technical_requirements and budget are replaced whole. Status changes follow the EventLite state machine: planning -> published | cancelled; published -> closed | cancelled | planning (no registrations); closed -> published | cancelled; cancelled is final.',
      request: { params: productionEventIdParams, body: updateProductionEventBody },
      responses: {
        200: { description: 'The updated event', schema: productionEventDetailSchema },
        403: errorDoc('Not a member, INSUFFICIENT_ROLE, or NOT_EVENT_ORGANIZER (a stage manager changes only the events they organise)'),
        404: noSuchEvent,
        409: errorDoc('CONCURRENT_UPDATE: changed concurrently, retry'),
      },
    },
  },
]);
