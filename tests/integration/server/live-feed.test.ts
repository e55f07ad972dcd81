import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { StreamMessage } from '../../../core/stream.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

function open(hall: TestHall, token: string | null): Promise<{ ws: WebSocket; messages: StreamMessage[]; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${hall.server.url.replace('http', 'ws')}/api/v1/stream`);
    const messages: StreamMessage[] = [];
    const closed = new Promise<number>((r) => ws.on('close', (code) => r(code)));
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as StreamMessage));
    ws.once('open', () => {
      if (token) ws.send(JSON.stringify({ type: 'auth', token }));
      resolve({ ws, messages, closed });
    });
    ws.once('error', reject);
  });
}

async function until<T>(probe: () => T | undefined, ms = 2000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting for the live feed');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('live feed /api/v1/stream', () => {
  let hall: TestHall;
  let kiosk: string;
  let board: string;
  let officer: string;

  beforeAll(async () => {
    hall = await startTestHall();
    kiosk = await hall.enroll('kiosk');
    board = await hall.enroll('board');
    officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
  });
  afterAll(() => hall.close());

  it('pushes issued, called and counter events to an authenticated board', async () => {
    const { ws, messages } = await open(hall, board);
    await until(() => messages.find((m) => m.type === 'hello'));
    await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } });
    const opened = await until(() => messages.find((m) => m.type === 'counter' && m.event === 'opened'));
    expect(opened).toMatchObject({ counter: { counterId: 'loket-1', status: 'open' } });
    await hall.api('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } });
    await until(() => messages.find((m) => m.type === 'ticket' && m.event === 'issued'));
    await hall.api('POST', '/counters/loket-1/call-next', { token: officer });
    const called = await until(() => messages.find((m) => m.type === 'ticket' && m.event === 'called'));
    expect(called).toMatchObject({ ticket: { number: 'A-001', counterNumber: 1, status: 'called' } });
    expect(JSON.stringify(messages)).not.toMatch(/trackingCode|"note"/);
    ws.close();
  });

  it('closes a socket that does not authenticate, or uses a bad token', async () => {
    const silent = await open(hall, 'lss_forged');
    expect(await silent.closed).toBe(4401);
    expect(silent.messages).toHaveLength(0);
  });

  it('refuses a technician (no visitor data for technicians)', async () => {
    const tech = await hall.login('teknisi', await hall.enroll('counter', 'loket-2'));
    const s = await open(hall, tech);
    expect(await s.closed).toBe(4403);
  });
});
