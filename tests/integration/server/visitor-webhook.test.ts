import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket } from '../../../core/api.ts';
import type { CreateBookingResponse, WebhookConfigResponse, WebhookPayload } from '../../../core/visitor-api.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

const MON_0800 = Date.UTC(2025, 2, 10, 1, 0);
const MINUTE = 60_000;
const SECRET = 'rahasia-gateway-sms-2025';

/** A stand-in for the hall's SMS/WhatsApp gateway on 127.0.0.1 that fails while `failing` > 0 (or always when down). */
class Gateway {
  readonly received: { body: WebhookPayload; signature: string | undefined; raw: string; status: number }[] = [];
  failing = 0;
  down = false;
  private server: Server | null = null;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const status = this.down || this.failing > 0 ? 500 : 200;
        if (this.failing > 0) this.failing--;
        const signature = req.headers['x-loket-signature'];
        this.received.push({ body: JSON.parse(raw) as WebhookPayload, signature: typeof signature === 'string' ? signature : undefined, raw, status });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/loket`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('the "nearly your turn" webhook', () => {
  let hall: TestHall;
  let clock = MON_0800;
  let kiosk: string;
  let officer: string;
  let admin: string;
  const gateway = new Gateway();
  const outbox = () =>
    hall.server.ctx.db.prepare('SELECT id, ticket_id, attempts, last_error, next_attempt_at, delivered_at, gave_up_at FROM webhook_outbox ORDER BY id').all() as {
      id: number;
      ticket_id: string;
      attempts: number;
      last_error: string | null;
      next_attempt_at: number;
      delivered_at: number | null;
    }[];

  beforeAll(async () => {
    await gateway.start();
    hall = await startTestHall({ now: () => clock });
    kiosk = await hall.enroll('kiosk');
    officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    admin = await hall.login('admin');
    await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } });
  });
  afterAll(async () => {
    await hall.close();
    await gateway.stop();
  });

  it('is configured by the admin; the secret is never shown', async () => {
    const bad = await hall.api<{ error: { field?: string } }>('PUT', '/admin/webhook', { token: admin, body: { url: 'not a url', nearlyTurnAhead: 1, enabled: true } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'url']);
    const put = await hall.api<WebhookConfigResponse>('PUT', '/admin/webhook', { token: admin, body: { url: gateway.url, nearlyTurnAhead: 1, enabled: true, secret: SECRET } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ url: gateway.url, nearlyTurnAhead: 1, enabled: true, hasSecret: true, outbox: { pending: 0, delivered: 0, gaveUp: 0 } });
    expect(JSON.stringify(put.body)).not.toContain(SECRET);
  });

  it('fires once per ticket with N or fewer ahead, retries with backoff until the gateway answers', async () => {
    gateway.failing = 2;
    const booking = (
      await hall.api<CreateBookingResponse>('POST', '/public/bookings', {
        body: { serviceId: 'ktp-el', date: '2025-03-10', slotStart: MON_0800 + 30 * MINUTE, name: 'Wulan Sari', phone: '0821 5555 6666' },
      })
    ).body;
    clock = MON_0800 + 35 * MINUTE;
    const booked = (await hall.api<{ ticket: IssuedTicket }>('POST', `/bookings/${booking.code}/check-in`, { token: kiosk, body: {} })).body.ticket;
    const k1 = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
    const k2 = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;

    // Both first attempts fail (HTTP 500): each waits 5 s on the hall's clock.
    await expect.poll(() => gateway.received.length, { timeout: 5000 }).toBe(2);
    await expect.poll(() => outbox().map((o) => [o.attempts, o.last_error, o.next_attempt_at])).toEqual([
      [1, 'HTTP 500', clock + 5000],
      [1, 'HTTP 500', clock + 5000],
    ]);
    expect(outbox().map((o) => o.ticket_id)).toEqual([booked.id, k1.id]);
    clock += 4000;
    await new Promise((r) => setTimeout(r, 1500));
    expect(gateway.received).toHaveLength(2);
    clock += 1000;
    await expect.poll(() => outbox().every((o) => o.delivered_at !== null), { timeout: 5000 }).toBe(true);
    expect(outbox().map((o) => o.attempts)).toEqual([2, 2]);

    const delivered = gateway.received.filter((r) => r.status === 200);
    expect(delivered.map((r) => r.body)).toEqual([
      {
        kind: 'nearly_your_turn',
        deliveryId: outbox()[0]?.id,
        at: MON_0800 + 35 * MINUTE,
        ticketNumber: booked.number,
        trackingCode: booking.code,
        serviceId: 'ktp-el',
        serviceName: 'Perekaman & Cetak KTP-el',
        agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
        peopleAhead: 0,
        phone: '+6282155556666',
      },
      expect.objectContaining({ ticketNumber: k1.number, trackingCode: k1.trackingCode, peopleAhead: 1, phone: null }),
    ]);
    // A retry sends the very same body; each carries the HMAC of its body.
    expect(gateway.received[0]?.raw).toBe(delivered[0]?.raw);
    for (const r of gateway.received) expect(r.signature).toBe(`sha256=${createHmac('sha256', SECRET).update(r.raw).digest('hex')}`);

    // A call moves everyone up: k2 now has 1 ahead and gets its message; k1 does not get a second one.
    gateway.received.length = 0;
    await hall.api('POST', '/counters/loket-1/call-next', { token: officer });
    await expect.poll(() => gateway.received.map((r) => r.body.ticketNumber), { timeout: 5000 }).toEqual([k2.number]);
    expect(outbox()).toHaveLength(3);
  });

  it('keeps undelivered messages across a restart and delivers them after it', async () => {
    gateway.down = true;
    gateway.received.length = 0;
    const k3 = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
    const k4 = (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
    // Two ahead of k3, three of k4: nothing yet. The counter finishes and calls on: k3 has 1 ahead.
    const held = hall.server.ctx.db.prepare(`SELECT id, lease_epoch FROM tickets WHERE counter_id = 'loket-1' AND status = 'called'`).get() as { id: string; lease_epoch: number };
    await hall.api('POST', `/tickets/${held.id}/no-show`, { token: officer, body: { leaseEpoch: held.lease_epoch } });
    await hall.api('POST', '/counters/loket-1/call-next', { token: officer });
    await expect.poll(() => gateway.received.map((r) => r.body.ticketNumber), { timeout: 5000 }).toEqual([k3.number]);
    const pending = outbox().find((o) => o.ticket_id === k3.id);
    expect(pending).toMatchObject({ attempts: 1, last_error: 'HTTP 500', delivered_at: null });
    expect(outbox().some((o) => o.ticket_id === k4.id)).toBe(false);

    await hall.restart();
    gateway.down = false;
    clock += 5000;
    await expect.poll(() => outbox().find((o) => o.ticket_id === k3.id)?.delivered_at, { timeout: 5000 }).toBe(clock);
    expect(outbox().find((o) => o.ticket_id === k3.id)?.attempts).toBe(2);
    const status = await hall.api<WebhookConfigResponse>('GET', '/admin/webhook', { token: admin });
    expect(status.body.outbox).toEqual({ pending: 0, delivered: 4, gaveUp: 0 });
  });
});
