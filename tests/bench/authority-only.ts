import { join } from 'node:path';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { QueueAuthority } from '../../server/queue/queue-authority.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { makeTempDir } from '../support/temp-dir.ts';
import { SERVICES, prepareBenchHall } from './bench-hall.ts';

/**
 * The call-next bench's work without HTTP: the hall server's own queue authority, in this process,
 * on a bench hall of its own, with `counters` loops that each submit a call and then a no-show,
 * through the same group commit the server's routes use. What the queue and SQLite alone allow on
 * this machine: the ceiling no HTTP server in front of them can pass.
 */
export async function authorityOnlyAssignmentsPerSecond(counters: number, tickets: number): Promise<number> {
  const dir = makeTempDir('loket-bench-authority-');
  await prepareBenchHall(dir.path, counters);
  const db = openHallStore(join(dir.path, HALL_DB_FILE));
  try {
    const queue = new QueueAuthority({ db, now: Date.now, publish: () => undefined });
    const officers = db.prepare(`SELECT id FROM users WHERE username = ?`).pluck();
    const ids = Array.from({ length: counters }, (_, i) => officers.get(`o${i + 1}`) as string);
    ids.forEach((id, i) => queue.openCounter(`c${i + 1}`, { id, name: `Officer ${i + 1}` }, SERVICES));
    for (let i = 0; i < tickets; i++) {
      queue.issueTicket({ serviceId: SERVICES[i % SERVICES.length] as string, priority: i % 5 === 0 ? 'priority' : 'normal', channel: 'kiosk' });
    }
    let assigned = 0;
    const started = performance.now();
    await Promise.all(
      ids.map(async (officerId, i) => {
        const counterId = `c${i + 1}`;
        for (;;) {
          const call = await queue.submit((q) => q.callNext(counterId, officerId));
          if (call === null) return;
          assigned += 1;
          await queue.submit((q) => q.noShow(call.ticket.id, counterId, call.leaseEpoch));
        }
      }),
    );
    return assigned / ((performance.now() - started) / 1000);
  } finally {
    db.close();
    dir.remove();
  }
}
