import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Runs one benchmark: `npm run bench -- NAME` imports `tests/bench/NAME.bench.ts`, whose default
 * export is `async () => Record<string, number | string>`, prints its figures and writes them to
 * `bench-results/NAME.json` with the bench name, the time and the Node version.
 */
type Bench = () => Promise<Record<string, number | string>>;

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

function available(): string[] {
  return readdirSync(here)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length))
    .sort();
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const benches = available();
  if (name === undefined || !benches.includes(name)) {
    const what = name === undefined ? 'No bench named' : `Unknown bench "${name}"`;
    throw new Error(`${what}. Run: npm run bench -- NAME, where NAME is one of: ${benches.join(', ') || '(none found)'}`);
  }
  const mod = (await import(pathToFileURL(join(here, `${name}.bench.ts`)).href)) as { default?: unknown };
  if (typeof mod.default !== 'function') throw new Error(`tests/bench/${name}.bench.ts has no default export function`);
  const figures = await (mod.default as Bench)();
  const result = { name, at: new Date().toISOString(), node: process.version, ...figures };
  const outDir = join(root, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const outFile = join(outDir, `${name}.json`);
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)} ${v}`);
  console.log(`written to ${outFile}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
