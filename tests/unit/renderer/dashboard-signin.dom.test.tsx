import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SESSION_STORAGE_KEY } from '../../../renderer/dashboard/supervisor-session.ts';
import { FakeWebSocket } from './support/board-fakes.ts';
import { createDashboardServer, mountDashboard, NOW, signedInStorage, SUPERVISOR_SESSION } from './support/dashboard-fake.ts';
import { buttonNamed as button, alertTexts, field, interactions, memoryStorage, settleFakeTimers as settle, typeInto } from './support/dom.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: Awaited<ReturnType<typeof mountDashboard>> | null = null;
const { click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
  FakeWebSocket.all.length = 0;
});

afterEach(async () => {
  await mounted?.unmount();
  mounted = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  document.documentElement.lang = '';
});


async function signIn(username: string, pin: string): Promise<void> {
  await typeInto(field('Nama pengguna'), username);
  await typeInto(field('PIN'), pin);
  await click(button('Masuk'));
}

describe('dashboard sign-in', () => {
  it('asks for username and PIN in Bahasa Indonesia, and checks them before asking the server', async () => {
    const server = createDashboardServer();
    mounted = await mountDashboard(server);
    expect(document.querySelector('h1')?.textContent).toBe('Masuk dasbor supervisor');
    expect(document.documentElement.lang).toBe('id');
    expect(document.activeElement).toBe(field('Nama pengguna'));

    await click(button('Masuk'));
    expect(alertTexts()).toContain('Isi nama pengguna.');
    expect(document.activeElement).toBe(field('Nama pengguna'));
    await typeInto(field('Nama pengguna'), 'supervisor');
    await typeInto(field('PIN'), '12');
    await click(button('Masuk'));
    expect(alertTexts()).toContain('PIN terdiri dari 4 sampai 8 angka.');
    expect(field('PIN').getAttribute('aria-invalid')).toBe('true');
    expect(server.requests).toHaveLength(0);
  });

  it('says so when the username or PIN is wrong, and keeps nothing', async () => {
    const server = createDashboardServer();
    server.signIn = () => ({ status: 401, body: { error: { code: 'login_failed', message: 'Wrong username or PIN.', field: 'pin' } } });
    mounted = await mountDashboard(server);
    await signIn('supervisor', '0000');
    expect(server.to('/sessions')[0]?.body).toEqual({ username: 'supervisor', pin: '0000' });
    expect(server.to('/sessions')[0]?.headers.has('authorization')).toBe(false);
    expect(alertTexts()).toContain('Nama pengguna atau PIN salah. Periksa keduanya lalu coba lagi.');
    expect(field('PIN').getAttribute('aria-invalid')).toBe('true');
    expect(mounted.storage.data.size).toBe(0);
  });

  it('tells officers and technicians (refused without a counter PC) that the dashboard is for supervisors', async () => {
    const server = createDashboardServer();
    server.signIn = () => ({ status: 403, body: { error: { code: 'device_required', message: 'Officers and technicians sign in at an enrolled counter PC.' } } });
    mounted = await mountDashboard(server);
    await signIn('petugas01', '1234');
    expect(alertTexts()).toContain('Dasbor ini hanya untuk supervisor dan admin.');
    expect(mounted.storage.data.size).toBe(0);
  });

  it('signs a session of another role out again at once, with the same message', async () => {
    const server = createDashboardServer();
    server.signIn = () => ({ status: 201, body: { ...SUPERVISOR_SESSION, sessionToken: 'lss_officer', user: { id: 'u1', name: 'Rina', role: 'officer' } } });
    mounted = await mountDashboard(server);
    await signIn('petugas01', '1234');
    expect(alertTexts()).toContain('Dasbor ini hanya untuk supervisor dan admin.');
    const signOut = server.to('/sessions/current')[0];
    expect(signOut?.method).toBe('DELETE');
    expect(signOut?.headers.get('authorization')).toBe('Bearer lss_officer');
    expect(mounted.storage.data.size).toBe(0);
    expect(server.to('/config')).toHaveLength(0);
  });

  it('says when the hall server cannot be reached, and when the account is locked', async () => {
    const server = createDashboardServer();
    server.signIn = () => 'network';
    mounted = await mountDashboard(server);
    await signIn('supervisor', '5678');
    expect(alertTexts()).toContain('Server aula tidak dapat dihubungi.');
    server.signIn = () => ({ status: 423, body: { error: { code: 'account_locked', message: 'Locked.' } } });
    await click(button('Masuk'));
    expect(alertTexts()).toContain('akun ini dikunci sementara');
  });

  it('keeps the session for the tab, uses its token, and signs out on the server too', async () => {
    const server = createDashboardServer();
    mounted = await mountDashboard(server);
    await signIn('Supervisor ', '5678');
    expect(server.to('/sessions')[0]?.body).toEqual({ username: 'supervisor', pin: '5678' });
    expect(JSON.parse(mounted.storage.data.get(SESSION_STORAGE_KEY) ?? 'null')).toMatchObject({ token: 'lss_supervisor', user: { role: 'supervisor' } });
    expect(document.querySelector('h1')?.textContent).toBe('Dasbor supervisor');
    expect(document.body.textContent).toContain('Masuk sebagai Budi Santoso (supervisor)');
    expect(server.to('/config')[0]?.headers.get('authorization')).toBe('Bearer lss_supervisor');
    expect(server.to('/dashboard/live')[0]?.headers.get('authorization')).toBe('Bearer lss_supervisor');

    await click(button('Keluar'));
    const signOut = server.to('/sessions/current')[0];
    expect(signOut?.method).toBe('DELETE');
    expect(signOut?.headers.get('authorization')).toBe('Bearer lss_supervisor');
    expect(mounted.storage.data.has(SESSION_STORAGE_KEY)).toBe(false);
    expect(document.querySelector('h1')?.textContent).toBe('Masuk dasbor supervisor');
  });

  it('comes back to the sign-in, saying why, when the server no longer accepts the session', async () => {
    const server = createDashboardServer();
    server.live = () => ({ status: 401, body: { error: { code: 'unauthorized', message: 'Sign in again.' } } });
    const storage = signedInStorage();
    mounted = await mountDashboard(server, storage);
    expect(server.to('/config').length).toBeGreaterThan(0);
    expect(document.querySelector('h1')?.textContent).toBe('Masuk dasbor supervisor');
    expect(document.body.textContent).toContain('Sesi Anda berakhir. Masuk lagi untuk melanjutkan.');
    expect(storage.data.has(SESSION_STORAGE_KEY)).toBe(false);
  });

  it('forgets a stored session that has expired', async () => {
    const server = createDashboardServer();
    const storage = memoryStorage({
      [SESSION_STORAGE_KEY]: JSON.stringify({ token: 'lss_old', user: SUPERVISOR_SESSION.user, expiresAt: NOW - 1 }),
    });
    mounted = await mountDashboard(server, storage);
    expect(document.querySelector('h1')?.textContent).toBe('Masuk dasbor supervisor');
    expect(server.requests).toHaveLength(0);
    expect(storage.data.size).toBe(0);
  });

  it('switches to English and remembers it', async () => {
    const server = createDashboardServer();
    const languages = memoryStorage();
    mounted = await mountDashboard(server, memoryStorage(), languages);
    await click(button('Switch to English'));
    expect(document.querySelector('h1')?.textContent).toBe('Sign in to the supervisor dashboard');
    expect(document.documentElement.lang).toBe('en');
    expect(languages.data.get('loket.lang')).toBe('en');
    await typeInto(field('Username'), 'petugas01');
    await typeInto(field('PIN'), '1234');
    server.signIn = () => ({ status: 403, body: { error: { code: 'device_required', message: 'x' } } });
    await click(button('Sign in'));
    expect(alertTexts()).toContain('This dashboard is for supervisors and admins only.');
  });
});
