/**
 * One webhook request: POST, 5 s for everything, redirects not followed, the target's addresses
 * checked as the image download checks them (shared/domain/image.ts: public unicast only) and the
 * connection pinned to the address checked (no DNS rebinding between the check and the connect).
 * `allowInsecure` (the local runtime only) lets http and private addresses through.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { checkRemoteUrl, isPublicAddress } from '../domain/image.ts';

export interface PostOutcome {
  /** null: no HTTP answer. */
  status: number | null;
  durationMs: number;
  error: string | null;
}

export const WEBHOOK_TIMEOUT_MS = 5_000;

export async function postWebhook(url: string, headers: Record<string, string>, body: string, options: { allowInsecure: boolean; timeoutMs?: number }): Promise<PostOutcome> {
  const started = performance.now();
  const done = (status: number | null, error: string | null): PostOutcome => ({ status, durationMs: Math.round(performance.now() - started), error });
  const insecureHttp = options.allowInsecure && url.startsWith('http:');
  const check = checkRemoteUrl(insecureHttp ? url.replace(/^http:/, 'https:') : url, { allowPrivateHosts: options.allowInsecure });
  if (!check.ok) return done(null, check.reason);
  const target = new URL(url);
  let address: { address: string; family: 4 | 6 };
  if (check.isIpLiteral) address = { address: check.host, family: check.host.includes(':') ? 6 : 4 };
  else {
    try {
      const found = await dnsLookup(check.host, { all: true, verbatim: true });
      if (found.length === 0) return done(null, 'unresolvable');
      // One private answer is enough to refuse: which one the connection would pick is not ours to say.
      if (!options.allowInsecure && found.some((entry) => !isPublicAddress(entry.address))) return done(null, 'forbidden_host');
      address = { address: found[0]!.address, family: found[0]!.family === 6 ? 6 : 4 };
    } catch {
      return done(null, 'unresolvable');
    }
  }
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [address]);
    else callback(null, address.address, address.family);
  };
  const signal = AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS);
  const send = target.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise<PostOutcome>((resolve) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'PlanningHub-Webhooks/1.0' },
        signal,
        lookup: pinned,
        agent: false,
      },
      (response: IncomingMessage) => {
        // The answer's body is not ours to read: drain it, bounded by the same timeout.
        response.on('data', () => undefined);
        response.on('end', () => resolve(done(response.statusCode ?? null, null)));
        response.on('error', () => resolve(done(response.statusCode ?? null, null)));
      },
    );
    request.on('error', (error) => resolve(done(null, signal.aborted ? 'timeout' : ((error as NodeJS.ErrnoException).code ?? 'network'))));
    request.end(body);
  });
}
