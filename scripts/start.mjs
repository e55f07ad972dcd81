#!/usr/bin/env node
// `npm start`: the whole demo on this machine. Builds the app, starts the hall server with the demo
// hall (MPP Kabupaten Lebong) on 127.0.0.1:7420, makes enrollment codes for a counter PC, a kiosk
// and a display board, and opens the counter app: in Electron where its binary exists, otherwise
// through the browser bridge on 127.0.0.1:7421. Every URL is printed.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, ensureNative } from './ensure-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const HALL_PORT = 7420;
const COUNTER_PORT = 7421;
const hallData = join(root, '.loket-data', 'hall');
const counterData = join(root, '.loket-data', 'counter');
const children = [];

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));

const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
ensureNative('node');

// The demo server runs on loopback, where plain HTTP is allowed; on a hall LAN run
// `npm run server -- start` (HTTPS with a certificate it makes, fingerprint printed).
const server = spawn(
  bin('tsx'),
  ['server/cli/loket-server.ts', 'start', '--demo', '--host', '127.0.0.1', '--port', String(HALL_PORT), '--insecure-http', '--data', hallData],
  { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
);
children.push(server);
server.on('exit', (code) => {
  console.error(`The hall server stopped (exit ${code}). Is port ${HALL_PORT} already in use? Stop the other program and run npm start again.`);
  stopAll(1);
});
const serverUrl = await new Promise((resolve) => {
  let seen = '';
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    seen += chunk.toString();
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
    if (m) resolve(m[1]);
  });
});

function enrollCode(kind, counter) {
  const args = ['server/cli/loket-server.ts', 'enroll-code', '--kind', kind, '--data', hallData, '--ttl', '1440'];
  if (counter) args.push('--counter', counter);
  const r = spawnSync(bin('tsx'), args, { cwd: root, encoding: 'utf8' });
  return /: ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(r.stdout ?? '')?.[1] ?? '(failed: run `npm run server -- enroll-code`)';
}
const codes = { counter: enrollCode('counter', 'loket-1'), kiosk: enrollCode('kiosk'), board: enrollCode('board') };

// A simulated call-button and display (the reference firmware in simavr) where the tools exist:
// the counter app offers it in the technician screen's port list.
const demoDevicePath = join(root, '.loket-data', 'demo-device', 'tty');
const deviceSim = spawn(bin('tsx'), ['scripts/demo-device.ts', demoDevicePath], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
children.push(deviceSim);
const demoDevice = await new Promise((resolveDevice) => {
  let seen = '';
  deviceSim.stdout.on('data', (chunk) => {
    seen += chunk.toString();
    const m = /DEMO-DEVICE (\S+)/.exec(seen);
    if (m) resolveDevice(m[1] === 'none' ? null : m[1]);
    if (m) deviceSim.stdout.on('data', (more) => process.stdout.write(more));
  });
  deviceSim.on('exit', () => resolveDevice(null));
});
process.stdin.on('data', (chunk) => deviceSim.stdin.write(chunk));
if (demoDevice) process.env['LOKET_SERIAL_PORTS'] = demoDevice;

const electron = electronBinary();
let counterUrl;
if (electron) {
  ensureNative('electron');
  children.push(spawn(electron, ['.'], { cwd: root, stdio: 'inherit' }));
  counterUrl = 'the Loket window';
} else {
  console.log('Electron is not available on this machine, so the counter UI is served through the browser bridge instead.');
  const host = spawn(bin('tsx'), ['main/headless/cli.ts', '--data', counterData, '--port', String(COUNTER_PORT)], { cwd: root, stdio: 'inherit' });
  children.push(host);
  host.on('exit', (code) => stopAll(code ?? 1));
  counterUrl = `http://127.0.0.1:${COUNTER_PORT}/counter/index.html`;
}

console.log(`
Loket demo is running (Ctrl+C stops everything).
  Hall server     ${serverUrl}
  Counter app     ${counterUrl}
                  first start: Technician screen → server ${serverUrl} → code ${codes.counter} (counter Loket 1)
                  then sign in: petugas01 / PIN 1234
  Kiosk           ${serverUrl}/kiosk/   (enrollment code ${codes.kiosk})
  Display board   ${serverUrl}/board/   (enrollment code ${codes.board})
  Supervisor      supervisor / PIN 5678     Technician  teknisi / PIN 2468     Admin  admin / PIN 9999
Codes are valid once, for 24 hours; \`npm run server -- enroll-code --kind counter --counter loket-2\` makes more.
${demoDevice ? `  Call-button     simulated device at ${demoDevice}: connect it in the counter app (Perangkat → choose it →
                  Simpan & sambungkan); type 1 (call next), 2 (recall) or 3 (finish) + Enter here to press its keys.` : '  Call-button     no simulated device (install gcc-avr avr-libc simavr libsimavr-dev libelf-dev to get one).'}
`);
