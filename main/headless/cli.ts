import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { HallConfigSchema } from '../../core/domain.ts';
import { knownPortsFromEnv } from '../hardware/known-ports.ts';
import { startHeadlessHost } from './host.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repo, '.loket-data', 'counter') },
    port: { type: 'string', default: '7421' },
    counter: { type: 'string', default: 'loket-1' },
    config: { type: 'string', default: resolve(repo, 'resources', 'demo', 'starter-hall.json') },
    renderer: { type: 'string', default: resolve(repo, 'out', 'renderer') },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(`Loket counter app without Electron (headless host + browser bridge), bound to 127.0.0.1.

  --data DIR        data folder holding the counter's ledger (default .loket-data/counter)
  --port N          port on 127.0.0.1 (default 7421; 0 picks a free one)
  --counter ID      which counter this PC is until it is enrolled (default loket-1)
  --config FILE     hall configuration JSON used until the PC is enrolled with a hall server
                    (default resources/demo/starter-hall.json); enroll from the technician screen
  --renderer DIR    built renderer (default out/renderer; run \`npm run build\` first)`);
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a number from 0 to 65535, got ${JSON.stringify(values.port)}.`);
  process.exit(2);
}

const { version } = JSON.parse(readFileSync(resolve(repo, 'package.json'), 'utf8')) as { version: string };
const host = await startHeadlessHost({
  dataDir: values.data,
  rendererDir: values.renderer,
  hallConfig: HallConfigSchema.parse(JSON.parse(readFileSync(values.config, 'utf8'))),
  counterId: values.counter,
  version,
  port,
  serialPorts: knownPortsFromEnv(process.env),
});
console.log(`Counter UI (browser bridge): ${host.url}`);
console.log(`Ledger: ${resolve(values.data)}`);
const enrolled = host.services.link.enrollment;
console.log(
  enrolled
    ? `Hall server: ${enrolled.serverUrl} (counter ${enrolled.counterId}${enrolled.fingerprint256 ? `, certificate ${enrolled.fingerprint256}` : ''})`
    : 'Hall server: not enrolled yet (open the counter page: its technician screen enrolls this PC with a code)',
);

const stop = (): void => {
  void host.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
