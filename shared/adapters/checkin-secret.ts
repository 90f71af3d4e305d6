/**
 * The check-in token keys: an adapter to the configuration or to Secrets Manager (through the AWS
 * Parameters and Secrets Lambda Extension). A lazy read: nothing happens at import, so the cold
 * start of the functions importing it does not grow.
 */
import { config } from '../config.ts';
import { checkinKeysOf, type CheckinKey } from '../domain/checkin-token.ts';

let inlineCheckinKeys: { source: string; keys: CheckinKey[] } | null = null;
let storedCheckinKeys: { keys: CheckinKey[]; until: number } | null = null;
let storedCheckinKeysLoading: Promise<CheckinKey[]> | null = null;
/** A rotation reaches every warm function within this (plus the extension's own 5-minute cache). */
const CHECKIN_KEYS_CACHE_MS = 5 * 60_000;

/**
 * The check-in token keys, the signing one first; null when none is configured. Locally and in
 * tests: CHECKIN_TOKEN_SECRET (and CHECKIN_TOKEN_SECRET_PREVIOUS while rotating). Deployed: the
 * Secrets Manager secret named by CHECKIN_TOKEN_SECRET_ARN (JSON `{"current", "previous"?}`),
 * read through the AWS Parameters and Secrets Lambda Extension on localhost, so that the value is
 * in no function's configuration and no SDK is bundled. Read at first use, never at init (the
 * cold-start bench forbids network at import), then kept for 5 minutes.
 */
export async function checkinTokenKeys(): Promise<CheckinKey[] | null> {
  const inline = config.checkinTokenSecret;
  if (inline) {
    const source = `${inline}\n${config.checkinTokenSecretPrevious ?? ''}`;
    if (inlineCheckinKeys?.source !== source) inlineCheckinKeys = { source, keys: checkinKeysOf(inline, config.checkinTokenSecretPrevious) };
    return inlineCheckinKeys.keys;
  }
  const arn = config.checkinTokenSecretArn;
  if (!arn) return null;
  if (storedCheckinKeys && storedCheckinKeys.until > Date.now()) return storedCheckinKeys.keys;
  // Requests arriving together while the cache is cold share one read.
  storedCheckinKeysLoading ??= readStoredCheckinKeys(arn)
    .then((keys) => {
      storedCheckinKeys = { keys, until: Date.now() + CHECKIN_KEYS_CACHE_MS };
      return keys;
    })
    .finally(() => {
      storedCheckinKeysLoading = null;
    });
  return storedCheckinKeysLoading;
}

/** Never puts the secret, or the extension's answer, in an error message: they end up in logs. */
async function readStoredCheckinKeys(arn: string): Promise<CheckinKey[]> {
  const port = config.parametersSecretsExtensionPort;
  const response = await fetch(`http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}`, {
    headers: { 'X-Aws-Parameters-Secrets-Token': config.awsSessionToken ?? '' },
    signal: AbortSignal.timeout(3_000),
  });
  if (!response.ok) throw new Error(`Reading the check-in token secret failed (HTTP ${response.status})`);
  const { SecretString } = (await response.json()) as { SecretString?: unknown };
  let value: unknown = null;
  try {
    value = typeof SecretString === 'string' ? JSON.parse(SecretString) : null;
  } catch {
    // Reported below without the text.
  }
  const { current, previous } = (value ?? {}) as { current?: unknown; previous?: unknown };
  if (typeof current !== 'string') throw new Error('The check-in token secret is not JSON with a "current" string');
  return checkinKeysOf(current, typeof previous === 'string' ? previous : null);
}
