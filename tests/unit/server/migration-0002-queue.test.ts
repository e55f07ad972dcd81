import Sqlite from 'better-sqlite3';
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import hall from '../../../server/store/migrations/0001-hall.ts';
import queue from '../../../server/store/migrations/0002-queue.ts';
import { makeTempDir } from '../../support/temp-dir.ts';

let dir: ReturnType<typeof makeTempDir>;
let db: Database;

beforeEach(() => {
  dir = makeTempDir('loket-hm2-');
  db = new Sqlite(join(dir.path, 'v2.sqlite'));
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    hall.up(db);
    queue.up(db);
  })();
  db.exec(`
    INSERT INTO agencies VALUES ('dukcapil', 'Disdukcapil', 'Dukcapil', NULL);
    INSERT INTO services (id, agency_id, name, prefix, target_wait_minutes, target_service_minutes) VALUES ('ktp', 'dukcapil', 'KTP', 'A', 20, 10);
    INSERT INTO counters VALUES ('loket-1', 1, 'dukcapil');
  `);
});
afterEach(() => {
  db.close();
  dir.remove();
});

const plan = (sql: string, ...params: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const columnNames = (table: string): string[] => db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[];

let n = 0;
function insertTicket(over: Record<string, unknown> = {}): string {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const row = {
    id,
    service_id: 'ktp',
    number: `A-${String(n).padStart(3, '0')}`,
    seq_no: n,
    service_day: '2025-03-10',
    channel: 'kiosk',
    priority: 'normal',
    tracking_code: `CODE${String(n).padStart(4, '2')}`,
    status: 'waiting',
    queued_at: 1000 + n,
    issued_at: 1000 + n,
    ...over,
  };
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO tickets (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  return id;
}

describe('migration 0002-queue', () => {
  it('is version 2, named queue', () => {
    expect({ version: queue.version, name: queue.name }).toEqual({ version: 2, name: 'queue' });
  });

  it('creates the queue tables with their columns', () => {
    expect(columnNames('tickets')).toEqual([
      'id', 'service_id', 'number', 'seq_no', 'service_day', 'channel', 'priority', 'tracking_code', 'status', 'queued_at', 'issued_at',
      'called_at', 'started_at', 'finished_at', 'counter_id', 'officer_id', 'call_count', 'outcome', 'note', 'lease_epoch',
      'target_counter_id', 'transferred_from', 'transfer_reason',
    ]);
    expect(columnNames('daily_sequences')).toEqual(['service_id', 'service_day', 'last_seq']);
    expect(columnNames('counter_state')).toEqual([
      'counter_id', 'status', 'pause_reason', 'officer_id', 'officer_name', 'service_ids', 'current_ticket_id', 'since', 'normals_since_priority',
    ]);
    expect(columnNames('fencing')).toEqual(['id', 'last_epoch']);
    expect(columnNames('ticket_log')).toEqual(['id', 'ticket_id', 'action', 'at', 'counter_id', 'actor_id', 'lease_epoch', 'detail']);
  });

  it('checks ticket values: status, channel, priority, outcome, service', () => {
    expect(() => insertTicket({ status: 'lost' })).toThrow(/CHECK/);
    expect(() => insertTicket({ channel: 'fax' })).toThrow(/CHECK/);
    expect(() => insertTicket({ priority: 'vip' })).toThrow(/CHECK/);
    expect(() => insertTicket({ outcome: 'maybe' })).toThrow(/CHECK/);
    expect(() => insertTicket({ service_id: 'nope' })).toThrow(/FOREIGN KEY/);
    expect(() => insertTicket({ counter_id: 'loket-9' })).toThrow(/FOREIGN KEY/);
    expect(() => insertTicket({ id: null })).toThrow(/NOT NULL/);
  });

  it('allows one issued ticket per service, day and number; transfers keep the number', () => {
    const first = insertTicket({ seq_no: 7, number: 'A-007' });
    expect(() => insertTicket({ seq_no: 7, number: 'A-007' })).toThrow(/UNIQUE/);
    insertTicket({ seq_no: 7, number: 'A-007', transferred_from: first });
    insertTicket({ seq_no: 7, number: 'A-007', service_day: '2025-03-11' });
  });

  it('lets at most one counter hold a ticket', () => {
    const id = insertTicket();
    db.exec(`INSERT INTO counters VALUES ('loket-2', 2, 'dukcapil')`);
    db.prepare(`INSERT INTO counter_state (counter_id, status, current_ticket_id, since) VALUES ('loket-1', 'open', ?, 1)`).run(id);
    expect(() => db.prepare(`INSERT INTO counter_state (counter_id, status, current_ticket_id, since) VALUES ('loket-2', 'open', ?, 1)`).run(id)).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO counter_state (counter_id, status, since) VALUES ('loket-2', 'busy', 1)`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE counter_state SET pause_reason = 'nap'`).run()).toThrow(/CHECK/);
  });

  it('starts the fencing number at 0 and only lets it grow', () => {
    expect(db.prepare('SELECT * FROM fencing').all()).toEqual([{ id: 1, last_epoch: 0 }]);
    expect(db.prepare('UPDATE fencing SET last_epoch = last_epoch + 1 RETURNING last_epoch').pluck().get()).toBe(1);
    expect(() => db.exec('UPDATE fencing SET last_epoch = 1')).toThrow(/lease epochs only grow/);
    expect(() => db.exec('UPDATE fencing SET last_epoch = 0')).toThrow(/lease epochs only grow/);
    expect(() => db.exec('DELETE FROM fencing')).toThrow(/lease epochs only grow/);
    expect(() => db.exec('INSERT INTO fencing VALUES (2, 5)')).toThrow(/CHECK/);
    expect(db.prepare('SELECT last_epoch FROM fencing').pluck().get()).toBe(1);
  });

  describe('ticket_log is append-only', () => {
    let ticket: string;
    const snapshot = (): unknown[] => db.prepare('SELECT * FROM ticket_log ORDER BY id').all();
    beforeEach(() => {
      ticket = insertTicket();
      db.prepare(`INSERT INTO ticket_log (ticket_id, action, at, detail) VALUES (?, 'ticket.issued', 1, '{"number":"A-001"}')`).run(ticket);
      db.prepare(`INSERT INTO ticket_log (ticket_id, action, at, counter_id, lease_epoch) VALUES (?, 'ticket.called', 2, 'loket-1', 1)`).run(ticket);
      db.prepare(`INSERT INTO ticket_log (action, at, counter_id) VALUES ('counter.opened', 0, 'loket-1')`).run();
    });

    it.each([
      ['UPDATE one entry', `UPDATE ticket_log SET at = 5 WHERE id = 1`, /append-only: an entry cannot be changed/],
      ['UPDATE every entry', `UPDATE ticket_log SET detail = '{}'`, /append-only: an entry cannot be changed/],
      ['DELETE one entry', `DELETE FROM ticket_log WHERE id = 2`, /append-only: an entry cannot be removed/],
      ['DELETE every entry', `DELETE FROM ticket_log`, /append-only: an entry cannot be removed/],
      ['REPLACE an entry', `REPLACE INTO ticket_log (id, ticket_id, action, at) SELECT id, ticket_id, action, 9 FROM ticket_log WHERE id = 1`, /append-only/],
      ['UPSERT an entry', `INSERT INTO ticket_log (id, ticket_id, action, at) VALUES (1, NULL, 'counter.closed', 9) ON CONFLICT (id) DO UPDATE SET at = 9`, /append-only/],
    ])('%s throws and changes nothing', (_what, sql, message) => {
      const before = snapshot();
      expect(() => db.exec(sql)).toThrow(message);
      expect(snapshot()).toEqual(before);
    });

    it('knows its actions, keeps counter entries ticketless and ticket entries with a ticket, and holds valid JSON', () => {
      expect(() => db.prepare(`INSERT INTO ticket_log (ticket_id, action, at) VALUES (?, 'ticket.teleported', 3)`).run(ticket)).toThrow(/CHECK/);
      expect(() => db.prepare(`INSERT INTO ticket_log (ticket_id, action, at) VALUES (NULL, 'ticket.called', 3)`).run()).toThrow(/CHECK/);
      expect(() => db.prepare(`INSERT INTO ticket_log (ticket_id, action, at) VALUES (?, 'counter.paused', 3)`).run(ticket)).toThrow(/CHECK/);
      expect(() => db.prepare(`INSERT INTO ticket_log (ticket_id, action, at, detail) VALUES (?, 'ticket.started', 3, 'nope')`).run(ticket)).toThrow(/CHECK/);
    });
  });

  it('indexes every query of the queue authority, and the planner uses them (no table scans, no sorts)', () => {
    const plans = {
      head: plan(
        `SELECT id FROM tickets WHERE status = 'waiting' AND service_id = ? AND priority = ? AND target_counter_id IS NULL
         ORDER BY queued_at, seq_no, number, id LIMIT 1`,
        'ktp',
        'normal',
      ),
      service: plan(`SELECT id, target_counter_id, channel FROM tickets WHERE status = 'waiting' AND service_id = ? ORDER BY service_id, priority, queued_at, seq_no, number, id`, 'ktp'),
      all: plan(`SELECT id, target_counter_id, channel FROM tickets WHERE status = 'waiting' ORDER BY service_id, priority, queued_at, seq_no, number, id`),
      targeted: plan(`SELECT id FROM tickets WHERE status = 'waiting' AND target_counter_id = ?`, 'loket-1'),
      tracking: plan(`SELECT * FROM tickets WHERE tracking_code = ?`, 'ABCDEFGH'),
      calledToday: plan(`SELECT service_id, COUNT(*) FROM tickets WHERE counter_id = ? AND service_day = ? AND called_at IS NOT NULL GROUP BY service_id`, 'loket-1', '2025-03-10'),
      finished: plan(
        `SELECT finished_at, started_at FROM tickets WHERE status = 'done' AND service_id = ? AND service_day = ? AND started_at IS NOT NULL ORDER BY finished_at DESC LIMIT 10`,
        'ktp',
        '2025-03-10',
      ),
      recent: plan(
        `SELECT t.id, s.agency_id, c.number FROM tickets t
         JOIN services s ON s.id = t.service_id JOIN counters c ON c.id = t.counter_id
         WHERE t.called_at IS NOT NULL AND t.call_count > 0 ORDER BY t.called_at DESC, t.rowid DESC LIMIT 20`,
      ),
      sequence: plan(`SELECT last_seq FROM daily_sequences WHERE service_id = ? AND service_day = ?`, 'ktp', '2025-03-10'),
      lease: plan(`SELECT 1 FROM ticket_log WHERE ticket_id = ? AND action = 'ticket.called' AND counter_id = ? AND lease_epoch = ?`, 't', 'loket-1', 1),
      logByTime: plan(`SELECT * FROM ticket_log WHERE at >= ? AND at < ?`, 1, 2),
    };
    expect(plans.head).toMatch(/USING (COVERING )?INDEX tickets_waiting \(service_id=\? AND priority=\?\)/);
    expect(plans.service).toMatch(/USING COVERING INDEX tickets_waiting \(service_id=\?\)/);
    expect(plans.all).toMatch(/USING COVERING INDEX tickets_waiting/);
    expect(plans.targeted).toMatch(/tickets_targeted/);
    expect(plans.tracking).toMatch(/tickets_tracking/);
    expect(plans.calledToday).toMatch(/tickets_counter_day/);
    expect(plans.finished).toMatch(/tickets_finished/);
    expect(plans.recent).toMatch(/tickets_called/);
    expect(plans.sequence).toMatch(/PRIMARY KEY/);
    expect(plans.lease).toMatch(/ticket_log_ticket/);
    expect(plans.logByTime).toMatch(/ticket_log_at/);
    for (const [name, p] of Object.entries(plans)) {
      expect(p, name).not.toMatch(/TEMP B-TREE/);
      expect(p, name).not.toMatch(/SCAN (tickets|t)\b(?! USING)/);
    }
  });
});
