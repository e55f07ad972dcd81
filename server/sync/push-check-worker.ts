import { parentPort } from 'node:worker_threads';
import { LoketError } from '../../core/errors.ts';
import { parsePushBody } from './push-body.ts';
import { toFlat, validatePush, type PushSource } from './validate-push.ts';

/**
 * The push checker's thread (server/sync/push-checker.ts): parses and checks one large push at a
 * time and hands back its events flat, or the error a client should see.
 */
export interface CheckRequest {
  id: number;
  body: Uint8Array;
  source: PushSource;
}

export type CheckReply =
  | { ready: true }
  | { id: number; ok: true; deviceId: string; flat: unknown[] }
  | { id: number; ok: false; error: { code: string; message: string; field?: string } | { unexpected: string } };

parentPort?.on('message', ({ id, body, source }: CheckRequest) => {
  let reply: CheckReply;
  try {
    const push = validatePush(parsePushBody(body), source);
    reply = { id, ok: true, deviceId: push.deviceId, flat: toFlat(push.events) };
  } catch (e) {
    reply = { id, ok: false, error: e instanceof LoketError ? e.toInfo() : { unexpected: e instanceof Error ? (e.stack ?? e.message) : String(e) } };
  }
  parentPort?.postMessage(reply);
});
parentPort?.postMessage({ ready: true } satisfies CheckReply);
