/**
 * Every area's fixed texts, merged: read by `npm run messages` (which writes them into
 * texts.generated.ts) and by the tests, never by a function (define.ts says why).
 */
import { compressText } from '../compressed-text.ts';
import { httpTexts } from './http.ts';
import { identityTexts } from './identity.ts';
import { eventTexts } from './events.ts';
import { equipmentTexts } from './equipment.ts';
import { technicianTexts } from './technicians.ts';
import { imageTexts } from './images.ts';
import { shiftTexts } from './shifts.ts';
import { documentTexts } from './documents.ts';
import { webhookTexts } from './webhooks.ts';
import { registrationTexts } from './registrations.ts';

// Areas add their texts here, their templates in catalogue.ts.
export const areaTexts = [
  httpTexts,
  identityTexts,
  eventTexts,
  equipmentTexts,
  technicianTexts,
  imageTexts,
  shiftTexts,
  documentTexts,
  webhookTexts,
  registrationTexts,
] as const;

export type Intersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
export type Texts = Intersection<ReturnType<(typeof areaTexts)[number]>>;

export const allTexts = Object.assign({}, ...areaTexts.map((texts) => texts())) as Texts;

/**
 * The source of texts.generated.ts: the texts as JSON, brotli-compressed, in base64 (8 KB where
 * the texts as object literals took 21 KB of every bundle; define.ts says why bytes count). The
 * unit test compares what the file decodes to, not its bytes, which depend on zlib's version.
 */
export function generatedTextsSource(): string {
  const compressed = compressText(JSON.stringify(allTexts));
  return [
    '// Generated from the fixed texts of shared/messages/<area>.ts by `npm run messages`; do not edit.',
    '// Brotli-compressed JSON in base64: shared/messages/texts.ts and define.ts say why;',
    '// test/unit/message-catalogue.test.ts checks that it decodes to the texts as written.',
    `export const textsBrotliBase64 =\n  '${compressed}';`,
    '',
  ].join('\n');
}
