/**
 * Writes shared/messages/texts.generated.ts from the areas' fixed texts (shared/messages/texts.ts).
 * Run after changing a text: `npm run messages`.
 */
import { writeFileSync } from 'node:fs';
import { generatedTextsSource } from '../shared/messages/texts.ts';

writeFileSync(new URL('../shared/messages/texts.generated.ts', import.meta.url), generatedTextsSource());
console.log('wrote shared/messages/texts.generated.ts');
