/**
 * zod validation with localised messages and the field at fault named, for every input a handler
 * reads (params, query, body). Takes any zod 4 schema, `zod/mini` (the request schemas,
 * docs/schemas.md) or classic: both are core schemas, parsed by the functional `safeParse`.
 */
import * as z from 'zod/mini';
import { validationError, type FieldIssue, type Language } from './errors.ts';
import { isMessageKey, textOf, type MessageKey } from '../messages/catalogue.ts';

/** Any zod 4 schema, classic or mini. */
export type Schema = z.core.$ZodType;

type RawIssue = z.core.$ZodRawIssue;

const typeOf = (input: unknown): string =>
  input === null ? 'null' : Array.isArray(input) ? 'array' : typeof input === 'number' && Number.isNaN(input) ? 'nan' : typeof input;

/**
 * zod's own checks, worded by the catalogue (not by zod's locales: one catalogue, correct French,
 * and no locale in the bundles). Called by zod for an issue the schema gave no message of its own.
 */
function keyOfIssue(issue: RawIssue): [MessageKey, unknown?] {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return ['VALIDATION_ERROR.required'];
      if (issue.expected === 'int' && typeof issue.input === 'number') return ['VALIDATION_ERROR.integer'];
      return ['VALIDATION_ERROR.expected_type', { expected: issue.expected, received: typeOf(issue.input) }];
    case 'too_small':
      return ['VALIDATION_ERROR.too_small', issue];
    case 'too_big':
      return ['VALIDATION_ERROR.too_big', issue];
    case 'invalid_format':
      return ['VALIDATION_ERROR.invalid_format', issue];
    case 'not_multiple_of':
      return ['VALIDATION_ERROR.not_multiple_of', issue];
    case 'invalid_value':
      return ['VALIDATION_ERROR.invalid_value', { allowed: issue.values }];
    case 'unrecognized_keys':
      return ['VALIDATION_ERROR.unknown_field'];
    case 'invalid_key':
      return ['VALIDATION_ERROR.invalid_key'];
    case 'invalid_element':
      return ['VALIDATION_ERROR.invalid_element'];
    default:
      return ['VALIDATION_ERROR.invalid_input'];
  }
}

const errorMaps = {
  fr: (issue: RawIssue) => textOf(...keyOfIssue(issue)).fr,
  en: (issue: RawIssue) => textOf(...keyOfIssue(issue)).en,
} satisfies Record<Language, (issue: RawIssue) => string>;

/**
 * A schema's own message is a catalogue key (shared/schemas/field-messages.ts), written here in
 * the caller's language with the issue's parameters; zod's are already worded by `errorMaps`.
 */
function inLanguage(issue: z.core.$ZodIssue, lang: Language): string {
  // A record's key refused by the key schema's own message (a budget line): that message says why.
  if (issue.code === 'invalid_key' && issue.issues[0] && isMessageKey(issue.issues[0].message)) return inLanguage(issue.issues[0], lang);
  if (!isMessageKey(issue.message)) return issue.message;
  return textOf(issue.message as MessageKey, issue.code === 'custom' ? issue.params : undefined)[lang];
}

export function parseWith<T extends Schema>(schema: T, value: unknown, lang: Language): z.output<T> {
  // The error map only runs on a failure: a valid input pays nothing for it.
  const result = z.safeParse(schema, value, { error: errorMaps[lang] });
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      // One detail per unknown key, the key named in its field.
      return issue.keys.map((key) => ({ field: [path, key].filter(Boolean).join('.'), message: issue.message }));
    }
    return [{ field: path || '(root)', message: inLanguage(issue, lang) }];
  });
  throw validationError(issues);
}
