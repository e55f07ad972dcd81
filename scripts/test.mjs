#!/usr/bin/env node
// `npm test`: the whole suite, in order: typecheck, lint, build, unit + integration (Vitest),
// browser tests (Playwright in Debian's Chromium). Suites whose system tool is missing are skipped
// with the reason and the apt-get line; LOKET_REQUIRE_ALL=1 (CI) turns any skip into a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNative } from './ensure-native.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireAll = process.env.LOKET_REQUIRE_ALL === '1';
const bin = (name) => join(root, 'node_modules', '.bin', name);
const results = [];

function step(title, command, args, env = {}) {
  console.log(`\n━━ ${title}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ title, ok, seconds: (Date.now() - started) / 1000 });
  return ok;
}

function skip(title, reason, fix) {
  const line = `${title}: skipped, ${reason}. Fix: ${fix}`;
  if (requireAll) {
    console.error(`\n━━ ${title}\n${line}\nLOKET_REQUIRE_ALL=1: a skipped suite is a failure.`);
    results.push({ title, ok: false, seconds: 0 });
  } else {
    console.warn(`\n━━ ${title}\n${line}`);
    results.push({ title, ok: true, skipped: true, seconds: 0 });
  }
}

ensureNative('node');
step('Typecheck (core, Node side, web side)', 'npm', ['run', '--silent', 'typecheck']);
step('Lint', bin('eslint'), ['.', '--max-warnings', '0']);
const built = step('Build (main, preload, renderer)', bin('electron-vite'), ['build', '--logLevel', 'warn']);
step('Unit and integration tests (Vitest)', bin('vitest'), ['run']);
if (!existsSync('/usr/bin/chromium')) {
  skip('Browser tests (Playwright)', '/usr/bin/chromium is not installed', 'apt-get install -y chromium');
} else if (!built) {
  results.push({ title: 'Browser tests (Playwright)', ok: false, seconds: 0 });
  console.error('Browser tests not run: the build failed.');
} else {
  step('Browser tests (Playwright, Debian Chromium)', bin('playwright'), ['test']);
}

console.log('\n━━ Summary');
for (const r of results) console.log(`${r.ok ? (r.skipped ? 'skip' : 'pass') : 'FAIL'}  ${r.title} (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
