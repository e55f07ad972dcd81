import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HeadlessHost } from '../../main/headless/host.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { startCounterHost } from '../support/counter-host.ts';

type Reply = { id: number | null; result: { ok: boolean; value?: unknown; error?: { code: string; message: string; field?: string } } };

function connect(host: HeadlessHost, origin = `http://127.0.0.1:${host.port}`): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function exchange(ws: WebSocket, frame: string): Promise<Reply> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const msg = JSON.parse(data.toString()) as Reply & { push?: string };
      if (msg.push) return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(frame);
  });
}

describe('browser bridge (window.loket over WebSocket)', () => {
  const dir = makeTempDir();
  let host: HeadlessHost;
  let ws: WebSocket;
  beforeAll(async () => {
    host = await startCounterHost(dir.path);
    ws = await connect(host);
  });
  afterAll(async () => {
    ws.close();
    await host.close();
    dir.remove();
  });

  it('answers a valid call', async () => {
    const reply = await exchange(ws, JSON.stringify({ id: 1, name: 'getCounterContext', request: {} }));
    expect(reply.id).toBe(1);
    expect(reply.result.ok).toBe(true);
    expect(reply.result.value).toMatchObject({ counter: { id: 'loket-1', number: 1 } });
  });

  const bad: [string, string, string, string | undefined][] = [
    ['malformed JSON', '{"id": 1, "name": ', 'invalid_request', undefined],
    ['a frame without a name', JSON.stringify({ id: 2, request: {} }), 'invalid_request', 'name'],
    ['an unknown channel', JSON.stringify({ id: 3, name: 'dropTables', request: {} }), 'unknown_channel', 'channel'],
    ['a missing field', JSON.stringify({ id: 4, name: 'startWalkIn', request: {} }), 'invalid_request', 'serviceId'],
    ['a wrong type', JSON.stringify({ id: 5, name: 'startWalkIn', request: { serviceId: 42 } }), 'invalid_request', 'serviceId'],
    ['an extra field', JSON.stringify({ id: 6, name: 'startWalkIn', request: { serviceId: 'kk', seq: 1 } }), 'invalid_request', undefined],
    ['an unknown service', JSON.stringify({ id: 7, name: 'startWalkIn', request: { serviceId: 'no-such' } }), 'unknown_service', 'serviceId'],
    [
      'a bad outcome',
      JSON.stringify({ id: 8, name: 'finishTicket', request: { ticketId: crypto.randomUUID(), outcome: 'great', note: null } }),
      'invalid_request',
      'outcome',
    ],
    [
      'a ticket this counter does not hold',
      JSON.stringify({ id: 9, name: 'finishTicket', request: { ticketId: crypto.randomUUID(), outcome: 'served', note: null } }),
      'ticket_not_held',
      'ticketId',
    ],
    ['a note too long', JSON.stringify({ id: 10, name: 'finishTicket', request: { ticketId: crypto.randomUUID(), outcome: 'served', note: 'x'.repeat(501) } }), 'invalid_request', 'note'],
  ];

  it.each(bad)('refuses %s with a clear error and changes nothing', async (_what, frame, code, field) => {
    const before = host.services.ledger.lastSeq();
    const reply = await exchange(ws, frame);
    expect(reply.result.ok).toBe(false);
    expect(reply.result.error?.code).toBe(code);
    expect(reply.result.error?.message.length).toBeGreaterThan(20);
    if (field) expect(reply.result.error?.field).toBe(field);
    expect(host.services.ledger.lastSeq()).toBe(before);
  });

  it('refuses a connection from another web page (Origin check)', async () => {
    await expect(connect(host, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('refuses a second walk-in while one is being served, storing nothing', async () => {
    const first = await exchange(ws, JSON.stringify({ id: 20, name: 'startWalkIn', request: { serviceId: 'kk' } }));
    expect(first.result.ok).toBe(true);
    const seq = host.services.ledger.lastSeq();
    const second = await exchange(ws, JSON.stringify({ id: 21, name: 'startWalkIn', request: { serviceId: 'kk' } }));
    expect(second.result.error?.code).toBe('counter_busy');
    expect(host.services.ledger.lastSeq()).toBe(seq);
  });
});
