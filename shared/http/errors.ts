/**
 * Errors carry an HTTP status, a machine code and, for logs, the cause. The error envelope
 * middleware turns them into the surface's contract; anything that is not an HttpError is a 500
 * whose details stay in the logs.
 */
import { codeOf, entryOf, isMessageKey, localisedText, type KeyOptions, type Language, type MessageKey } from '../messages/catalogue.ts';
import type { DomainErrorKind } from '../domain/errors.ts';

export type { Language };

export interface FieldIssue {
  field: string;
  message: string;
}

/** A message in both languages, or one fixed string the seed imposes verbatim. */
export type LocalisedMessage = string | { fr: string; en: string };

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly localised: LocalisedMessage;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(
    status: number,
    code: string,
    message: LocalisedMessage,
    options: { details?: unknown; cause?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(typeof message === 'string' ? message : message.en, { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.localised = message;
    this.details = options.details;
    this.headers = options.headers;
  }

  /** The error of a catalogue key: its code is the key's code, its message the key's text. */
  static of<K extends MessageKey>(
    status: number,
    key: K,
    ...[options]: KeyOptions<K, { details?: unknown; cause?: unknown; headers?: Record<string, string> }>
  ): HttpError {
    const { params, ...rest } = (options ?? {}) as { params?: unknown; details?: unknown; cause?: unknown; headers?: Record<string, string> };
    return new HttpError(status, codeOf(key), localisedText(key, params), rest);
  }

  messageIn(lang: Language): string {
    return typeof this.localised === 'string' ? this.localised : this.localised[lang];
  }
}

export const isHttpError = (error: unknown): error is HttpError => error instanceof HttpError;

export const validationError = (issues: FieldIssue[], message?: LocalisedMessage) =>
  message === undefined
    ? HttpError.of(400, 'VALIDATION_ERROR.fields', { params: { issues }, details: issues })
    : new HttpError(400, 'VALIDATION_ERROR', message, { details: issues });

/**
 * The details as the caller reads them: a detail whose message is a catalogue key (fieldDetail in
 * shared/domain/errors.ts) gets the key's text in the caller's language; any other detail is
 * already worded and stays as it is.
 */
export function detailsIn(details: unknown, lang: Language): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((detail: unknown) => {
    const key = (detail as { message?: unknown } | null)?.message;
    if (typeof key !== 'string' || !isMessageKey(key)) return detail;
    const entry = entryOf(key);
    return typeof entry === 'function' ? detail : { ...(detail as object), message: entry[lang] };
  });
}

/** The HTTP status of each kind of domain error: one table for the JSON envelope and the HTML pages. */
export const statusOfKind: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorised: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  unprocessable: 422,
  too_many_requests: 429,
};
