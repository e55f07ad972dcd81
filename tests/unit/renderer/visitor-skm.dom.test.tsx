import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SKM_ELEMENTS } from '../../../core/ikm.ts';
import { startSurveyPage } from '../../../renderer/visitor/skm/start-survey.tsx';
import { buttonNamed as button, alertTexts, interactions, memoryStorage, nameOf, settleFakeTimers as settle, typeInto, waitFakeTimers as wait } from './support/dom.ts';
import { CODE, NOW, createFakePublicServer, refusal, trackOf } from './support/visitor-fakes.ts';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
const { click } = interactions(settle);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  root = null;
  vi.useRealTimers();
  document.body.innerHTML = '';
  window.history.replaceState(null, '', '/');
});

async function mount(server: ReturnType<typeof createFakePublicServer>, address: string, storage = memoryStorage()) {
  window.history.replaceState(null, '', address);
  const container = document.createElement('div');
  document.body.append(container);
  await act(async () => {
    root = startSurveyPage(container, { fetch: server.fakeFetch, storage, resetAfterMs: 20_000 });
  });
  await settle();
}

const text = (): string => document.body.textContent ?? '';
const questions = (): HTMLFieldSetElement[] => Array.from(document.querySelectorAll<HTMLFieldSetElement>('fieldset.v-question'));


/** Answers element `i` (0-based) with `score` (1–4) by clicking its label. */
async function answer(i: number, score: number): Promise<void> {
  const label = questions()[i]?.querySelectorAll('label')[score - 1];
  if (!(label instanceof HTMLLabelElement)) throw new Error(`no answer ${score} for element ${i + 1}`);
  await act(async () => label.click());
}

describe('visitor pages: the SKM survey', () => {
  it('asks the nine elements in the regulation’s wording, names the missing ones, then sends answers, profile and comment', async () => {
    const server = createFakePublicServer();
    await mount(server, `/visitor/skm/?code=${CODE}`);
    expect(server.sent('GET', `/track/${CODE}`)).not.toHaveLength(0);
    expect(text()).toContain('Tiket A-012 · Perekaman KTP-el');
    expect(questions()).toHaveLength(9);
    SKM_ELEMENTS.forEach((element, i) => {
      const q = questions()[i];
      expect(q?.querySelector('legend')?.textContent).toBe(`${element.id.toUpperCase()} Unsur ${i + 1}: ${element.name}`);
      expect(q?.textContent).toContain(element.question);
      expect(Array.from(q?.querySelectorAll('.v-scale-text') ?? []).map((e) => e.textContent)).toEqual([...element.answers]);
    });

    for (let i = 0; i < 9; i++) if (i !== 3 && i !== 6) await answer(i, 3);
    await click(button('Kirim survei'));
    expect(alertTexts()).toContain('2 unsur belum dijawab: U4, U7.');
    expect(questions()[3]?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(questions()[3]?.querySelector('input'));
    expect(server.sent('POST', '/public/skm')).toHaveLength(0);

    await answer(3, 4);
    await answer(6, 2);
    const select = (label: string): HTMLSelectElement => {
      const l = Array.from(document.querySelectorAll('label')).find((e) => e.textContent === label);
      return document.getElementById(l?.htmlFor ?? '') as HTMLSelectElement;
    };
    await act(async () => {
      select('Usia').value = '40-49';
      select('Usia').dispatchEvent(new Event('change', { bubbles: true }));
      select('Pendidikan terakhir').value = 'S1';
      select('Pendidikan terakhir').dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(Array.from(select('Pekerjaan').options).map((o) => o.textContent)).toEqual(['Tidak disebutkan', 'PNS', 'TNI', 'POLRI', 'Pegawai swasta', 'Wirausaha', 'Lainnya']);
    await typeInto(document.querySelector('textarea') as HTMLTextAreaElement, '  Ruang tunggu nyaman.  ');
    await click(button('Kirim survei'));

    expect(server.sent('POST', '/public/skm').map((r) => r.body)).toEqual([
      {
        trackingCode: CODE,
        answers: { u1: 3, u2: 3, u3: 3, u4: 4, u5: 3, u6: 3, u7: 2, u8: 3, u9: 3 },
        profile: { ageGroup: '40-49', education: 'S1' },
        comment: 'Ruang tunggu nyaman.',
        source: 'link',
      },
    ]);
    expect(document.querySelector('h2')?.textContent).toBe('Terima kasih!');
    expect(text()).toContain('Jawaban Anda untuk tiket A-012 (Perekaman KTP-el) sudah tersimpan.');
  });

  it('says plainly that a ticket already rated (409) cannot be rated again', async () => {
    const server = createFakePublicServer();
    server.routes['POST /public/skm'] = () =>
      refusal(409, 'already_answered', 'The visit with ticket A-012 has already been rated: one survey per ticket. Terima kasih!', 'trackingCode');
    await mount(server, `/visitor/skm/?code=${CODE}`);
    for (let i = 0; i < 9; i++) await answer(i, 4);
    await click(button('Kirim survei'));
    expect(document.querySelector('h2')?.textContent).toBe('Survei sudah diisi');
    expect(alertTexts()).toContain('Survei untuk tiket ini sudah diisi: satu survei untuk satu tiket. Terima kasih!');
    expect(questions()).toHaveLength(0);
  });

  it('before the service is finished, says when to come back instead of showing the form', async () => {
    const server = createFakePublicServer();
    server.routes[`GET /track/${CODE}`] = () => ({ status: 200, body: trackOf({ status: 'waiting' }) });
    await mount(server, `/visitor/skm/?code=${CODE}`);
    expect(text()).toContain('Layanan belum selesai');
    expect(text()).toContain('Survei dibuka setelah layanan Anda selesai.');
    expect(questions()).toHaveLength(0);
    const track = Array.from(document.querySelectorAll('a')).find((a) => nameOf(a) === 'Lacak antrean Anda');
    expect(track?.getAttribute('href')).toBe(`/visitor/track/?code=${CODE}`);
  });

  it('a send that fails keeps every answer and says what to do', async () => {
    const server = createFakePublicServer();
    server.routes['POST /public/skm'] = () => 'network';
    await mount(server, `/visitor/skm/?code=${CODE}`);
    for (let i = 0; i < 9; i++) await answer(i, 2);
    await click(button('Kirim survei'));
    expect(alertTexts()).toContain('Server antrean tidak dapat dihubungi. Periksa koneksi internet Anda, lalu tekan Coba lagi.');
    expect(questions().every((q) => q.querySelector<HTMLInputElement>('input[value="2"]')?.checked)).toBe(true);
  });

  it('on the counter tablet: recorded as such, no menu, in Bahasa Indonesia, and ready for the next visitor by itself', async () => {
    const server = createFakePublicServer();
    await mount(server, `/visitor/skm/?code=${CODE}&source=counter`);
    expect(document.querySelector('nav')).toBeNull();
    expect(text()).toContain('Tablet di loket');
    for (let i = 0; i < 9; i++) await answer(i, 4);
    await click(button('Kirim survei'));
    expect(server.sent('POST', '/public/skm')[0]?.body).toMatchObject({ source: 'counter_tablet' });
    expect(button('Survei pengunjung berikutnya')).toBeTruthy();
    await wait(20_000);
    expect(document.querySelector('input[type="text"], input:not([type])')).not.toBeNull();
    expect(window.location.search).toBe('?source=counter');
    expect(text()).toContain('Kode lacak tiket');
  });

  it('in English, the elements are asked in English', async () => {
    const server = createFakePublicServer();
    await mount(server, `/visitor/skm/?code=${CODE}`, memoryStorage({ 'loket.lang': 'en' }));
    expect(document.querySelector('h1')?.textContent).toBe('Community Satisfaction Survey');
    expect(questions()[0]?.textContent).toContain(SKM_ELEMENTS[0]?.en.question);
    expect(questions()[8]?.textContent).toContain('Very good');
  });
});
