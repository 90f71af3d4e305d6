/** PlanningHub's own OpenAPI document (docs/openapi.md). */
import { planningHubRoutes } from './common.ts';
import { openApiDocumentSchema } from '../../../shared/schemas/openapi-docs.ts';

export const planningHubOpenApiRoutes = planningHubRoutes({ tag: 'PlanningHub: discovery' }, [
  {
    id: 'GetPlanningHubOpenApi',
    method: 'GET',
    path: '/v1/openapi',
    auth: 'none',
    // A discovery document: throttling it would only hide the API from client generators.
    rateClass: 'none',
    access: {},
    docs: {
      summary: 'OpenAPI 3.1 document of the PlanningHub API',
      description: 'For client generators (`npm run clients`). No authentication.',
      responses: { 200: { description: 'The OpenAPI 3.1 document (JSON)', schema: openApiDocumentSchema } },
    },
  },
]);
