import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHallApi, isUnauthorized } from '../../../renderer/shared/hall-api.ts';

// ---------------------------------------------------------------------------------------------
// A FAKE fetch: answers from a table, records every request. The real hall server is tested end
// to end elsewhere; here only the client's mapping of answers to values is under test.
// ---------------------------------------------------------------------------------------------

interface SeenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: unknown;
}

type FakeAnswer = { status: number; body?: unknown; raw?: string } | 'network' | 'hang';

function createFakeFetch(answer: (request: SeenRequest) => FakeAnswer) {
  const seen: SeenRequest[] = [];
  const fakeFetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request: SeenRequest = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    seen.push(request);
    const out = answer(request);
    if (out === 'network') throw new TypeError('Failed to fetch');
    if (out === 'hang') {
      return new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    const text = out.raw ?? (out.body === undefined ? '' : JSON.stringify(out.body));
    // only what hall-api reads of a Response
    return { status: out.status, text: async () => text } as Response;
  });
  return { fakeFetch: fakeFetch as unknown as typeof fetch, seen };
}

const CONFIG = {
  hall: { id: 'mpp', name: 'MPP Kota Contoh' },
  agencies: [{ id: 'dukcapil', name: 'Disdukcapil', shortName: 'Dukcapil', color: '#1565c0' }],
  services: [
    { id: 'ktp', agencyId: 'dukcapil', name: 'KTP-el', prefix: 'A', targetWaitMinutes: 15, targetServiceMinutes: 10 },
  ],
  counters: [{ id: 'c1', number: 1, agencyId: 'dukcapil', services: [{ serviceId: 'ktp' }] }],
};

const TICKET = {
  id: '0b7c2f5e-8a41-4b8e-9a0f-2f7f8d0c9a11',
  serviceId: 'ktp',
  number: 'A-012',
  serviceDay: '2025-01-06',
  channel: 'kiosk',
  priority: 'priority',
  status: 'waiting',
  counterId: null,
  officerId: null,
  callCount: 0,
  outcome: null,
  note: null,
  issuedAt: 1_736_128_800_000,
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  trackingCode: 'K7QX4M2P',
  peopleAhead: 3,
};

afterEach(() => {
  vi.useRealTimers();
});

describe('hall-api: requests', () => {
  it('GETs /api/v1/config with the device token and parses it with the contract (defaults filled in)', async () => {
    const { fakeFetch, seen } = createFakeFetch(() => ({ status: 200, body: CONFIG }));
    const api = createHallApi({ token: 'ldv_secret', fetch: fakeFetch, language: () => 'id' });
    const result = await api.config();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.hall.timeZone).toBe('Asia/Jakarta'); // default from HallSchema
    expect(result.value.services[0]?.requirements).toBe('');
    expect(seen[0]?.url).toBe('/api/v1/config');
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer ldv_secret');
    expect(seen[0]?.headers.get('accept-language')).toBe('id');
  });

  it('POSTs a kiosk ticket as JSON and returns the issued ticket', async () => {
    const { fakeFetch, seen } = createFakeFetch(() => ({ status: 201, body: TICKET }));
    const api = createHallApi({ baseUrl: 'https://hall.local:7420/', token: 'ldv_secret', fetch: fakeFetch });
    const result = await api.issueTicket({ serviceId: 'ktp', priority: 'priority' });
    expect(result).toEqual({ ok: true, value: TICKET });
    expect(seen[0]?.url).toBe('https://hall.local:7420/api/v1/tickets');
    expect(seen[0]?.method).toBe('POST');
    expect(seen[0]?.headers.get('content-type')).toBe('application/json');
    expect(seen[0]?.body).toEqual({ serviceId: 'ktp', channel: 'kiosk', priority: 'priority' });
  });

  it('GETs the board snapshot', async () => {
    const snapshot = { recentCalls: [], counters: [] };
    const { fakeFetch, seen } = createFakeFetch(() => ({ status: 200, body: snapshot }));
    const result = await createHallApi({ token: 't', fetch: fakeFetch }).board();
    expect(result).toEqual({ ok: true, value: snapshot });
    expect(seen[0]?.url).toBe('/api/v1/board');
  });

  it('enrolls without a token, with the code in the form the server expects', async () => {
    const answer = {
      deviceId: 'dev-1',
      token: 'ldv_new',
      kind: 'kiosk',
      counterId: null,
      hall: { id: 'mpp', name: 'MPP Kota Contoh' },
    };
    const { fakeFetch, seen } = createFakeFetch(() => ({ status: 200, body: answer }));
    const result = await createHallApi({ fetch: fakeFetch }).enroll({ code: ' k7qx-4m2p ', name: ' Kiosk pintu ' });
    expect(result).toEqual({ ok: true, value: answer });
    expect(seen[0]?.url).toBe('/api/v1/devices/enroll');
    expect(seen[0]?.headers.has('authorization')).toBe(false);
    expect(seen[0]?.body).toEqual({ code: 'K7QX-4M2P', name: 'Kiosk pintu' });
  });

  it('refuses a malformed enrollment code without asking the server', async () => {
    const { fakeFetch } = createFakeFetch(() => ({ status: 200, body: {} }));
    const result = await createHallApi({ fetch: fakeFetch }).enroll({ code: 'K0QX-4M2P', name: 'Kiosk' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code: 'invalid_request', field: 'code' });
    expect(result.status).toBeNull();
    expect(fakeFetch).not.toHaveBeenCalled();
  });
});

describe('hall-api: failures are values, never throws', () => {
  it('maps an error body to { ok: false, error } with the status', async () => {
    const error = { code: 'quota_reached', message: 'Kuota KTP-el hari ini (100) sudah habis.', field: 'serviceId' };
    const { fakeFetch } = createFakeFetch(() => ({ status: 409, body: { error } }));
    const result = await createHallApi({ token: 't', fetch: fakeFetch }).issueTicket({ serviceId: 'ktp' });
    expect(result).toEqual({ ok: false, status: 409, error });
    expect(isUnauthorized(result)).toBe(false);
  });

  it('keeps the message of a 401 but names it unauthorized, so pages know to re-enroll', async () => {
    const { fakeFetch } = createFakeFetch(() => ({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'This device token is not valid.' } },
    }));
    const result = await createHallApi({ token: 'old', fetch: fakeFetch }).config();
    expect(result).toEqual({ ok: false, status: 401, error: { code: 'unauthorized', message: 'This device token is not valid.' } });
    expect(isUnauthorized(result)).toBe(true);
  });

  it('explains an error status without an error body (a proxy page, an empty answer)', async () => {
    const { fakeFetch } = createFakeFetch(() => ({ status: 502, raw: '<html>Bad gateway</html>' }));
    const result = await createHallApi({ token: 't', fetch: fakeFetch }).board();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(502);
    expect(result.error.code).toBe('internal');
    expect(result.error.message).toContain('502');
  });

  it('turns a network failure into code "network" with what to do', async () => {
    const { fakeFetch } = createFakeFetch(() => 'network');
    const result = await createHallApi({ token: 't', fetch: fakeFetch }).issueTicket({ serviceId: 'ktp' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBeNull();
    expect(result.error.code).toBe('network');
    expect(result.error.message).toMatch(/Check that it is running/);
  });

  it('gives up after the timeout with code "network"', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { fakeFetch } = createFakeFetch(() => 'hang');
    const pending = createHallApi({ token: 't', fetch: fakeFetch, timeoutMs: 5_000 }).config();
    await vi.advanceTimersByTimeAsync(5_000);
    const result = await pending;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('network');
    expect(result.error.message).toMatch(/did not answer in time/);
  });

  it('refuses an answer that does not fit the contract (code "bad_response")', async () => {
    const { fakeFetch } = createFakeFetch(() => ({ status: 201, body: { ...TICKET, peopleAhead: -1 } }));
    const result = await createHallApi({ token: 't', fetch: fakeFetch }).issueTicket({ serviceId: 'ktp' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad_response');
    expect(result.error.message).toContain('peopleAhead');
  });

  it('refuses a 200 answer that is not JSON', async () => {
    const { fakeFetch } = createFakeFetch(() => ({ status: 200, raw: '<!doctype html><p>captive portal</p>' }));
    const result = await createHallApi({ token: 't', fetch: fakeFetch }).config();
    expect(result).toMatchObject({ ok: false, status: 200, error: { code: 'bad_response' } });
  });

  it('does not throw even when fetch itself throws synchronously', async () => {
    const throwing = (() => {
      throw new TypeError('Invalid URL');
    }) as unknown as typeof fetch;
    const result = await createHallApi({ baseUrl: 'not a url', fetch: throwing }).config();
    expect(result).toMatchObject({ ok: false, status: null, error: { code: 'network' } });
  });
});
