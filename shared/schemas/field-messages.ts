/**
 * A schema's own field messages come from the catalogue (shared/messages, docs/messages.md): a
 * refinement carries the key as its message (and a template's parameters as the params),
 * and parseWith (shared/http/validation.ts) writes it in the caller's language. Type-only import:
 * the catalogue itself stays out of the schemas.
 */
import type { KeyParams, MessageKey } from '../messages/catalogue.ts';

type FieldKey = Extract<MessageKey, `VALIDATION_ERROR.${string}`>;
type FixedFieldKey = { [K in FieldKey]: KeyParams<K> extends [] ? K : never }[FieldKey];
type TemplateFieldKey = Exclude<FieldKey, FixedFieldKey>;

/** For any check (a regex, a refinement): the entry's text, in the caller's language. */
export const fieldMessage = (key: FixedFieldKey) => ({ message: key });

/** For a refinement or a custom issue: a template entry and its parameters. */
export const fieldTemplate = <K extends TemplateFieldKey>(key: K, ...[params]: KeyParams<K>) => ({ message: key as string, params: params as Record<string, unknown> });
