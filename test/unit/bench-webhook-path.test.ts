/**
 * The bench's view of the webhook path (docs/bench.md): the background functions are in the
 * cold-start suite against the floor of the clients they are granted, the webhook-delivery suite
 * counts a lost or a repeated delivery as a failure, and the cold-start variants keep the exports
 * of the modules they stand in for.
 */
import { describe, expect, it } from 'vitest';
import { backgroundFunctions, floorOf } from '../../bench/cold-start.ts';
import { exactlyOnce } from '../../bench/webhook-delivery.ts';
import { backgroundEntries } from '../../lib/manifest.ts';

describe('cold start of the webhook path', () => {
  it('measures every background function against the floor of its grants (SNS for the publisher, SQS for the delivery)', () => {
    // prepare
    const floors = Object.fromEntries(backgroundFunctions.map((fn) => [fn.id, floorOf(fn.access, { queue: fn.queue })]));
    // act
    const entries = backgroundFunctions.map((fn) => fn.entry).sort();
    // assess
    expect(entries).toEqual([...backgroundEntries].sort());
    expect(floors).toEqual({ OutboxPublisher: 'floor+sns', WebhookDelivery: 'floor+sqs', MaintenanceDue: 'baseline', BackfillEventCounters: 'baseline' });
  });
});

describe('webhook-delivery exactly once', () => {
  const change = (key: string) => ({ kind: 'event.published' as const, key, phase: 'burst' as const, sentAt: 0, answeredAt: 1 });
  const delivery = (key: string, webhookId: string, extra: Partial<{ signatureValid: boolean; path: string }> = {}) => ({
    webhookId,
    key,
    event: 'event.published',
    path: '/hooks/event',
    at: 2,
    signatureValid: true,
    ...extra,
  });

  it('passes one delivery per change and finds lost, duplicated, stray, unsigned and misrouted ones', () => {
    // prepare
    const clean = { changes: [change('a'), change('b')], deliveries: [delivery('a', 'msg_a'), delivery('b', 'msg_b')] };
    const broken = {
      changes: [change('a'), change('b'), change('c')],
      deliveries: [delivery('a', 'msg_a'), delivery('a', 'msg_a'), delivery('z', 'msg_z'), delivery('c', 'msg_c', { signatureValid: false, path: '/hooks/shift' })],
    };
    // act
    const ok = exactlyOnce(clean);
    const bad = exactlyOnce(broken);
    // assess
    expect([ok.lost, ok.duplicated, ok.strays, ok.repeatedIds, ok.badSignatures, ok.wrongPaths].map((list) => list.length)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(bad.lost.map((one) => one.key)).toEqual(['b']);
    expect(bad.duplicated.map((one) => one.key)).toEqual(['a']);
    expect(bad.repeatedIds).toEqual([['msg_a', 2]]);
    expect(bad.strays.map((one) => one.key)).toEqual(['z']);
    expect(bad.badSignatures.map((one) => one.key)).toEqual(['c']);
    expect(bad.wrongPaths.map((one) => one.key)).toEqual(['c']);
  });
});

describe('cold-start variants', () => {
  it('stand in for the modules they replace with the same exports', async () => {
    // prepare
    const pairs = [
      ['../../shared/observability/metrics.ts', '../../bench/variants/metrics-powertools.ts'],
      ['../../shared/store/client.ts', '../../bench/variants/client-xray-sdk.ts'],
      ['../../shared/store/client.ts', '../../bench/variants/client-powertools-tracer.ts'],
    ] as const;
    // act
    const exports = await Promise.all(pairs.map(async ([original, variant]) => [Object.keys(await import(original)).sort(), Object.keys(await import(variant)).sort()]));
    // assess
    for (const [original, variant] of exports) expect(variant).toEqual(original);
  });
});
