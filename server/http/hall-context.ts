import type { Database } from 'better-sqlite3';
import type { AuthService } from '../auth/auth-service.ts';
import type { StreamHub } from '../live/stream-hub.ts';
import type { KioskPrinting } from '../printing/kiosk-printing.ts';
import type { QueueAuthority } from '../queue/queue-authority.ts';
import type { PushChecker } from '../sync/push-checker.ts';
import type { SyncApplier } from '../sync/sync-applier.ts';

/** Everything the routes need, built once by the server and passed down (no module state). */
export interface HallContext {
  db: Database;
  auth: AuthService;
  queue: QueueAuthority;
  /** Applies large replicated backlogs to the queue in the background. */
  applier: SyncApplier;
  /** Parses and checks replication pushes (large ones on a worker thread). */
  pushChecker: PushChecker;
  hub: StreamHub;
  /** Prints tickets on the kiosks' network printers. */
  printing: KioskPrinting;
  version: string;
  now: () => number;
}
