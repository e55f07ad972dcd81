#!/usr/bin/env node
// `npm start`: builds the counter app and runs it in Electron where the binary exists; elsewhere it
// says so in one line and serves the counter UI through the browser bridge on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, ensureNative } from './ensure-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const build = spawnSync(bin('electron-vite'), ['build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
let child;
if (electron) {
  ensureNative('electron');
  child = spawn(electron, ['.'], { cwd: root, stdio: 'inherit' });
} else {
  console.log('Electron is not available on this machine, so the counter UI is served through the browser bridge instead.');
  ensureNative('node');
  child = spawn(bin('tsx'), ['main/headless/cli.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
