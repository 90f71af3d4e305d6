/**
 * The one message catalogue: every error and warning code with its French and English text.
 * Entries live per area (shared/messages/<area>.ts) and are assembled here; a test checks that
 * every code has both languages and that the French is written with its accents.
 *
 * An entry is a text in both languages, a template taking parameters, or a sentence a seed
 * imposes verbatim in every language (`verbatim('Event not found')`). A code that needs
 * several sentences keys them as `CODE.variant` (e.g. `NOT_FOUND.member`); the error still
 * carries `CODE`.
 */
import { shiftMessages } from './shifts.ts';

export type Language = 'fr' | 'en';
export interface Text {
  fr: string;
  en: string;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Entry = Text | ((params: any) => Text);

export const verbatim = (sentence: string): Text => ({ fr: sentence, en: sentence });

export const defineMessages = <M extends Record<string, Entry>>(messages: M): M => messages;

// Areas add their entries here: `...identityMessages`, `...shiftMessages`...
export const catalogue = {
  ...shiftMessages,
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalogue;

type ParamsOf<E> = E extends (params: infer P) => Text ? [params: P] : [];

/** The text of a message key, parameters filled in. */
export function message<K extends MessageKey>(key: K, ...params: ParamsOf<(typeof catalogue)[K]>): Text {
  const entry = catalogue[key] as Entry;
  return typeof entry === 'function' ? entry(params[0]) : entry;
}

/** The error code a message key stands for: `NOT_FOUND.member` -> `NOT_FOUND`. */
export const codeOf = (key: string) => key.split('.')[0]!;
