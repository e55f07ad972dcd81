import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HallConfigSchema, type HallConfig } from '../../core/domain.ts';
import { startHeadlessHost, type HeadlessHost } from '../../main/headless/host.ts';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const RENDERER_DIR = resolve(REPO, 'out', 'renderer');

export function starterHall(): HallConfig {
  return HallConfigSchema.parse(JSON.parse(readFileSync(resolve(REPO, 'resources/demo/starter-hall.json'), 'utf8')));
}

/** A real headless counter host (ledger on disk, browser bridge) on 127.0.0.1 with a free port. */
export function startCounterHost(dataDir: string, counterId = 'loket-1', port = 0): Promise<HeadlessHost> {
  return startHeadlessHost({
    dataDir,
    rendererDir: RENDERER_DIR,
    hallConfig: starterHall(),
    counterId,
    version: 'test',
    port,
  });
}
