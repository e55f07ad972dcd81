import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The dependency direction of DESIGN.md §2, enforced by the project's real eslint.config.js:
 * code is linted as if it lived at a path in the repo (lintText with a virtual filePath), so the
 * per-folder rules apply exactly as `npm run lint` applies them.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DEPENDENCY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-syntax']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${filePath} did not parse: ${fatal.message}`);
  return result.messages;
}

const show = (messages: Linter.LintMessage[]): string =>
  messages.map((m) => `  ${m.line}:${m.column} ${m.ruleId ?? '(no rule)'} ${m.message}`).join('\n') || '  (no messages)';

async function expectBlocked(
  filePath: string,
  code: string,
  rule: 'no-restricted-imports' | 'no-restricted-globals' | 'no-restricted-syntax',
  reason: RegExp = /DESIGN\.md §2|core\/ must run/,
) {
  const messages = await lint(filePath, code);
  const hits = messages.filter((m) => m.ruleId === rule && m.severity === 2);
  expect(hits.length, `${filePath}: expected a ${rule} error for\n${code}\ngot:\n${show(messages)}`).toBeGreaterThan(0);
  // The message must give the project's reason, not only ESLint's generic text.
  expect(hits.some((m) => reason.test(m.message)), `expected the reason ${reason} in\n${show(hits)}`).toBe(true);
}

async function expectClean(filePath: string, code: string) {
  const messages = await lint(filePath, code);
  expect(messages, `${filePath} should lint clean, got:\n${show(messages)}`).toEqual([]);
}

describe('core/ imports nothing from electron, node:*, the DOM or the app folders', () => {
  const file = 'core/lint-probe.ts';
  it.each([
    ['electron', "import { app } from 'electron';\nexport const a = app;\n"],
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['fs (bare built-in)', "import { readFileSync } from 'fs';\nexport const a = readFileSync;\n"],
    ['node:fs/promises', "import { readFile } from 'node:fs/promises';\nexport const a = readFile;\n"],
    ['path', "import path from 'path';\nexport const a = path;\n"],
    ['../main/…', "import { openLedger } from '../main/ledger/open-ledger.ts';\nexport const a = openLedger;\n"],
    ['../renderer/…', "import { x } from '../renderer/counter/call.ts';\nexport const a = x;\n"],
    ['../server/…', "import { x } from '../server/queue.ts';\nexport const a = x;\n"],
    ['react', "import { useState } from 'react';\nexport const a = useState;\n"],
    ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['a type-only import of electron', "import type { App } from 'electron';\nexport type A = App;\n"],
    ['a re-export of node:fs', "export * from 'node:fs';\n"],
    ["import fs = require('fs')", "import fs = require('fs');\nexport const a = fs;\n"],
  ])('blocks %s', async (_what, code) => {
    await expectBlocked(file, code, 'no-restricted-imports');
  });

  it.each([
    ['window', 'export const href = (): string => window.location.href;\n'],
    ['document', "export const el = (): unknown => document.getElementById('x');\n"],
    ['process', "export const env = (): unknown => process.env['TZ'];\n"],
    ['Buffer', "export const b = (): unknown => Buffer.from('x');\n"],
    ['localStorage', "export const v = (): unknown => localStorage.getItem('x');\n"],
  ])('blocks the global %s', async (_what, code) => {
    await expectBlocked(file, code, 'no-restricted-globals');
  });

  it('applies in nested folders of core/ too', async () => {
    await expectBlocked('core/lsp/codec.ts', "import { Transform } from 'node:stream';\nexport const a = Transform;\n", 'no-restricted-imports');
  });

  it('lets core/ import zod and its own modules, and use the globals every runtime has', async () => {
    await expectClean(
      file,
      [
        "import { z } from 'zod';",
        "import { formatTicketNumber } from './domain.ts';",
        "import type { Ticket } from './domain.ts';",
        'export const schema = z.object({ n: z.string() });',
        "export const label = (t: Ticket): string => `${t.number} ${formatTicketNumber('A', 1)} ${JSON.stringify(new Date(0))}`;",
        'export const later = (f: () => void): unknown => setTimeout(f, 1);',
        '',
      ].join('\n'),
    );
  });
});

describe('renderer/ imports only core/ and UI libraries', () => {
  it.each([
    ['renderer/counter/App.tsx', 'electron', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['renderer/counter/App.tsx', 'node:path', "import { join } from 'node:path';\nexport const a = join;\n"],
    ['renderer/counter/App.tsx', 'path', "import { join } from 'path';\nexport const a = join;\n"],
    ['renderer/counter/App.tsx', 'better-sqlite3', "import Database from 'better-sqlite3';\nexport const a = Database;\n"],
    ['renderer/counter/call.ts', '../../main/x.ts', "import { x } from '../../main/x.ts';\nexport const a = x;\n"],
    ['renderer/x.ts', '../main/x.ts', "import { x } from '../main/x.ts';\nexport const a = x;\n"],
    ['renderer/counter/call.ts', '../../server/…', "import { x } from '../../server/api.ts';\nexport const a = x;\n"],
    ['renderer/counter/call.ts', '../../preload/…', "import { x } from '../../preload/index.ts';\nexport const a = x;\n"],
  ])('%s may not import %s', async (filePath, _what, code) => {
    await expectBlocked(filePath, code, 'no-restricted-imports');
  });

  it('lets a React screen import react and core/, and use the DOM', async () => {
    await expectClean(
      'renderer/counter/Probe.tsx',
      [
        "import { useState } from 'react';",
        "import { formatTicketNumber } from '../../core/domain.ts';",
        '',
        'export function Probe(): React.JSX.Element {',
        "  const [n] = useState(() => formatTicketNumber('A', 12));",
        '  return <button onClick={() => window.alert(n)}>{n}</button>;',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('main/: only main/index.ts and main/shell/ import electron', () => {
  it.each([
    ['main/ledger/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/ledger/x.ts', "import { app } from 'electron/main';\nexport const a = app;\n"],
    ['main/hardware/serial.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/sync/client.ts', "import type { WebContents } from 'electron';\nexport type W = WebContents;\n"],
    ['main/headless/host.ts', "import { app } from 'electron';\nexport const a = app;\n"],
  ])('%s may not import electron', async (filePath, code) => {
    await expectBlocked(filePath, code, 'no-restricted-imports');
  });

  it.each([
    ['main/ledger/x.ts', "import { x } from '../../renderer/counter/call.ts';\nexport const a = x;\n"],
    ['main/sync/x.ts', "import { x } from '../../server/api.ts';\nexport const a = x;\n"],
    ['main/index.ts', "import { x } from '../server/api.ts';\nexport const a = x;\n"],
    ['main/shell/window.ts', "import { x } from '../../renderer/counter/call.ts';\nexport const a = x;\n"],
  ])('%s may not import renderer/ or server/', async (filePath, code) => {
    await expectBlocked(filePath, code, 'no-restricted-imports');
  });

  it.each([
    ['main/index.ts', "import { app } from 'electron';\nimport { readFileSync } from 'node:fs';\nexport const a = [app, readFileSync];\n"],
    ['main/shell/window.ts', "import { BrowserWindow } from 'electron';\nexport const a = BrowserWindow;\n"],
    ['main/shell/ipc.ts', "import { ipcMain } from 'electron';\nimport { INVOKE_NAMES } from '../../core/ipc.ts';\nexport const a = [ipcMain, INVOKE_NAMES];\n"],
  ])('%s may import electron', async (filePath, code) => {
    await expectClean(filePath, code);
  });

  it('lets the services use Node, native modules and core/', async () => {
    await expectClean(
      'main/ledger/open-probe.ts',
      "import Database from 'better-sqlite3';\nimport { join } from 'node:path';\nimport { EVENT_TYPES } from '../../core/events.ts';\nexport const a = [Database, join, EVENT_TYPES];\n",
    );
  });
});

describe('server/ imports core/ only among the app folders, and never electron', () => {
  it.each([
    ['server/x.ts', '../main/…', "import { x } from '../main/ledger/open-ledger.ts';\nexport const a = x;\n"],
    ['server/http/x.ts', '../../main/…', "import { x } from '../../main/ledger/open-ledger.ts';\nexport const a = x;\n"],
    ['server/x.ts', 'electron', "import { app } from 'electron';\nexport const a = app;\n"],
    ['server/x.ts', '../renderer/…', "import { x } from '../renderer/counter/call.ts';\nexport const a = x;\n"],
    ['server/x.ts', '../preload/…', "import { x } from '../preload/index.ts';\nexport const a = x;\n"],
  ])('%s may not import %s', async (filePath, _what, code) => {
    await expectBlocked(filePath, code, 'no-restricted-imports');
  });

  it('lets the server use Node and core/', async () => {
    await expectClean(
      'server/probe.ts',
      "import { createServer } from 'node:http';\nimport { formatTicketNumber } from '../core/domain.ts';\nexport const a = [createServer, formatTicketNumber];\n",
    );
  });
});

describe('preload/ imports only electron and core/', () => {
  it('may not import Node built-ins or main/', async () => {
    const reason = /preload\/ builds window\.loket/;
    await expectBlocked('preload/index.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports', reason);
    await expectBlocked('preload/index.ts', "import { x } from '../main/app-services.ts';\nexport const a = x;\n", 'no-restricted-imports', reason);
  });

  it('may import electron and core/', async () => {
    await expectClean(
      'preload/index.ts',
      "import { contextBridge } from 'electron';\nimport { buildLoketApi } from '../core/ipc.ts';\nexport const a = [contextBridge, buildLoketApi];\n",
    );
  });
});

describe('the real source tree', () => {
  it('lints core/, main/, preload/, renderer/ and server/ (none of them is ignored)', async () => {
    for (const file of ['core/domain.ts', 'main/index.ts', 'main/ledger/x.ts', 'preload/index.ts', 'renderer/counter/App.tsx', 'server/index.ts']) {
      expect(await eslint.isPathIgnored(join(ROOT, file)), file).toBe(false);
    }
  });

  it('keeps the dependency direction in every file that exists today', async () => {
    const lintAll = new ESLint({ cwd: ROOT, errorOnUnmatchedPattern: false });
    const results = await lintAll.lintFiles(['core', 'main', 'preload', 'renderer', 'server']);
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId !== null && DEPENDENCY_RULES.has(m.ruleId)).map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(violations, violations.join('\n')).toEqual([]);
    expect(results.some((r) => r.filePath.includes(`${join(ROOT, 'core')}`)), 'core/ files were linted').toBe(true);
  });
});

// no-restricted-imports sees only static imports and no-restricted-globals only bare identifiers;
// no-restricted-syntax closes those two doors.
describe('dynamic imports and globalThis are caught too', () => {
  it('core/ dynamic import of a Node built-in: import("node:fs")', async () => {
    await expectBlocked('core/lint-probe.ts', "export const load = async (): Promise<unknown> => import('node:fs');\n", 'no-restricted-syntax');
  });
  it('core/ reaching Node through globalThis: globalThis.process', async () => {
    await expectBlocked('core/lint-probe.ts', 'export const env = (): unknown => globalThis.process;\n', 'no-restricted-syntax');
  });
  it('renderer/ dynamic import of electron: import("electron")', async () => {
    await expectBlocked('renderer/counter/call.ts', "export const load = async (): Promise<unknown> => import('electron');\n", 'no-restricted-syntax');
  });
  it('main/ledger/ dynamic import of electron: import("electron")', async () => {
    await expectBlocked('main/ledger/x.ts', "export const load = async (): Promise<unknown> => import('electron');\n", 'no-restricted-syntax');
  });
});
