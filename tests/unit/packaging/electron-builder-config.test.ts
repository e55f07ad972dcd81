import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher.js';
import { describe, expect, it } from 'vitest';

/**
 * electron-builder.yml is checked the way electron-builder itself reads it: parsed by the js-yaml
 * copy electron-builder depends on, validated against the JSON schema app-builder-lib ships, and
 * its `files`/`asarUnpack` globs evaluated by app-builder-lib's own FileMatcher.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CONFIG_PATH = join(ROOT, 'electron-builder.yml');
const SCHEMA_PATH = join(ROOT, 'node_modules/app-builder-lib/scheme.json');

// js-yaml ships no types and the project adds no @types for it: type the one function used.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Config = { [key: string]: Json };
type FileSet = { from?: string; to?: string; filter?: string | string[] };

const loadConfig = (): Config => {
  const value = yaml.load(readFileSync(CONFIG_PATH, 'utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('electron-builder.yml is not a mapping');
  return value as Config;
};
const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $schema?: string };

/**
 * Ajv in strict mode, so a keyword it does not know fails loudly instead of being skipped.
 * scheme.json is draft-07 (Ajv's default draft); it uses union types (`"type": ["null","string"]`)
 * and one keyword from ajv-keywords, `typeof` (for hook options that take a function), defined here.
 * Unlike electron-builder (`coerceTypes: true`), no coercion: `language: 1057` must be a string.
 */
let compiled: ReturnType<Ajv['compile']> | undefined;
function compileValidator() {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({
    keyword: 'typeof',
    schemaType: 'string',
    validate: (expected: string, data: unknown) => typeof data === expected,
  });
  compiled = ajv.compile(schema);
  return compiled;
}

const describeErrors = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? []).map((e) => `  ${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`).join('\n');

type FilterStats = Parameters<ReturnType<FileMatcher['createFilter']>>[1];
const fileStat = { isDirectory: () => false } as unknown as FilterStats;

/** Whether electron-builder's matcher for these patterns (relative to the project) takes `relativePath`. */
function matches(patterns: string[], relativePath: string): boolean {
  const filter = new FileMatcher(ROOT, '/', (p) => p, patterns).createFilter();
  return filter(join(ROOT, relativePath), fileStat);
}

const stringList = (value: Json | undefined): string[] => {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new Error(`expected a string or a list of strings, got ${JSON.stringify(value)}`);
};

const BUILD_OUTPUTS = {
  main: ['out/main/index.js'],
  preload: ['out/preload/index.cjs', 'out/preload/index.js'],
  counterPage: ['out/renderer/counter/index.html'],
};

describe('electron-builder.yml', () => {
  it('is checked against a draft-07 schema, the draft Ajv’s default class implements', () => {
    expect(schema.$schema, 'scheme.json changed draft: switch to the matching Ajv class (ajv/dist/2019, 2020)').toBe(
      'http://json-schema.org/draft-07/schema#',
    );
  });

  it('is valid against the schema electron-builder ships (app-builder-lib/scheme.json)', () => {
    const validate = compileValidator();
    const ok = validate(loadConfig());
    if (!ok) console.error(`electron-builder.yml does not match scheme.json:\n${describeErrors(validate.errors)}`);
    expect(validate.errors ?? [], describeErrors(validate.errors)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('is rejected when a value has the wrong type, so the validation above means something', () => {
    const validate = compileValidator();
    const cases: [string, (c: Config) => void, string][] = [
      ['nsis.perMachine: "yes"', (c) => ((c['nsis'] as Config)['perMachine'] = 'yes'), '/nsis/perMachine'],
      ['nsis.language: 1057 (a number)', (c) => ((c['nsis'] as Config)['language'] = 1057), '/nsis/language'],
      ['npmRebuild: "true"', (c) => (c['npmRebuild'] = 'true'), '/npmRebuild'],
      ['a misspelt nsis option', (c) => ((c['nsis'] as Config)['perMachin'] = true), '/nsis'],
      ['an unknown top-level option', (c) => (c['asarUnpak'] = ['**/*.node']), ''],
    ];
    for (const [what, mutate, path] of cases) {
      const config = loadConfig();
      mutate(config);
      expect(validate(config), `${what} must be rejected`).toBe(false);
      expect(
        validate.errors?.some((e) => e.instancePath === path),
        `${what}: expected an error at "${path}", got\n${describeErrors(validate.errors)}`,
      ).toBe(true);
    }
  });

  it('says what the counter app is and how it installs', () => {
    const c = loadConfig();
    expect(c['appId']).toBe('id.go.mpp.loket');
    expect(c['productName']).toBe('Loket');
    expect(c['directories']).toMatchObject({ output: 'dist' });
    expect(c['npmRebuild']).toBe(true);
    expect(c['win']).toMatchObject({ target: [{ target: 'nsis', arch: ['x64'] }] });
    expect(c['nsis']).toMatchObject({
      oneClick: false,
      perMachine: true,
      allowToChangeInstallationDirectory: true,
      installerLanguages: ['id_ID', 'en_US'],
      language: '1057',
    });
    expect(c['linux']).toMatchObject({ target: ['AppImage', 'deb'], category: 'Office' });
    // A deb needs a maintainer as "Name <email>".
    expect((c['linux'] as Config)['maintainer']).toMatch(/^[^<>]+ <[^@\s<>]+@[^@\s<>]+>$/);
  });

  it('names only paths that exist: icons, build resources and extraResources folders', () => {
    const c = loadConfig();
    const win = c['win'] as Config;
    const linux = c['linux'] as Config;
    const nsis = c['nsis'] as Config;
    const files = [c['icon'], win['icon'], linux['icon'], nsis['installerIcon'], nsis['uninstallerIcon'], nsis['installerHeaderIcon']]
      .filter((p): p is string => typeof p === 'string');
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) expect(existsSync(join(ROOT, file)), `${file} (named in electron-builder.yml) is missing`).toBe(true);

    const buildResources = (c['directories'] as Config)['buildResources'];
    if (typeof buildResources === 'string') {
      expect(existsSync(join(ROOT, buildResources)), `directories.buildResources ${buildResources} is missing`).toBe(true);
    }

    const extra = (c['extraResources'] as Json[]).map((e) => (typeof e === 'string' ? { from: e } : (e as FileSet)));
    const froms = extra.map((e) => e.from);
    expect(froms).toEqual(expect.arrayContaining(['resources/firmware', 'resources/audio', 'resources/icons']));
    for (const from of froms) {
      expect(from, 'every extraResources entry names its source folder').toBeTypeOf('string');
      const path = join(ROOT, from as string);
      expect(existsSync(path) && statSync(path).isDirectory(), `extraResources from ${from} is not a folder`).toBe(true);
    }
  });

  it('uses icons electron-builder accepts: a PNG of at least 512×512 and an ICO holding 256×256', () => {
    const c = loadConfig();
    const png = readFileSync(join(ROOT, c['icon'] as string));
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

    const ico = readFileSync(join(ROOT, (c['win'] as Config)['icon'] as string));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)], 'ICO header: reserved 0, type 1').toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes).toContain(256);
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + 16 * i + 8);
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(offset + size, `ICO image ${i} lies inside the file`).toBeLessThanOrEqual(ico.length);
    }
  });

  it('packages the build output and package.json, never sources or tests', () => {
    const patterns = stringList(loadConfig()['files']);
    const packageMain = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main?: string }).main;
    expect(packageMain, 'package.json "main" is the entry Electron starts').toBe(BUILD_OUTPUTS.main[0]);
    for (const file of [...Object.values(BUILD_OUTPUTS).flat(), 'out/renderer/assets/index-abc123.js', 'package.json']) {
      expect(matches(patterns, file), `files must take ${file}`).toBe(true);
    }
    for (const file of [
      'core/ticket-state.ts',
      'main/index.ts',
      'preload/index.ts',
      'renderer/counter/index.html',
      'server/index.ts',
      'tests/unit/core/hlc.test.ts',
      'scripts/make-icons.mjs',
      'electron-builder.yml',
      'out/main/index.js.map',
    ]) {
      expect(matches(patterns, file), `files must not take ${file}`).toBe(false);
    }
  });

  it('unpacks native modules from app.asar', () => {
    const patterns = stringList(loadConfig()['asarUnpack']);
    expect(patterns).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/@serialport/**', '**/*.node']),
    );
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/lib/index.js',
      'node_modules/@serialport/bindings-cpp/prebuilds/win32-x64/@serialport+bindings-cpp.node',
      'node_modules/some-other-native/build/Release/addon.node',
    ]) {
      expect(matches(patterns, file), `asarUnpack must take ${file}`).toBe(true);
    }
    expect(matches(patterns, 'out/main/index.js')).toBe(false);
    expect(matches(patterns, 'node_modules/zod/index.js')).toBe(false);
  });

  it('finds the built entry points on disk (after `npm run build`)', (ctx) => {
    const requireAll = process.env['LOKET_REQUIRE_ALL'] === '1';
    if (!existsSync(join(ROOT, 'out'))) {
      const reason = 'out/ does not exist: run `npm run build` first';
      if (requireAll) throw new Error(`${reason} (LOKET_REQUIRE_ALL=1 forbids skipping the check of the packaged entry points)`);
      console.warn(`electron-builder.yml: skipped the check of ${Object.values(BUILD_OUTPUTS).flat().join(', ')}: ${reason}.`);
      ctx.skip();
      return;
    }
    const patterns = stringList(loadConfig()['files']);
    for (const [what, candidates] of Object.entries(BUILD_OUTPUTS)) {
      const found = candidates.filter((file) => existsSync(join(ROOT, file)));
      expect(found, `${what}: none of ${candidates.join(', ')} exists; run \`npm run build\``).not.toEqual([]);
      for (const file of found) expect(matches(patterns, file), `files must take ${file}`).toBe(true);
    }
  });
});
