import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallNextResponse, IssuedTicket, TrackResponse } from '../../../core/api.ts';
import type { CreateBookingResponse, TrackStreamData } from '../../../core/visitor-api.ts';
import { startTestHall, type TestHall } from '../../support/hall-server.ts';

const MON_0800 = Date.UTC(2025, 2, 10, 1, 0);
const MINUTE = 60_000;

interface Stream {
  status: number;
  contentType: string | null;
  events: TrackStreamData[];
  ended: Promise<void>;
  close(): void;
}

/** Reads a Server-Sent Events stream as a phone's EventSource would: `event: track` blocks with JSON data. */
async function openStream(url: string): Promise<Stream> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  const events: TrackStreamData[] = [];
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
          if (/^event: track$/m.test(block) && data !== '') events.push(JSON.parse(data) as TrackStreamData);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return { status: res.status, contentType: res.headers.get('content-type'), events, ended, close: () => controller.abort() };
}

const ticketOf = (d: TrackStreamData | undefined): TrackResponse | undefined => (d?.type === 'ticket' ? d.track : undefined);

describe('tracking one ticket: GET /track/:code and its live stream (SSE)', () => {
  let hall: TestHall;
  let clock = MON_0800;
  let kiosk: string;
  let officer: string;
  const issue = async () => (await hall.api<IssuedTicket>('POST', '/tickets', { token: kiosk, body: { serviceId: 'ktp-el' } })).body;
  const streamUrl = (code: string) => `${hall.server.url}/api/v1/track/${code}/stream`;

  beforeAll(async () => {
    hall = await startTestHall({ now: () => clock });
    kiosk = await hall.enroll('kiosk');
    officer = await hall.login('petugas01', await hall.enroll('counter', 'loket-1'));
    await hall.api('POST', '/counters/loket-1/open', { token: officer, body: { serviceIds: ['ktp-el'] } });
  });
  afterAll(() => hall.close());

  it('follows a ticket live: people ahead, the call with its counter, then the survey', async () => {
    const first = await issue();
    const mine = await issue();
    const stream = await openStream(streamUrl(mine.trackingCode));
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    await expect.poll(() => ticketOf(stream.events[0])).toMatchObject({ number: mine.number, status: 'waiting', peopleAhead: 1, counterNumber: null });

    const call1 = (await hall.api<CallNextResponse>('POST', '/counters/loket-1/call-next', { token: officer })).body;
    expect(call1.ticket.id).toBe(first.id);
    await expect.poll(() => ticketOf(stream.events.at(-1))?.peopleAhead).toBe(0);

    await hall.api('POST', `/tickets/${first.id}/start`, { token: officer, body: { leaseEpoch: call1.leaseEpoch } });
    clock += 6 * MINUTE;
    await hall.api('POST', `/tickets/${first.id}/finish`, { token: officer, body: { leaseEpoch: call1.leaseEpoch, outcome: 'served' } });
    const call2 = (await hall.api<CallNextResponse>('POST', '/counters/loket-1/call-next', { token: officer })).body;
    expect(call2.ticket.id).toBe(mine.id);
    await expect.poll(() => ticketOf(stream.events.at(-1))).toMatchObject({ status: 'called', counterNumber: 1, peopleAhead: null });
    expect(stream.events.at(-1)).toMatchObject({ survey: 'not_yet' });

    await hall.api('POST', `/tickets/${mine.id}/start`, { token: officer, body: { leaseEpoch: call2.leaseEpoch } });
    await hall.api('POST', `/tickets/${mine.id}/finish`, { token: officer, body: { leaseEpoch: call2.leaseEpoch, outcome: 'served' } });
    await expect.poll(() => stream.events.at(-1)).toMatchObject({ type: 'ticket', track: { status: 'done' }, survey: 'open' });
    // Nothing is sent twice: each event differs from the one before.
    const sent = stream.events.map((e) => JSON.stringify(e));
    expect(sent.every((e, i) => i === 0 || e !== sent[i - 1])).toBe(true);
    stream.close();
  });

  it('estimates the wait from the service’s recent service times and the open counters', async () => {
    const ahead = await issue();
    const behind = await issue();
    const track = await hall.api<TrackResponse>('GET', `/track/${behind.trackingCode}`);
    // The two services finished so far took 6 and 0 minutes: 3 minutes each, one counter, one ahead.
    expect(track.body).toMatchObject({ number: behind.number, status: 'waiting', peopleAhead: 1, estimatedWaitMinutes: 3 });
    expect((await hall.api<TrackResponse>('GET', `/track/${ahead.trackingCode}`)).body.estimatedWaitMinutes).toBe(0);
  });

  it('follows a booking code from booking to ticket', async () => {
    const booking = (
      await hall.api<CreateBookingResponse>('POST', '/public/bookings', {
        body: { serviceId: 'ktp-el', date: '2025-03-10', slotStart: MON_0800 + 60 * MINUTE, name: 'Rudi Hartono', phone: '081311223344' },
      })
    ).body;
    const stream = await openStream(streamUrl(booking.code));
    await expect.poll(() => stream.events[0]).toMatchObject({ type: 'booking', booking: { code: booking.code, status: 'booked' } });
    clock = MON_0800 + 45 * MINUTE;
    const checkIn = await hall.api<{ ticket: IssuedTicket }>('POST', `/bookings/${booking.code}/check-in`, { token: kiosk, body: {} });
    expect(checkIn.status).toBe(201);
    await expect.poll(() => ticketOf(stream.events.at(-1))).toMatchObject({ number: checkIn.body.ticket.number, status: 'waiting' });
    stream.close();
  });

  it('answers a bad or unknown code with a JSON error, not a stream', async () => {
    const unknown = await hall.api<{ error: { code: string; field?: string } }>('GET', '/track/ZZZZZZZZ/stream');
    expect([unknown.status, unknown.body.error.code, unknown.body.error.field]).toEqual([404, 'not_found', 'code']);
    const bad = await hall.api<{ error: { code: string; field?: string } }>('GET', '/track/abc/stream');
    expect([bad.status, bad.body.error.field]).toEqual([400, 'code']);
  });

  it('ends open streams when the server stops, and the phone reconnects to the restarted one', async () => {
    const t = await issue();
    const stream = await openStream(streamUrl(t.trackingCode));
    await expect.poll(() => stream.events.length).toBe(1);
    await hall.restart();
    await stream.ended;
    // As EventSource does: try again when the old connection turns out closed.
    const again = await openStream(streamUrl(t.trackingCode)).catch(() => openStream(streamUrl(t.trackingCode)));
    await expect.poll(() => ticketOf(again.events[0])?.number).toBe(t.number);
    again.close();
  });
});
