/** `npm run openapi`: writes the OpenAPI documents GetOpenApi (EventLite) and GetPlanningHubOpenApi serve. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildEventLiteDocument } from '../shared/openapi/eventlite-document.ts';
import { buildPlanningHubDocument } from '../shared/openapi/planninghub-document.ts';

const target = fileURLToPath(new URL('../shared/openapi/eventlite.openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(buildEventLiteDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);

const planningHub = fileURLToPath(new URL('../shared/openapi/planninghub.openapi.json', import.meta.url));
writeFileSync(planningHub, `${JSON.stringify(buildPlanningHubDocument(), null, 2)}\n`);
console.log(`wrote ${planningHub}`);
