/**
 * The one message catalogue: every error and warning code with its French and English text.
 * Entries live per area (shared/messages/<area>.ts) and are assembled here; a test checks that
 * every code has both languages and that the French is written with its accents.
 *
 * An entry is a text in both languages, a template taking parameters, or a sentence a seed
 * imposes verbatim in every language (`verbatim('Event not found')`). A code that needs
 * several sentences keys them as `CODE.variant` (e.g. `NOT_FOUND.member`); the error still
 * carries `CODE`. Errors are built from a key: `DomainError.of('conflict', 'LAST_ADMIN')`,
 * `HttpError.of(404, 'NOT_FOUND.image')`.
 */
export { verbatim, defineMessages, type Language, type Text, type Entry } from './define.ts';
import type { Entry, Text } from './define.ts';
import { httpMessages } from './http.ts';
import { identityMessages } from './identity.ts';
import { eventMessages } from './events.ts';
import { equipmentMessages } from './equipment.ts';
import { technicianMessages } from './technicians.ts';
import { imageMessages } from './images.ts';
import { shiftMessages } from './shifts.ts';
import { documentMessages } from './documents.ts';
import { webhookMessages } from './webhooks.ts';
import { registrationMessages } from './registrations.ts';

// Areas add their entries here: `...identityMessages`, `...shiftMessages`...
export const catalogue = {
  ...httpMessages,
  ...identityMessages,
  ...eventMessages,
  ...equipmentMessages,
  ...technicianMessages,
  ...imageMessages,
  ...shiftMessages,
  ...documentMessages,
  ...webhookMessages,
  ...registrationMessages,
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalogue;

type ParamsOf<E> = E extends (params: infer P) => Text ? [params: P] : [];
/** The parameters of a key, as a tuple: `[params]` for a template, `[]` for a fixed text. */
export type KeyParams<K extends MessageKey> = ParamsOf<(typeof catalogue)[K]>;

/** The text of a message key, parameters filled in. */
export function message<K extends MessageKey>(key: K, ...params: ParamsOf<(typeof catalogue)[K]>): Text {
  return textOf(key, params[0]);
}

/** `message` for callers that already checked the key and parameters' types (the error constructors). */
export function textOf(key: MessageKey, params?: unknown): Text {
  const entry = catalogue[key] as Entry;
  return typeof entry === 'function' ? entry(params) : entry;
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
  ? (typeof catalogue)[K] extends (params: infer P) => Text
    ? [options: O & { params: P }]
    : [options?: O & { params?: never }]
  : never;

/** The error code a message key stands for: `NOT_FOUND.member` -> `NOT_FOUND`. */
export const codeOf = (key: string) => key.split('.')[0]!;
