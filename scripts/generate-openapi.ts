/** `npm run openapi`: writes the EventLite OpenAPI document the GetOpenApi function serves. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildEventLiteDocument } from '../shared/openapi/eventlite-document.ts';

const target = fileURLToPath(new URL('../shared/openapi/eventlite.openapi.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(buildEventLiteDocument(), null, 2)}\n`);
console.log(`wrote ${target}`);
