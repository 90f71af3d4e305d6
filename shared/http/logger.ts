/**
 * Structured JSON logs, one object per line, so CloudWatch Logs Insights can query them; the domain
 * metrics ride on the same stream as Embedded Metric Format lines (`metrics()`). Kept tiny on
 * purpose: every function's cold start is measured.
 *
 * Hygiene (docs/operations.md, "Log hygiene"): every line goes through `redact()` before it is
 * written, whatever a caller passed. Fields whose name says secret (password, token, secret, API
 * key, authorization, cookie...) are replaced, and so is anything shaped like a bearer token, an
 * API key, a check-in token or a webhook secret wherever it appears (an error message, a path);
 * e-mail addresses keep their first character and their domain only.
 */
import { config } from '../config.ts';
import { originalStack } from '../observability/stack-trace.ts';

type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

const serialiseError = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message, stack: originalStack(error.stack), cause: serialiseCause(error.cause) } : error;
const serialiseCause = (cause: unknown): unknown => (cause === undefined ? undefined : serialiseError(cause));

export const REDACTED = '[redacted]';

/** Field names whose value is never logged (`tokenType`, `token_type` and counts are not secrets). */
const SECRET_FIELD = /^(?!.*(?:type|count|ttl|expires)).*(?:password|passwd|secret|token|authori[sz]ation|cookie|api_?key|credential|signature|private_?key)/i;

/** Values shaped like a secret, wherever they appear in a line. */
const SECRET_SHAPES: [RegExp, string][] = [
  // JWTs (access and ID tokens): header.payload.signature, base64url.
  [/eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // EventLite API keys (shared/domain/api-key.ts) and webhook signing secrets.
  [/\b(?:elk|whsec)_[A-Za-z0-9_-]{8,}/g, '[redacted-key]'],
  // Check-in tokens (shared/domain/checkin-token.ts): base64url of a JSON array, a dot, a MAC.
  [/\bWz[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g, '[redacted-checkin-token]'],
  // `Bearer <anything>` in an echoed header or message.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  // E-mail addresses: first character and domain.
  [/\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})\b/g, '$1***@$2'],
];

const hideSecretFields = (key: string, value: unknown) => (key !== '' && value !== undefined && SECRET_FIELD.test(key) ? REDACTED : value);

/** The JSON line of an entry, secrets removed and e-mail addresses masked. */
export function redact(entry: Record<string, unknown>): string {
  let line = JSON.stringify(entry, hideSecretFields);
  for (const [shape, replacement] of SECRET_SHAPES) line = line.replace(shape, replacement);
  return line;
}

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[config.logLevel] || config.logSilent) return;
    const entry: Record<string, unknown> = { level, timestamp: new Date().toISOString(), message, ...base, ...fields };
    if (entry.error !== undefined) entry.error = serialiseError(entry.error);
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${redact(entry)}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}

/**
 * Writes Embedded Metric Format documents (shared/observability/metrics.ts), one per line on
 * stdout, whatever the log level: a metric dropped with the debug lines would read as zero.
 */
export function writeMetrics(documents: readonly Record<string, unknown>[]): void {
  if (config.logSilent) return;
  for (const document of documents) process.stdout.write(`${redact(document)}\n`);
}
