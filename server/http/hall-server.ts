import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { API_BASE } from '../../core/api.ts';
import type { StreamMessage } from '../../core/stream.ts';
import { AuthService } from '../auth/auth-service.ts';
import { StreamHub } from '../live/stream-hub.ts';
import { KioskPrinting } from '../printing/kiosk-printing.ts';
import { QueueAuthority } from '../queue/queue-authority.ts';
import { PushChecker } from '../sync/push-checker.ts';
import { SyncApplier } from '../sync/sync-applier.ts';
import { rebuildRollupsIfNeeded } from '../reports/rebuild-rollups.ts';
import { followRollups } from '../reports/rollup-follower.ts';
import { openHallStore } from '../store/open-store.ts';
import { WalCheckpointer } from '../store/wal-checkpointer.ts';
import { bearerToken } from './access.ts';
import { registerAudioClips } from './audio-clips.ts';
import type { HallContext } from './hall-context.ts';
import { handleError, sendError } from './http-errors.ts';
import { registerPrintingRoutes } from './routes/printing-routes.ts';
import { registerQueueRoutes } from './routes/queue-routes.ts';
import { registerReportRoutes } from './routes/report-routes.ts';
import { registerSyncRoutes } from './routes/sync-routes.ts';
import { registerSystemRoutes } from './routes/system-routes.ts';
import { registerVisitorRoutes } from './routes/visitor-routes.ts';

export const HALL_DB_FILE = 'hall.sqlite';
export const PAGES_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; media-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface HallServerOptions {
  dataDir: string;
  version: string;
  port?: number;
  host?: string;
  /** Certificate and key; null serves plain HTTP, which is refused unless bound to loopback or `allowPlainHttp`. */
  tls: { key: string; cert: string } | null;
  allowPlainHttp?: boolean;
  /** Built pages (out/renderer); absent pages answer 404 with what to do. */
  pagesDir?: string;
  /** Voice-call clips made by the build (build/audio); the hall's own in `<dataDir>/audio/` win. */
  audioDir?: string;
  /** How long a kiosk's network printer may take for one ticket (core/kiosk-printing.ts PRINT_TIMEOUT_MS). */
  printTimeoutMs?: number;
  now?: () => number;
  logLevel?: 'silent' | 'error' | 'warn' | 'info';
  /**
   * Start the push checker's thread with the server rather than at the first large push, so the
   * first backlog after a restart does not wait for it to load (the CLI does; tests need not).
   */
  warmPushChecker?: boolean;
}

export interface RunningHallServer {
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  readonly ctx: HallContext;
  close(): Promise<void>;
}

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === '::1' || host === 'localhost';

/** Builds and starts the hall server: store, auth, queue authority, live feed, API and pages. */
export async function startHallServer(options: HallServerOptions): Promise<RunningHallServer> {
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !isLoopback(host) && !options.allowPlainHttp) {
    throw new Error(`Refusing plain HTTP on ${host}: the LAN needs HTTPS. Drop --insecure-http or bind to 127.0.0.1.`);
  }
  const now = options.now ?? Date.now;
  const dbFile = join(options.dataDir, HALL_DB_FILE);
  const db = openHallStore(dbFile);
  const checkpointer = new WalCheckpointer(db, dbFile, (error) => console.error(`Loket: WAL checkpoints of the hall database: ${error.message}`));
  // History that predates the report roll-ups (migration 0004) is rolled up once, before serving.
  rebuildRollupsIfNeeded(db);
  const rollups = followRollups(db, (error) => console.error('Loket: the report roll-ups could not take up new log entries; the next try follows shortly.', error));
  const auth = new AuthService({ db, now });
  const hub = new StreamHub({ authenticate: (t) => auth.authenticate(t), version: options.version, now });
  const queue = new QueueAuthority({ db, now, publish: (m: StreamMessage) => hub.publish(m) });
  const printing = new KioskPrinting({
    db,
    queue,
    // Printer failures go to the server log at its level (they name the kiosk and printer, never a ticket).
    warn: (message) => app.log.warn(message),
    ...(options.printTimeoutMs ? { timeoutMs: options.printTimeoutMs } : {}),
  });
  const ctx: HallContext = { db, auth, queue, hub, printing, pushChecker: new PushChecker(), applier: new SyncApplier(queue, (e) => console.error('Loket: applying replicated events failed; they stay stored and are retried', e)), version: options.version, now };

  // The checker's thread loads while the server starts (the CLI's server answers only when it is ready).
  const checkerReady = options.warmPushChecker ? ctx.pushChecker.warmUp() : Promise.resolve();

  const app = Fastify({
    ...(options.tls ? { https: { key: options.tls.key, cert: options.tls.cert } } : {}),
    bodyLimit: 64 * 1024,
    // Request lines can hold tracking codes and the queue is about people: log failures only.
    logController: new LogController({ disableRequestLogging: true }),
    logger: { level: options.logLevel ?? 'warn', redact: ['req.headers.authorization'] },
  });
  // The API speaks JSON only: anything else is refused with 415 rather than parsed as text.
  app.removeContentTypeParser('text/plain');
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request);
    request.principal = token ? auth.authenticate(token) : null;
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, { code: 'no_such_route', message: `There is no ${request.method} ${request.url.split('?')[0]}. Check the address (API base ${API_BASE}).` }),
  );

  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  app.get(`${API_BASE}/stream`, { websocket: true }, (socket) => hub.attach(socket));
  registerSystemRoutes(app, ctx);
  registerQueueRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerReportRoutes(app, ctx);
  registerVisitorRoutes(app, ctx);
  registerPrintingRoutes(app, ctx);
  await registerPages(app, options.pagesDir);
  registerAudioClips(app, [join(options.dataDir, 'audio'), ...(options.audioDir ? [options.audioDir] : [])]);

  await app.listen({ port: options.port ?? 0, host });
  // Events acknowledged before a restart but not yet applied.
  ctx.applier.schedule();
  await checkerReady;
  const port = (app.server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    port,
    app,
    ctx,
    close: async () => {
      ctx.applier.close();
      hub.close();
      await app.close();
      await ctx.pushChecker.close();
      rollups.stop();
      await checkpointer.close();
      db.close();
    },
  };
}

/** The hall's web pages (kiosk, display board, supervisor dashboard) from the renderer build, under a strict CSP. */
async function registerPages(app: FastifyInstance, pagesDir: string | undefined): Promise<void> {
  if (!pagesDir || !existsSync(pagesDir)) return;
  await app.register(fastifyStatic, {
    root: pagesDir,
    prefix: '/',
    index: ['index.html'],
    allowedPath: (path) => !path.startsWith('/.vite') && !path.startsWith('/counter'),
    setHeaders: (res) => {
      res.setHeader('Content-Security-Policy', PAGES_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });
  app.get('/', (_request, reply) => reply.redirect('/board/'));
}
