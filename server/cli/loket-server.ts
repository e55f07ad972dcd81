import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AddUserRequestSchema, DEFAULT_SERVER_PORT, EnrollCodeRequestSchema } from '../../core/api.ts';
import { HallConfigSchema } from '../../core/domain.ts';
import { backupDatabase } from '../../platform/sqlite-backup.ts';
import { AuthService } from '../auth/auth-service.ts';
import { DEMO_PINS } from '../demo/demo-hall.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { seedHistory } from '../history/seed-history.ts';
import { HALL_DB_FILE, startHallServer } from '../http/hall-server.ts';
import { parseInput } from '../http/http-errors.ts';
import { ensureCertificate } from '../http/tls.ts';
import { rebuildRollups } from '../reports/rebuild-rollups.ts';
import { saveHallConfig } from '../store/hall-config-store.ts';
import { openHallStore } from '../store/open-store.ts';
import { REPO_ROOT, VERSION } from './paths.ts';

const HELP = `loket-server: the hall server of Loket (queue authority, replication target, live feed, pages).

Usage: loket-server <command> [options]     (from the repository: npm run server -- <command>)

Commands
  start                 run the server
      --port N          port (default ${DEFAULT_SERVER_PORT})
      --host ADDR       address to bind (default 0.0.0.0: the hall LAN)
      --data DIR        data folder (default ./.loket-data/hall)
      --config FILE     load this hall configuration (JSON) before starting
      --demo            load the demo hall (MPP Kabupaten Lebong) if the hall is empty
      --cert F --key F  use your own TLS certificate; otherwise one is made on first start
      --insecure-http   plain HTTP on a LAN address (only for a closed test network)
  enroll-code           make a one-time code to enroll a device
      --kind counter|kiosk|board   --counter ID (for counter PCs)   --ttl MINUTES (default 60)
  user add              --username U --name "Full Name" --role officer|supervisor|technician|admin
                        --pin 1234 [--counter ID ...]
  user reset-pin        --username U --pin 1234
  backup                --to FILE   online copy of the hall database while the server runs
  seed-demo             load the demo hall and its users into the data folder
  seed-history          fill the data folder with generated history of the demo hall (reports, demos)
      --days N          calendar days (default 30), ending --end-day YYYY-MM-DD (default yesterday)
      --counters M      counters in use (default 20; more than the demo's 20 adds counters)
      --seed S          the same seed gives the same history (default 1)
  rebuild-rollups       recompute the report roll-ups from the tickets and their log, and say
                        how many roll-up rows differed from the ones kept as events arrived
  --help                this text
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string', default: resolve(REPO_ROOT, '.loket-data', 'hall') },
    config: { type: 'string' },
    demo: { type: 'boolean', default: false },
    cert: { type: 'string' },
    key: { type: 'string' },
    'insecure-http': { type: 'boolean', default: false },
    kind: { type: 'string' },
    counter: { type: 'string', multiple: true },
    ttl: { type: 'string' },
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    pin: { type: 'string' },
    to: { type: 'string' },
    days: { type: 'string' },
    counters: { type: 'string' },
    seed: { type: 'string' },
    'end-day': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(`loket-server: ${message}\nRun \`loket-server --help\` for usage.`);
  process.exit(2);
}

function withStore<T>(run: (db: ReturnType<typeof openHallStore>, auth: AuthService) => Promise<T>): Promise<T> {
  const db = openHallStore(resolve(values.data, HALL_DB_FILE));
  const auth = new AuthService({ db, now: Date.now });
  return run(db, auth).finally(() => db.close());
}

function printDemoSignIns(): void {
  console.log(`Demo sign-ins: officers petugas01…petugas20 PIN ${DEMO_PINS.officer}; supervisor PIN ${DEMO_PINS.supervisor}; teknisi PIN ${DEMO_PINS.technician}; admin PIN ${DEMO_PINS.admin}.`);
}

async function start(): Promise<void> {
  const port = values.port === undefined ? DEFAULT_SERVER_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be 0–65535, got ${values.port}`);
  if ((values.cert === undefined) !== (values.key === undefined)) fail('give both --cert and --key, or neither');
  await withStore(async (db, auth) => {
    if (values.config) saveHallConfig(db, HallConfigSchema.parse(JSON.parse(readFileSync(values.config, 'utf8'))));
    if (values.demo && !db.prepare('SELECT 1 FROM hall').get()) {
      await seedDemo(db, auth);
      printDemoSignIns();
    }
  });
  const tls = values['insecure-http']
    ? null
    : await ensureCertificate(values.data, values.cert && values.key ? { certFile: values.cert, keyFile: values.key } : undefined);
  const server = await startHallServer({
    dataDir: values.data,
    version: VERSION,
    port,
    host: values.host ?? '0.0.0.0',
    tls,
    allowPlainHttp: values['insecure-http'],
    pagesDir: resolve(REPO_ROOT, 'out', 'renderer'),
    audioDir: resolve(REPO_ROOT, 'build', 'audio'),
    logLevel: 'info',
    warmPushChecker: true,
  });
  console.log(`Hall server ${VERSION} listening on ${server.url}`);
  if (tls) console.log(`Certificate SHA-256 fingerprint (check it when enrolling a counter PC): ${tls.fingerprint256}`);
  console.log(`Pages: ${server.url}/kiosk/  ${server.url}/board/  ${server.url}/dashboard/`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(HELP);
    return;
  }
  switch (command) {
    case 'start':
      return start();
    case 'seed-demo':
      return withStore(async (db, auth) => {
        const { created } = await seedDemo(db, auth);
        console.log(`Demo hall loaded into ${values.data} (${created} users created).`);
        printDemoSignIns();
      });
    case 'enroll-code':
      return withStore(async (_db, auth) => {
        const input = parseInput(
          EnrollCodeRequestSchema,
          { kind: values.kind, counterId: values.counter?.[0] ?? null, ...(values.ttl ? { ttlMinutes: Number(values.ttl) } : {}) },
          'enroll-code option',
        );
        const code = auth.createEnrollCode(input);
        console.log(`Enrollment code for a ${code.kind}${code.counterId ? ` (counter ${code.counterId})` : ''}: ${code.code}`);
        console.log(`Valid once, until ${new Date(code.expiresAt).toLocaleString('id-ID')}.`);
      });
    case 'user':
      return withStore(async (_db, auth) => {
        if (sub === 'add') {
          const input = parseInput(
            AddUserRequestSchema,
            { username: values.username, name: values.name, role: values.role, pin: values.pin, counterIds: values.counter ?? [] },
            'user option',
          );
          await auth.addUser(input);
          console.log(`User ${input.username} (${input.role}) added.`);
        } else if (sub === 'reset-pin') {
          if (!values.username || !values.pin) fail('user reset-pin needs --username and --pin');
          await auth.resetPin(values.username.toLowerCase(), parseInput(AddUserRequestSchema.shape.pin, values.pin, 'pin'));
          console.log(`PIN of ${values.username} reset; their open sessions were ended.`);
        } else fail('use `user add` or `user reset-pin`');
      });
    case 'seed-history':
      return withStore(async (db) => {
        const number = (text: string | undefined, fallback: number): number => (text === undefined ? fallback : Number(text));
        const result = await seedHistory(db, {
          days: number(values.days, 30),
          counters: number(values.counters, 20),
          seed: number(values.seed, 1),
          ...(values['end-day'] === undefined ? {} : { endDay: values['end-day'] }),
          onDay: (day, tickets) => process.stdout.write(`\r${day}: ${tickets} tickets   `),
        });
        console.log(
          `\nHistory ${result.from} … ${result.to} written to ${values.data}: ${result.tickets} tickets on ${result.openDays} open days, ` +
            `${result.actions} actions, in ${(result.ms / 1000).toFixed(1)} s (roll-ups rebuilt: ${result.rebuild?.rollupRows ?? 0} rows).`,
        );
      });
    case 'rebuild-rollups':
      return withStore(async (db) => {
        const result = rebuildRollups(db, { compare: true });
        console.log(
          `Report roll-ups rebuilt from ${result.tickets} tickets in ${(result.ms / 1000).toFixed(1)} s: ${result.rollupRows} rows; ` +
            (result.differences === 0 ? 'they agree with the roll-ups kept as events arrived.' : `${result.differences} rows differed from the ones kept (now corrected).`),
        );
      });
    case 'backup':
      if (!values.to) fail('backup needs --to FILE');
      return withStore(async (db) => {
        await backupDatabase(db, resolve(values.to as string));
        console.log(`Hall database copied to ${resolve(values.to as string)}.`);
      });
    default:
      fail(`unknown command "${command}"`);
  }
}

main().catch((error: unknown) => {
  console.error(`loket-server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
