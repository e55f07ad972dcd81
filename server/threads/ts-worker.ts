import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * A worker thread running one of the server's TypeScript modules. The server runs its source
 * through tsx, which the launcher registers by API: threads do not inherit that, and `--import` in
 * a thread's execArgv does not reach its own entry module. So the thread's first code registers tsx
 * and then imports the module.
 */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { execArgv: [], ...options, eval: true });
}
