import { describe, expect, it } from 'vitest';
import type { Result } from '../../../core/errors.ts';
import {
  INVOKE_NAMES,
  PUSH_NAMES,
  buildLoketApi,
  channelOf,
  invokeContract,
  isInvokeName,
  pushContract,
  type ApiTransport,
  type InvokeName,
  type PushName,
} from '../../../core/ipc.ts';

/** A transport that records every call and answers with a value naming the call. */
function recordingTransport() {
  const invoked: { name: InvokeName; request: unknown }[] = [];
  const subscribed: { name: PushName; listener: (payload: unknown) => void }[] = [];
  const unsubscribed: PushName[] = [];
  const transport: ApiTransport = {
    invoke: (name, request) => {
      invoked.push({ name, request });
      return Promise.resolve({ ok: true, value: `answer to ${name}` });
    },
    subscribe: (name, listener) => {
      subscribed.push({ name, listener });
      return () => void unsubscribed.push(name);
    },
  };
  return { transport, invoked, subscribed, unsubscribed };
}

type LooseApi = Record<string, unknown> & { on: Record<string, (listener: (payload: unknown) => void) => () => void> };

describe('buildLoketApi', () => {
  it('has one method per invoke contract entry, plus `on`, and nothing else', () => {
    const api = buildLoketApi(recordingTransport().transport) as unknown as LooseApi;
    expect(INVOKE_NAMES).toEqual(Object.keys(invokeContract));
    expect(INVOKE_NAMES.length).toBeGreaterThan(0);
    expect(Object.keys(api).sort()).toEqual([...INVOKE_NAMES, 'on'].sort());
    expect(Object.keys(api.on).sort()).toEqual([...PUSH_NAMES].sort());
    expect(PUSH_NAMES).toEqual(Object.keys(pushContract));
  });

  it.each(INVOKE_NAMES)('%s calls transport.invoke with its own name and the request, and returns its answer', async (name) => {
    const { transport, invoked } = recordingTransport();
    const api = buildLoketApi(transport) as unknown as Record<string, (request: unknown) => Promise<Result<unknown>>>;
    const request = { probe: name };
    const method = api[name];
    expect(method).toBeTypeOf('function');
    await expect(method!(request)).resolves.toEqual({ ok: true, value: `answer to ${name}` });
    expect(invoked).toEqual([{ name, request }]);
  });

  it('sends an empty request when called without one', async () => {
    const { transport, invoked } = recordingTransport();
    const api = buildLoketApi(transport) as unknown as Record<string, (request?: unknown) => Promise<unknown>>;
    await api['getAppInfo']!();
    expect(invoked).toEqual([{ name: 'getAppInfo', request: {} }]);
  });

  it('passes a failure from the transport through unchanged', async () => {
    const failure = { ok: false as const, error: { code: 'offline', message: 'The hall server cannot be reached.' } };
    const transport: ApiTransport = { invoke: () => Promise.resolve(failure), subscribe: () => () => {} };
    const api = buildLoketApi(transport);
    await expect(api.getCurrentTicket({})).resolves.toEqual(failure);
  });

  it.each(PUSH_NAMES)('on.%s subscribes with its own name, delivers payloads and unsubscribes', (name) => {
    const { transport, subscribed, unsubscribed } = recordingTransport();
    const api = buildLoketApi(transport) as unknown as LooseApi;
    const received: unknown[] = [];
    const unsubscribe = api.on[name]!((payload) => received.push(payload));
    expect(subscribed.map((s) => s.name)).toEqual([name]);
    subscribed[0]!.listener({ lastSeq: 7 });
    expect(received).toEqual([{ lastSeq: 7 }]);
    expect(unsubscribed).toEqual([]);
    unsubscribe();
    expect(unsubscribed).toEqual([name]);
  });

  it('gives every contract entry its own Electron channel', () => {
    const channels = [...INVOKE_NAMES, ...PUSH_NAMES].map(channelOf);
    expect(new Set(channels).size).toBe(channels.length);
    expect(channelOf('getToday')).toBe('loket:getToday');
  });

  it('recognises contract names and nothing else', () => {
    for (const name of INVOKE_NAMES) expect(isInvokeName(name)).toBe(true);
    for (const other of ['toString', 'constructor', '__proto__', 'on', '', 42, null, 'ledgerChanged']) {
      expect(isInvokeName(other), String(other)).toBe(false);
    }
  });
});
