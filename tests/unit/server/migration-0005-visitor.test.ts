import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import hall from '../../../server/store/migrations/0001-hall.ts';
import queue from '../../../server/store/migrations/0002-queue.ts';
import sync from '../../../server/store/migrations/0003-sync.ts';
import reportRollups from '../../../server/store/migrations/0004-report-rollups.ts';
import visitor from '../../../server/store/migrations/0005-visitor.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

beforeEach(() => {
  dir = makeTempDir('loket-hm5-');
  db = new Sqlite(join(dir.path, 'v4.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const m of [hall, queue, sync, reportRollups]) m.up(db);
  })();
  // A version-4 file with a service and a finished ticket in it.
  db.exec(`
    INSERT INTO agencies VALUES ('dukcapil', 'Disdukcapil', 'Dukcapil', NULL);
    INSERT INTO services (id, agency_id, name, prefix, requirements, target_wait_minutes, target_service_minutes)
      VALUES ('ktp', 'dukcapil', 'KTP-el', 'A', 'Fotokopi KK', 20, 10);
    INSERT INTO counters VALUES ('loket-1', 1, 'dukcapil');
    INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status, queued_at, issued_at, counter_id)
      VALUES ('t-1', 'ktp', 'A-001', 1, '2025-03-10', 'kiosk', 'normal', 'CODE2222', 'done', 1, 1, 'loket-1');
  `);
  db.transaction(() => visitor.up(db))();
});
afterEach(() => {
  db.close();
  dir.remove();
});

const booking = (over: Record<string, unknown> = {}) => ({
  code: 'BK2345AB',
  qr_payload: 'BK2345AB',
  service_id: 'ktp',
  service_day: '2025-03-10',
  slot_start: 1000,
  slot_end: 2000,
  visitor_name: 'Siti Aminah',
  phone: '+6281234567890',
  client_hash: 'h',
  status: 'booked',
  created_at: 1,
  ...over,
});
const insertBooking = (row: Record<string, unknown>): void => {
  db.prepare(
    `INSERT INTO bookings (code, qr_payload, service_id, service_day, slot_start, slot_end, visitor_name, phone, client_hash, status, created_at)
     VALUES (@code, @qr_payload, @service_id, @service_day, @slot_start, @slot_end, @visitor_name, @phone, @client_hash, @status, @created_at)`,
  ).run(row);
};

const answers = { u1: 4, u2: 4, u3: 3, u4: 4, u5: 3, u6: 4, u7: 4, u8: 3, u9: 2 };
const insertSkm = (ticketId: string, over: Record<string, number> = {}): void => {
  const a = { ...answers, ...over };
  db.prepare(
    `INSERT INTO skm_responses (ticket_id, service_id, agency_id, counter_id, service_day, u1, u2, u3, u4, u5, u6, u7, u8, u9, source, raw, created_at)
     VALUES (?, 'ktp', 'dukcapil', 'loket-1', '2025-03-10', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'link', ?, 1)`,
  ).run(ticketId, a.u1, a.u2, a.u3, a.u4, a.u5, a.u6, a.u7, a.u8, a.u9, JSON.stringify({ answers: a }));
};

describe('migration 0005 (visitor)', () => {
  it('keeps the services and tickets of a version-4 file, and adds the service information as empty', () => {
    expect(db.prepare('SELECT id, requirements, cost, time_standard, legal_basis FROM services').all()).toEqual([
      { id: 'ktp', requirements: 'Fotokopi KK', cost: null, time_standard: null, legal_basis: null },
    ]);
    expect(db.prepare('SELECT id FROM tickets').pluck().all()).toEqual(['t-1']);
  });

  it('keeps booking settings in range', () => {
    const set = db.prepare('INSERT INTO service_booking (service_id, enabled, slot_minutes, capacity_per_slot, daily_quota, updated_at) VALUES (?, ?, ?, ?, ?, 1)');
    expect(() => set.run('ktp', 1, 3, 4, null)).toThrow(/CHECK/);
    expect(() => set.run('ktp', 1, 30, 0, null)).toThrow(/CHECK/);
    expect(() => set.run('nope', 1, 30, 4, null)).toThrow(/FOREIGN KEY/);
    set.run('ktp', 1, 30, 4, 40);
  });

  it('stores a normalised Indonesian mobile only, and moves a booking forward once', () => {
    expect(() => insertBooking(booking({ phone: '081234567890' }))).toThrow(/CHECK/);
    insertBooking(booking());
    db.prepare(`UPDATE bookings SET status = 'cancelled', cancelled_at = 5 WHERE code = 'BK2345AB'`).run();
    expect(() => db.prepare(`UPDATE bookings SET status = 'booked', cancelled_at = NULL WHERE code = 'BK2345AB'`).run()).toThrow(/only moves once/);
    expect(() => db.prepare(`UPDATE bookings SET status = 'released', released_at = 6 WHERE code = 'BK2345AB'`).run()).toThrow(/only moves once/);
    expect(() => db.prepare('DELETE FROM bookings').run()).toThrow(/kept/);
  });

  it('never changes who booked or when, and ties a checked-in booking to its ticket', () => {
    insertBooking(booking());
    expect(() => db.prepare(`UPDATE bookings SET phone = '+6281299999999' WHERE code = 'BK2345AB'`).run()).toThrow(/only moves once/);
    // checked_in needs the ticket and the time.
    expect(() => db.prepare(`UPDATE bookings SET status = 'checked_in' WHERE code = 'BK2345AB'`).run()).toThrow(/CHECK/);
    db.prepare(`UPDATE bookings SET status = 'checked_in', ticket_id = 't-1', checked_in_at = 5 WHERE code = 'BK2345AB'`).run();
    // One ticket, one booking.
    insertBooking(booking({ code: 'BK2345AC', qr_payload: 'BK2345AC' }));
    expect(() => db.prepare(`UPDATE bookings SET status = 'checked_in', ticket_id = 't-1', checked_in_at = 5 WHERE code = 'BK2345AC'`).run()).toThrow(/UNIQUE/);
  });

  it('keeps one survey per ticket, answers from 1 to 4, append-only', () => {
    insertSkm('t-1');
    expect(() => insertSkm('t-1')).toThrow(/UNIQUE/);
    db.exec(`INSERT INTO tickets (id, service_id, number, seq_no, service_day, channel, priority, tracking_code, status, queued_at, issued_at)
             VALUES ('t-2', 'ktp', 'A-002', 2, '2025-03-10', 'kiosk', 'normal', 'CODE3333', 'done', 1, 1)`);
    expect(() => insertSkm('t-2', { u5: 5 })).toThrow(/CHECK/);
    expect(() => insertSkm('t-2', { u9: 0 })).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE skm_responses SET u1 = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM skm_responses').run()).toThrow(/append-only/);
  });

  it('keeps quick ratings apart, 1 to 4, append-only', () => {
    const rate = db.prepare(`INSERT INTO quick_ratings (counter_id, officer_id, ticket_id, value, at) VALUES ('loket-1', 'o', ?, ?, 1)`);
    rate.run('t-1', 4);
    rate.run(null, 1);
    expect(() => rate.run(null, 5)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE quick_ratings SET value = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM quick_ratings').run()).toThrow(/append-only/);
  });

  it('sends one message per ticket and kind; a finished message stays as it is', () => {
    const put = db.prepare(`INSERT INTO webhook_outbox (ticket_id, kind, payload, created_at, next_attempt_at) VALUES ('t-1', 'nearly_your_turn', '{}', 1, 1)`);
    put.run();
    expect(() => put.run()).toThrow(/UNIQUE/);
    db.prepare('UPDATE webhook_outbox SET attempts = 1, last_error = ?, next_attempt_at = 6').run('HTTP 500');
    expect(() => db.prepare(`UPDATE webhook_outbox SET payload = '{"x":1}'`).run()).toThrow(/append-only/);
    db.prepare('UPDATE webhook_outbox SET attempts = 2, delivered_at = 7').run();
    expect(() => db.prepare('UPDATE webhook_outbox SET delivered_at = NULL').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM webhook_outbox').run()).toThrow(/append-only/);
  });

  it('has one webhook configuration, on only with a URL', () => {
    const set = db.prepare('INSERT INTO webhook_config (id, url, nearly_turn_ahead, enabled, updated_at) VALUES (?, ?, 3, ?, 1)');
    expect(() => set.run(1, null, 1)).toThrow(/CHECK/);
    expect(() => set.run(1, 'ftp://gateway', 0)).toThrow(/CHECK/);
    set.run(1, 'https://gateway.example/sms', 1);
    expect(() => set.run(2, 'https://gateway.example/sms', 1)).toThrow(/CHECK/);
  });

  it('answers the slot count and release sweep from their indexes', () => {
    const plan = (sql: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(`SELECT slot_start, COUNT(*) FROM bookings WHERE service_id = 'ktp' AND service_day = '2025-03-10'
                 AND status IN ('booked', 'checked_in') AND (status = 'checked_in' OR slot_start >= 0) GROUP BY slot_start`)).toMatch(/bookings_slot/);
    expect(plan(`UPDATE bookings SET status = 'released', released_at = 9 WHERE status = 'booked' AND slot_start < 5`)).toMatch(/bookings_waiting/);
    expect(plan(`SELECT COUNT(*) FROM bookings WHERE client_hash = 'h' AND created_at > 0`)).toMatch(/bookings_client/);
  });
});
