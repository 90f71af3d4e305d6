/**
 * The one message catalogue: every error and warning code with its French and English text.
 * Entries live per area (shared/messages/<area>.ts) and are assembled here; a test checks that
 * every code has both languages and that the French is written with its accents.
 *
 * An entry is a text in both languages (`<area>Texts`), a template taking parameters
 * (`<area>Templates`), or a sentence a seed imposes verbatim in every language
 * (`verbatim('Event not found')`). A code that needs several sentences keys them as
 * `CODE.variant` (e.g. `NOT_FOUND.member`); the error still carries `CODE`. Errors are built from a key: `DomainError.of('conflict', 'LAST_ADMIN')`,
 * `HttpError.of(404, 'NOT_FOUND.image')`.
 */
export { verbatim, defineTexts, defineTemplates, withParams, type Language, type Text, type Entry } from './define.ts';
import { PLACEHOLDER, type Entry, type ParamText, type Text } from './define.ts';
import type { Intersection, Texts } from './texts.ts';
import { textsBrotliBase64 } from './texts.generated.ts';
import { decompressText } from '../compressed-text.ts';
import { httpTemplates } from './http.ts';
import { identityTemplates } from './identity.ts';
import { eventTemplates } from './events.ts';
import { equipmentTemplates } from './equipment.ts';
import { technicianTemplates } from './technicians.ts';
import { imageTemplates } from './images.ts';
import { shiftTemplates } from './shifts.ts';
import { documentTemplates } from './documents.ts';
import { webhookTemplates } from './webhooks.ts';
import { registrationTemplates } from './registrations.ts';

// Areas add their templates here, their fixed texts in texts.ts.
export const templateAreas = [
  httpTemplates,
  identityTemplates,
  eventTemplates,
  equipmentTemplates,
  technicianTemplates,
  imageTemplates,
  shiftTemplates,
  documentTemplates,
  webhookTemplates,
  registrationTemplates,
] as const;

type Templates = Intersection<(typeof templateAreas)[number]>;
const templates = Object.assign({}, ...templateAreas) as Templates;

type Catalogue = Texts & Templates;
export type MessageKey = keyof Catalogue;

let texts: Record<string, Text> | undefined;
/** The fixed texts, parsed on the first message a function needs (define.ts says why not at import). */
const fixedTexts = () => (texts ??= decodeTexts(textsBrotliBase64));

/** The generated texts as the functions read them. */
export function decodeTexts(base64: string): Record<string, Text> {
  return JSON.parse(decompressText(base64)) as Record<string, Text>;
}

/** Whether a string is a key of the catalogue (a schema's message may be a key or a worded text). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(templates, key) || Object.hasOwn(fixedTexts(), key);
}

/** Every entry by key, for the tests (a function reads one key at a time). */
export function allEntries(): Record<string, Entry> {
  return { ...fixedTexts(), ...templates };
}

/** A key's entry: its fixed text, or its template. */
export function entryOf(key: MessageKey): Entry {
  return Object.hasOwn(templates, key) ? templates[key as keyof Templates] : fixedTexts()[key]!;
}

type ParamsOf<E> = E extends (params: infer P) => Text ? [params: P] : E extends ParamText<infer P> ? [params: P] : [];
/** The parameters of a key, as a tuple: `[params]` for a template or a text with placeholders, `[]` for a fixed text. */
export type KeyParams<K extends MessageKey> = ParamsOf<Catalogue[K]>;

/** The text of a message key, parameters filled in. */
export function message<K extends MessageKey>(key: K, ...params: ParamsOf<Catalogue[K]>): Text {
  return textOf(key, params[0]);
}

/** `message` for callers that already checked the key and parameters' types (the error constructors). */
export function textOf(key: MessageKey, params?: unknown): Text {
  const entry = entryOf(key);
  if (typeof entry === 'function') return entry(params);
  return typeof params !== 'object' || params === null ? entry : { fr: fill(entry.fr, params), en: fill(entry.en, params) };
}

function fill(text: string, params: object): string {
  const values = params as Record<string, unknown>;
  return text.replace(PLACEHOLDER, (placeholder, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : placeholder));
}

/** What an error carries: one sentence when both languages say the same (a seed's verbatim text), else both. */
export function localisedText(key: MessageKey, params?: unknown): string | Text {
  const text = textOf(key, params);
  return text.fr === text.en ? text.fr : text;
}

/**
 * The trailing options of an error built from a key: `params` is required exactly when the
 * entry is a template (a union of keys accepts the options of any of them).
 */
export type KeyOptions<K extends MessageKey, O> = K extends MessageKey
  ? Catalogue[K] extends (params: infer P) => Text
    ? [options: O & { params: P }]
    : Catalogue[K] extends ParamText<infer P>
      ? [options: O & { params: P }]
      : [options?: O & { params?: never }]
  : never;

/** The error code a message key stands for: `NOT_FOUND.member` -> `NOT_FOUND`. */
export const codeOf = (key: string) => key.split('.')[0]!;
