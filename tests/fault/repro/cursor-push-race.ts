import { startTestHall } from '../../support/hall-server.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { describeResult, reproCounter } from './repro-support.ts';

/**
 * Reproduction (fault suite, e.g. seed 11): a false `restored_copy` alarm. On every reconnect the
 * replicator asks `GET /sync/cursor?lastSeq=N` with the ledger's last seq read when the request is
 * built; an action recorded meanwhile is pushed on another request. If the push of N+1 is stored
 * before the cursor request is handled (it was slower on the network; in the suite: a counter PC
 * restarting, whose officer opens the counter while the feed's reconnect is still in flight), the
 * server sees a PC "behind" its acknowledged seq and raises an alarm for supervisors, although
 * nothing was restored.
 *
 * The cursor request is delayed here by 300 ms, standing in for a slow network path.
 * Run: npx tsx tests/fault/repro/cursor-push-race.ts   (exit 1: reproduced)
 */
const hall = await startTestHall();
const dir = makeTempDir('loket-repro-');
let reproduced: boolean;
try {
  const counter = await reproCounter(hall, hall.server.url, dir.path);
  const link = counter.services.link;
  const request = link.request.bind(link);
  let walkIn: Promise<string> | null = null;
  link.request = (async (caller, method, path, schema, body) => {
    if (path.startsWith('/sync/cursor') && walkIn === null) {
      console.log('cursor asked:', path.replace(/deviceId=[^&]+&/, ''));
      walkIn = counter.call('startWalkIn', { serviceId: 'ktp-el' }).then(describeResult);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return request(caller, method, path, schema, body);
  }) as typeof link.request;

  await hall.restart(); // the live feed reconnects, and the replicator asks for the cursor
  await counter.waitOnline();
  while (walkIn === null) await new Promise((resolve) => setTimeout(resolve, 20));
  console.log('walk-in recorded meanwhile:', await walkIn);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const alarms = hall.server.ctx.db.prepare('SELECT kind, seq, detail FROM sync_alarms').all() as { kind: string; seq: number; detail: string }[];
  console.log('alarms:', JSON.stringify(alarms));
  reproduced = alarms.some((a) => a.kind === 'restored_copy');
  counter.services.close();
} finally {
  await hall.close();
  dir.remove();
}
console.log(reproduced ? 'REPRODUCED: restored_copy raised for a PC that was never restored' : 'not reproduced');
process.exit(reproduced ? 1 : 0);
