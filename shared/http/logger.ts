/**
 * Structured JSON logs, one object per line, so CloudWatch Logs Insights can query them. Kept
 * tiny on purpose: every function's cold start is measured.
 */
import { config } from '../config.ts';

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
  error instanceof Error ? { name: error.name, message: error.message, stack: error.stack, cause: serialiseCause(error.cause) } : error;
const serialiseCause = (cause: unknown): unknown => (cause === undefined ? undefined : serialiseError(cause));

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const write = (level: Level, message: string, fields?: Record<string, unknown>) => {
    if (order[level] < order[config.logLevel] || config.logSilent) return;
    const entry: Record<string, unknown> = { level, timestamp: new Date().toISOString(), message, ...base, ...fields };
    if (entry.error !== undefined) entry.error = serialiseError(entry.error);
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }),
  };
}
