/**
 * The maintenance-due schedule, run as a developer runs it (`npm run job -- maintenance-due`)
 * against the running local stack: the spec's `equipment.maintenance.due` reaches a receiver on
 * loopback at `{url}/equipment-maintenance`, with the shifts holding the item; run twice, it
 * emits once.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { arrangeSpecWorld, ph } from './shifts-world.ts';
import { startReceiver, type Receiver } from './webhooks-receiver.ts';

const projectRoot = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const runJob = (organizationId: string) =>
  run(join(projectRoot, 'node_modules', '.bin', 'tsx'), ['scripts/job.ts', 'maintenance-due', '--organization', organizationId], {
    cwd: projectRoot,
    env: { ...process.env, STATE_DIR: inject('issuerKeyDir'), LOG_SILENT: 'true' },
  });

const DAY = 24 * 3600 * 1000;
const localDate = (instant: number) => new Date(instant).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' });

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

describe('equipment.maintenance.due', () => {
  it('announces an item due within the horizon with its booked shifts, once however often the job runs', async () => {
    // prepare: an item due in 20 days, held by a shift in 10 days; one due in 100 days (beyond the horizon)
    const world = await arrangeSpecWorld();
    const now = Date.now();
    const due = await ph('POST', '/v1/equipment', world.planner, {
      name: 'Console de retour',
      category: 'sound',
      subcategory: 'mixing_console',
      last_maintenance_date: localDate(now - 60 * DAY),
      next_maintenance_date: localDate(now + 20 * DAY),
    });
    const later = await ph('POST', '/v1/equipment', world.planner, { name: 'Ampli', category: 'sound', subcategory: 'amplifier', next_maintenance_date: localDate(now + 100 * DAY) });
    expect([due.status, later.status]).toEqual([201, 201]);
    const start = new Date(Math.ceil((now + 10 * DAY) / 3_600_000) * 3_600_000);
    const shift = await ph('POST', '/v1/shifts', world.planner, {
      title: 'Balances',
      event_id: 'event_456',
      start_time: start.toISOString(),
      end_time: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
      resources: [{ id: due.body.id, type: 'equipment', role: 'monitor_console', quantity: 1 }],
    });
    expect(shift.status).toBe(201);
    const { secret } = (await ph('POST', '/v1/webhooks', world.planner, { url: receiver.url, events: ['equipment.maintenance.due'] })).body;
    // act
    const first = await runJob(world.organizationId);
    const second = await runJob(world.organizationId);
    // assess
    // The spec world's eq_101 and eq_102 (next maintenance in 2024) are overdue: announced too, at threshold 0.
    expect(JSON.parse(first.stdout.trim().split('\n').at(-1)!)).toMatchObject({ job: 'maintenance-due', organizations: 1, itemsDue: 3, emitted: 3 });
    expect(JSON.parse(second.stdout.trim().split('\n').at(-1)!)).toMatchObject({ job: 'maintenance-due', itemsDue: 3, emitted: 0 });
    await receiver.waitFor((all) => all.some((one) => one.body.includes(due.body.id)));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const mine = receiver.received.filter((one) => one.body.includes(due.body.id) || one.body.includes(later.body.id));
    expect(mine).toHaveLength(1);
    const delivered = mine[0];
    expect(delivered!.path).toBe('/hooks/equipment-maintenance');
    const payload = new Webhook(secret).verify(delivered!.body, delivered!.headers as Record<string, string>);
    expect(payload).toEqual({
      event: 'equipment.maintenance.due',
      data: {
        equipment_id: due.body.id,
        name: 'Console de retour',
        last_maintenance_date: localDate(now - 60 * DAY),
        next_maintenance_date: localDate(now + 20 * DAY),
        days_until_due: 20,
        booked_shifts: [{ shift_id: shift.body.id, event_id: 'event_456', start_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/) }],
      },
      timestamp: expect.any(String),
    });
    expect(Object.keys(JSON.parse(delivered!.body).data)).toEqual(['equipment_id', 'name', 'last_maintenance_date', 'next_maintenance_date', 'days_until_due', 'booked_shifts']);
    expect(Date.parse((payload as { data: { booked_shifts: { start_time: string }[] } }).data.booked_shifts[0]!.start_time)).toBe(start.getTime());
  });
});
