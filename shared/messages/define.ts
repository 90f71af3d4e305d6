/**
 * The catalogue's building blocks, apart from catalogue.ts so that area files can import them
 * without a cycle (catalogue.ts imports every area file).
 *
 * An area declares its fixed texts and its templates apart: the functions never bundle the fixed
 * texts' objects, which `npm run messages` writes into texts.generated.ts as one compressed JSON
 * string, decoded on the first message. Every function bundles the whole catalogue, and the import
 * cost of code grows with its bytes whether it runs or not: the whole catalogue as code cost every
 * cold start about 2% of the floor's instructions and 6% of its page faults, its 21 KB of fixed
 * texts about a half of that (docs/bench.md, "Message catalogue").
 */
export type Language = 'fr' | 'en';
export interface Text {
  fr: string;
  en: string;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Template = (params: any) => Text;
export type Entry = Text | Template;

export function verbatim(sentence: string): Text {
  return { fr: sentence, en: sentence };
}

/**
 * An area's fixed texts, as a function that builds them: texts.ts calls it, the functions never
 * do. Each call site is annotated pure (`/* @__PURE__ *\/ defineTexts(() => ({...}))`) so that the
 * bundler drops it from a function that imports the area for its templates: the annotation on the
 * call is what esbuild honours here, and the arrow keeps the texts' own calls (verbatim) unevaluated.
 * test/unit/message-catalogue.test.ts checks that no bundle holds them.
 */
export function defineTexts<M extends Record<string, Text>>(build: () => M): () => M {
  return build;
}

declare const paramsOf: unique symbol;
/**
 * A fixed text with `{name}` placeholders, filled from parameters of type P (textOf in
 * catalogue.ts): a template that only interpolates its parameters is written this way, as data
 * that reaches the functions compressed, rather than as code in every bundle.
 */
export type ParamText<P> = Text & { readonly [paramsOf]: P };

export function withParams<P>(text: Text): ParamText<P> {
  return text as ParamText<P>;
}

/** A `{name}` placeholder of a ParamText. */
export const PLACEHOLDER = /\{(\w+)\}/g;

export function defineTemplates<M extends Record<string, Template>>(templates: M): M {
  return templates;
}
