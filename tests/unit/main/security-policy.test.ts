import { describe, expect, it } from 'vitest';
import {
  APP_CSP,
  COUNTER_PAGE_URL,
  counterWebPreferences,
  isTrustedSenderUrl,
  resolveAppAsset,
} from '../../../main/shell/security-policy.ts';

describe('Electron security checklist values', () => {
  it('runs the counter window isolated, sandboxed, without Node', () => {
    const prefs = counterWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
  });

  it('has a CSP without inline or remote script, eval or framing', () => {
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).toContain("script-src 'self'");
    expect(APP_CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:/);
    expect(APP_CSP).toContain("frame-ancestors 'none'");
  });

  it('trusts IPC only from our own scheme', () => {
    expect(isTrustedSenderUrl(COUNTER_PAGE_URL)).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'loket://other/x', 'http://127.0.0.1:7421/counter/index.html', '', null, undefined, 'not a url']) {
      expect(isTrustedSenderUrl(url)).toBe(false);
    }
  });

  it('serves only files inside the renderer folder', () => {
    expect(resolveAppAsset('loket://app/counter/index.html', '/r')).toBe('/r/counter/index.html');
    expect(resolveAppAsset('loket://app/assets/a.js?x=1', '/r/')).toBe('/r/assets/a.js');
    // The URL parser already folds plain `..` segments, which keeps them inside the folder.
    expect(resolveAppAsset('loket://app/../etc/passwd', '/r')).toBe('/r/etc/passwd');
    expect(resolveAppAsset('loket://app/%2e%2e/%2e%2e/etc/passwd', '/r')).toBe('/r/etc/passwd');
    for (const url of [
      'loket://app/a/%2e%2e%2f%2e%2e%2fsecret',
      'loket://app/a%5c..%5csecret',
      'loket://app/.vite/manifest.json',
      'loket://evil/counter/index.html',
      'loket://app/',
      'loket://app/%E0%A4%A',
    ]) {
      expect(resolveAppAsset(url, '/r'), url).toBeNull();
    }
  });
});
