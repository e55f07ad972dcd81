#!/usr/bin/env node
// Makes the native modules loadable by the runtime about to start (plain Node for tests and the
// browser bridge, Electron for the app). Node and Electron need different builds (ABIs); rather
// than keeping two copies, we probe by actually loading each module in the target runtime and
// rebuild from source only when that fails. Switching runtimes costs one rebuild; nothing else.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NATIVE_MODULES } from './native-modules.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** Path of the Electron binary, or null when it was never downloaded (as on the build machines). */
export function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function loads(executable, env, probe) {
  const r = spawnSync(executable, ['-e', probe], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { ok: r.status === 0, detail: (r.stderr || '').split('\n').find((l) => l.trim()) ?? '' };
}

function rebuild(name, env) {
  const r = spawnSync('npm', ['rebuild', name, '--build-from-source'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return r.status === 0;
}

export function ensureNative(runtime) {
  let executable = process.execPath;
  let runEnv = {};
  let buildEnv = {};
  if (runtime === 'electron') {
    executable = electronBinary();
    if (!executable) return false;
    const version = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
    runEnv = { ELECTRON_RUN_AS_NODE: '1' };
    buildEnv = { npm_config_runtime: 'electron', npm_config_target: version, npm_config_disturl: 'https://electronjs.org/headers' };
  }
  for (const { name, probe } of NATIVE_MODULES) {
    const first = loads(executable, runEnv, probe);
    if (first.ok) continue;
    console.log(`${name} is not built for ${runtime} (${first.detail}); rebuilding it from source, about two minutes…`);
    if (!rebuild(name, buildEnv) || !loads(executable, runEnv, probe).ok) {
      throw new Error(`Could not build ${name} for ${runtime}. Check that python3, make and a C++ compiler are installed, then run \`npm rebuild ${name}\`.`);
    }
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runtime = process.argv[2] ?? 'node';
  if (runtime !== 'node' && runtime !== 'electron') {
    console.error('usage: node scripts/ensure-native.mjs node|electron');
    process.exit(2);
  }
  try {
    if (!ensureNative(runtime)) console.log('Electron binary not present: nothing to build for it.');
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
