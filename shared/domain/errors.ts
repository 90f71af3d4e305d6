/**
 * Domain failures, independent of HTTP. The HTTP layer maps each kind to a status; the code and
 * message travel unchanged so each surface can keep its seed's wording.
 */
import { codeOf, localisedText, type KeyOptions, type KeyParams, type MessageKey } from '../messages/catalogue.ts';

export type DomainErrorKind = 'invalid' | 'unauthorised' | 'forbidden' | 'not_found' | 'conflict' | 'precondition_failed' | 'precondition_required' | 'unprocessable' | 'too_many_requests';
export type Message = string | { fr: string; en: string };

export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly code: string;
  readonly localised: Message;
  readonly details?: unknown;

  constructor(kind: DomainErrorKind, code: string, message: Message, details?: unknown) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.localised = message;
    this.details = details;
  }

  /** The error of a catalogue key: its code is the key's code, its message the key's text. */
  static of<K extends MessageKey>(kind: DomainErrorKind, key: K, ...[options]: KeyOptions<K, { details?: unknown }>): DomainError {
    const { params, details } = (options ?? {}) as { params?: unknown; details?: unknown };
    return new DomainError(kind, codeOf(key), localisedText(key, params), details);
  }
}

type FixedFieldKey = { [K in MessageKey]: K extends `VALIDATION_ERROR.${string}` ? (KeyParams<K> extends [] ? K : never) : never }[MessageKey];

/**
 * A detail naming a field, its message a catalogue key: the layer that renders the error (the
 * error envelope) writes it in the caller's language, so that a store or a domain rule, which
 * knows no language, still answers in the caller's.
 */
export const fieldDetail = (field: string, key: FixedFieldKey) => ({ field, message: key });
