import { app } from 'electron';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HallConfigSchema } from '../core/domain.ts';
import { createAppServices } from './app-services.ts';
import { knownPortsFromEnv } from './hardware/known-ports.ts';
import { registerIpcHandlers, pushToWindows } from './shell/ipc.ts';
import { registerAppScheme, serveAppScheme } from './shell/protocol.ts';
import { createCounterWindow, lockDownWebContents } from './shell/window.ts';

// Wiring only: every service is built by createAppServices, the same as in the headless host.
const here = import.meta.dirname;
const resourcesDir = app.isPackaged ? process.resourcesPath : join(here, '..', '..', 'resources');

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

void app.whenReady().then(() => {
  lockDownWebContents();
  serveAppScheme(join(here, '..', 'renderer'));
  // The starter hall is only the fallback until the technician enrolls this PC with the hall server.
  const hallConfig = HallConfigSchema.parse(
    JSON.parse(readFileSync(join(resourcesDir, 'demo', 'starter-hall.json'), 'utf8')),
  );
  const services = createAppServices({
    dataDir: app.getPath('userData'),
    hallConfig,
    counterId: process.env['LOKET_COUNTER_ID'] ?? 'loket-1',
    runtime: 'electron',
    version: app.getVersion(),
    push: pushToWindows,
    serialPorts: knownPortsFromEnv(process.env),
  });
  registerIpcHandlers(services.handlers);
  createCounterWindow(join(here, '..', 'preload', 'index.cjs'));
  // Closes the hall link (live feed, connections) and then the ledger.
  app.on('before-quit', () => services.close());
});

app.on('window-all-closed', () => app.quit());
