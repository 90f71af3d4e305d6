/** The discovery routes' answer (GET /api/v1/openapi, GET /v1/openapi): for the route manifest's documentation only. */
import * as z from 'zod';

export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string().describe('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    servers: z.array(z.looseObject({ url: z.string() })).describe("This API's own address"),
    paths: z.record(z.string(), z.unknown()),
    components: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument' });
