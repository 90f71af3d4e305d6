/**
 * The catalogue's building blocks, apart from catalogue.ts so that area files can import them
 * without a cycle (catalogue.ts imports every area file).
 */
export type Language = 'fr' | 'en';
export interface Text {
  fr: string;
  en: string;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Entry = Text | ((params: any) => Text);

// Function declarations, hoisted: an area file that imports them through catalogue.ts still works.
export function verbatim(sentence: string): Text {
  return { fr: sentence, en: sentence };
}

export function defineMessages<M extends Record<string, Entry>>(messages: M): M {
  return messages;
}
