import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './counter-host.ts';

/** The real hall server CLI in its own process (its own core), plain HTTP on 127.0.0.1. */
export async function startHallProcess(dataDir: string, port = 0): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [...(process.env['LOKET_PROFILE_DIR'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['LOKET_PROFILE_DIR']}`] : []), '--import', 'tsx', join(REPO, 'server/cli/loket-server.ts'), 'start', '--data', dataDir, '--host', '127.0.0.1', '--port', String(port), '--insecure-http'],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer): void => {
      output += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m?.[1]) resolve(m[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => reject(new Error(`hall server exited (${code}): ${output}`)));
  });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return { url, child, stop };
}
