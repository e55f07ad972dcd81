import { BrowserWindow, app, session, shell, type WebContents } from 'electron';
import { COUNTER_PAGE_URL, counterWebPreferences, isTrustedSenderUrl } from './security-policy.ts';

/** Blocks navigation away from our pages and every new window, for all web contents. */
export function lockDownWebContents(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isTrustedSenderUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isTrustedSenderUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function createCounterWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Loket',
    backgroundColor: '#0b1f3a',
    webPreferences: counterWebPreferences(preloadPath),
  });
  // No menu bar: on Windows F10 and Alt would otherwise go to the menu instead of the counter screen.
  window.removeMenu();
  window.once('ready-to-show', () => window.show());
  void window.loadURL(COUNTER_PAGE_URL);
  // Links the officer might open (e.g. help) go to the system browser, never into the app window.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  return window;
}
