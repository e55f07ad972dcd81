import type { CallNextResponse } from '../../core/api.ts';
import type { QueueTx } from './context.ts';

/**
 * Calls are the one synchronous action (DESIGN.md §5), so their answers can be lost after the
 * server committed them: the network drops the answer, or the counter PC dies before recording
 * it. The counter names each call with an id it keeps until the answer is recorded; asked again
 * under that id, the server answers the same instead of calling a second visitor.
 */
export function replayedCall(tx: QueueTx, counterId: string, requestId: string): { answer: CallNextResponse | null } | undefined {
  const row = tx.sql('SELECT call_request_id, call_answer FROM counter_state WHERE counter_id = ?').get(counterId) as
    | { call_request_id: string | null; call_answer: string | null }
    | undefined;
  if (row === undefined || row.call_request_id !== requestId) return undefined;
  return { answer: row.call_answer === null ? null : (JSON.parse(row.call_answer) as CallNextResponse) };
}

export function rememberCall(tx: QueueTx, counterId: string, requestId: string, answer: CallNextResponse | null): void {
  tx.sql('UPDATE counter_state SET call_request_id = ?, call_answer = ? WHERE counter_id = ?').run(
    requestId,
    answer === null ? null : JSON.stringify(answer),
    counterId,
  );
}

/** Runs a call once per request id (every time when there is none). */
export function callOnce(tx: QueueTx, counterId: string, requestId: string | undefined, call: () => CallNextResponse | null): CallNextResponse | null {
  if (requestId === undefined) return call();
  const replayed = replayedCall(tx, counterId, requestId);
  if (replayed) return replayed.answer;
  const answer = call();
  rememberCall(tx, counterId, requestId, answer);
  return answer;
}
