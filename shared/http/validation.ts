/**
 * zod validation with localised messages and the field at fault named, for every input a handler
 * reads (params, query, body). Takes any zod 4 schema, `zod/mini` (the request schemas,
 * docs/schemas.md) or classic: both are core schemas, parsed by the functional `safeParse`.
 */
import * as z from 'zod/mini';
import fr from 'zod/v4/locales/fr.js';
import en from 'zod/v4/locales/en.js';
import { validationError, type FieldIssue, type Language } from './errors.ts';
import { catalogue, textOf, type MessageKey } from '../messages/catalogue.ts';

/** Any zod 4 schema, classic or mini. */
export type Schema = z.core.$ZodType;

type ErrorMap = ReturnType<typeof fr>['localeError'];
const localeErrors: Partial<Record<Language, ErrorMap>> = {};
// Built on the first failure, not at cold start: most requests are valid.
const localeError = (lang: Language): ErrorMap => (localeErrors[lang] ??= (lang === 'en' ? en() : fr()).localeError);

/**
 * A schema's own message is a catalogue key (shared/schemas/field-messages.ts), written here in
 * the caller's language with the issue's parameters; zod's messages are already localised.
 */
function inLanguage(issue: z.core.$ZodIssue, lang: Language): string {
  if (!Object.hasOwn(catalogue, issue.message)) return issue.message;
  return textOf(issue.message as MessageKey, issue.code === 'custom' ? issue.params : undefined)[lang];
}

export function parseWith<T extends Schema>(schema: T, value: unknown, lang: Language): z.output<T> {
  const result = z.safeParse(schema, value);
  if (result.success) return result.data;
  const localised = z.safeParse(schema, value, { error: localeError(lang) });
  const issues: FieldIssue[] = (localised.success ? result : localised).error!.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [path, key].filter(Boolean).join('.'), message: issue.message }));
    }
    return [{ field: path || '(root)', message: inLanguage(issue, lang) }];
  });
  throw validationError(issues);
}
