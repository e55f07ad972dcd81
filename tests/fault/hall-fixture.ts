import Database from 'better-sqlite3';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_BASE } from '../../core/api.ts';
import { AuthService } from '../../server/auth/auth-service.ts';
import { seedDemo } from '../../server/demo/seed-demo.ts';
import { HALL_DB_FILE } from '../../server/http/hall-server.ts';
import { openHallStore } from '../../server/store/open-store.ts';
import { startHallProcess } from '../support/hall-process.ts';
import { makeTempDir } from '../support/temp-dir.ts';

/**
 * The demo hall, seeded once and copied into every trial: seeding hashes two dozen PINs with
 * scrypt (seconds), copying a closed SQLite file takes a millisecond. Remove it when the suite ends.
 */
export interface HallTemplate {
  readonly file: string;
  remove(): void;
}

/** Seeds the demo hall into a fresh folder, once per suite run. */
export async function prepareHallTemplate(): Promise<HallTemplate> {
  const dir = makeTempDir('loket-fault-template-');
  try {
    const file = join(dir.path, HALL_DB_FILE);
    const db = openHallStore(file);
    try {
      await seedDemo(db, new AuthService({ db, now: Date.now }));
    } finally {
      // The last connection closing checkpoints the WAL into the file, so the file alone is the hall.
      db.close();
    }
    return { file, remove: dir.remove };
  } catch (error) {
    dir.remove();
    throw error;
  }
}

/** A trial's hall: the template copied in, one enrollment code per counter and an enrolled kiosk. */
export function installHall(template: HallTemplate, dataDir: string, counterIds: readonly string[]): { enrollCodes: string[]; kioskToken: string } {
  copyFileSync(template.file, join(dataDir, HALL_DB_FILE));
  const db = openHallStore(join(dataDir, HALL_DB_FILE));
  try {
    const auth = new AuthService({ db, now: Date.now });
    const enrollCodes = counterIds.map((counterId) => auth.createEnrollCode({ kind: 'counter', counterId, ttlMinutes: 30 }).code);
    const kiosk = auth.enroll({ code: auth.createEnrollCode({ kind: 'kiosk', counterId: null, ttlMinutes: 30 }).code, name: 'Fault kiosk' });
    return { enrollCodes, kioskToken: kiosk.token };
  } finally {
    db.close();
  }
}

/**
 * Visitors arriving at the kiosk, straight to the server (not through the faulty network): one
 * ticket every `everyMs` for a random one of `serviceIds`. Failures while the server is down are
 * expected and only counted.
 */
export function startIssuing(o: { serverUrl: string; kioskToken: string; serviceIds: readonly string[]; everyMs: number; initial: number; random: () => number }): {
  stop(): Promise<{ issued: number; failed: number }>;
} {
  let stopped = false;
  let issued = 0;
  let failed = 0;
  const issueOne = async (): Promise<void> => {
    const serviceId = o.serviceIds[Math.floor(o.random() * o.serviceIds.length)];
    try {
      const res = await fetch(`${o.serverUrl}${API_BASE}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${o.kioskToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId, priority: o.random() < 0.15 ? 'priority' : 'normal' }),
        signal: AbortSignal.timeout(1000),
      });
      await res.arrayBuffer();
      if (res.status === 201) issued += 1;
      else failed += 1;
    } catch {
      failed += 1;
    }
  };
  const loop = (async () => {
    for (let i = 0; i < o.initial && !stopped; i++) await issueOne();
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, o.everyMs));
      if (!stopped) await issueOne();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return { issued, failed };
    },
  };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the running server has applied (or flagged) every event it stored. */
export async function settled(hallFile: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const db = new Database(hallFile, { readonly: true, fileMustExist: true });
    let waiting: number;
    try {
      waiting = (db.prepare('SELECT count(*) AS n FROM sync_events WHERE outcome IS NULL').get() as { n: number }).n;
    } finally {
      db.close();
    }
    if (waiting === 0) return true;
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
}

/** The hall server process, killable and restartable on the port the proxy forwards to. */
export class HallProcess {
  private current: Awaited<ReturnType<typeof startHallProcess>> | null = null;
  port = 0;
  constructor(private readonly dataDir: string) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        this.current = await startHallProcess(this.dataDir, this.port);
        this.port = Number(new URL(this.current.url).port);
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await sleep(200);
      }
    }
  }

  async kill(): Promise<void> {
    const child = this.current?.child;
    this.current = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const running = this.current;
    this.current = null;
    await running?.stop();
  }
}
