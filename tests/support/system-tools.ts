import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** A program on PATH, or a file a package installs (a header, a library) that no command reveals. */
export type SystemTool = ({ command: string } | { file: string }) & { aptPackage: string };

function isInstalled(tool: SystemTool): boolean {
  if ('file' in tool) return existsSync(tool.file);
  try {
    execFileSync('sh', ['-c', `command -v ${tool.command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a system tool a suite needs is installed. Missing tools skip the suite with a printed
 * reason and the apt-get line that fixes it, except under LOKET_REQUIRE_ALL=1 (CI), where a
 * missing tool is a failure: CI must never pass by skipping.
 */
export function requireTools(suite: string, tools: SystemTool[]): boolean {
  const missing = tools.filter((tool) => !isInstalled(tool));
  if (missing.length === 0) return true;
  const fix = `apt-get install -y ${[...new Set(missing.map((t) => t.aptPackage))].join(' ')}`;
  const names = missing.map((t) => ('file' in t ? t.file : t.command)).join(', ');
  const reason = `${suite}: skipped because ${names} ${missing.length === 1 ? 'is' : 'are'} not installed. Fix: ${fix}`;
  if (process.env['LOKET_REQUIRE_ALL'] === '1') throw new Error(`${reason} (LOKET_REQUIRE_ALL=1 forbids skipping)`);
  console.warn(reason);
  return false;
}
