import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHallConfig, saveHallConfig } from '../../../server/store/hall-config-store.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

/**
 * 100 concurrent clients (five per counter, as if officers double-pressed on several screens)
 * calling next on the demo hall's 20 counters over a shared queue of 2000 tickets: every ticket
 * is assigned exactly once and none is lost.
 */
describe('concurrent call-next', () => {
  let hall: TestHall;
  const counters: { id: string; token: string; services: string[] }[] = [];
  const TICKETS = 2000;
  const CLIENTS_PER_COUNTER = 5;

  beforeAll(async () => {
    hall = await startTestHall();
    // Daily quotas would stop issuing long before 2000 tickets: lift them for this test.
    const config = loadHallConfig(hall.server.ctx.db);
    saveHallConfig(hall.server.ctx.db, { ...config, services: config.services.map((s) => ({ ...s, dailyQuota: null })) });
    const cfg = (await hall.api<{ counters: { id: string; number: number; services: { serviceId: string }[] }[]; services: { id: string }[] }>(
      'GET',
      '/config',
      { token: await hall.login('supervisor') },
    )).body;
    for (const c of cfg.counters) {
      const token = await hall.login(`petugas${String(c.number).padStart(2, '0')}`, await hall.enroll('counter', c.id));
      const services = c.services.map((s) => s.serviceId);
      await hall.api('POST', `/counters/${c.id}/open`, { token, body: { serviceIds: services } });
      counters.push({ id: c.id, token, services });
    }
    const kiosk = await hall.enroll('kiosk');
    const serviceIds = cfg.services.map((s) => s.id);
    for (let i = 0; i < TICKETS; i++) {
      const res = await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId: serviceIds[i % serviceIds.length], priority: i % 7 === 0 ? 'priority' : 'normal' } });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    }
  }, 180_000);
  afterAll(() => hall.close());

  it('assigns every ticket exactly once', async () => {
    const assigned: string[] = [];
    const client = async (counter: (typeof counters)[number]): Promise<void> => {
      for (;;) {
        const res = await hall.api<{ ticket: { id: string }; leaseEpoch: number }>('POST', `/counters/${counter.id}/call-next`, { token: counter.token });
        if (res.status === 204) return;
        if (res.status === 409) continue; // another client of this counter holds a ticket right now
        expect(res.status).toBe(200);
        assigned.push(res.body.ticket.id);
        const done = await hall.api('POST', `/tickets/${res.body.ticket.id}/no-show`, { token: counter.token, body: { leaseEpoch: res.body.leaseEpoch } });
        expect(done.status).toBe(200);
      }
    };
    await Promise.all(counters.flatMap((c) => Array.from({ length: CLIENTS_PER_COUNTER }, () => client(c))));

    expect(new Set(assigned).size).toBe(assigned.length);
    expect(assigned).toHaveLength(TICKETS);
    const db = hall.server.ctx.db;
    expect(db.prepare("SELECT COUNT(*) FROM tickets WHERE status = 'waiting'").pluck().get()).toBe(0);
    expect(db.prepare("SELECT COUNT(*) FROM tickets WHERE status = 'no_show' AND call_count = 1").pluck().get()).toBe(TICKETS);
    const epochs = db.prepare('SELECT COUNT(DISTINCT lease_epoch) FROM tickets').pluck().get();
    expect(epochs).toBe(TICKETS);
  }, 180_000);
});
