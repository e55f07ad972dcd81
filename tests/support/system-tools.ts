import { execFileSync } from 'node:child_process';

/**
 * Whether a system tool a suite needs is installed. Missing tools skip the suite with a printed
 * reason and the apt-get line that fixes it, except under LOKET_REQUIRE_ALL=1 (CI), where a
 * missing tool is a failure: CI must never pass by skipping.
 */
export function requireTools(suite: string, tools: { command: string; aptPackage: string }[]): boolean {
  const missing = tools.filter(({ command }) => {
    try {
      execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length === 0) return true;
  const fix = `apt-get install -y ${[...new Set(missing.map((t) => t.aptPackage))].join(' ')}`;
  const reason = `${suite}: skipped because ${missing.map((t) => t.command).join(', ')} is not installed. Fix: ${fix}`;
  if (process.env['LOKET_REQUIRE_ALL'] === '1') throw new Error(`${reason} (LOKET_REQUIRE_ALL=1 forbids skipping)`);
  console.warn(reason);
  return false;
}
