import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Paper, TicketPrint } from '../../core/escpos.ts';
import { DEFAULT_PRINTER_PORT, PAPER_WIDTHS, PrinterSettingSchema, ticketPrint, type PrinterSetting, type PrintOutcome } from '../../core/kiosk-printing.ts';
import { FormField, SETUP_FIELD } from '../shared/FormField.tsx';
import { BackButton } from './BackButton.tsx';
import type { KioskApi } from './kiosk-api.ts';
import { PrintableTicket } from './PrintableTicket.tsx';
import { StepHeading } from './StepHeading.tsx';

type Kind = PrinterSetting['kind'];
const KINDS: readonly Kind[] = ['network', 'browser', 'none'];

interface Form {
  kind: Kind;
  host: string;
  port: string;
  paper: Paper;
}

const formOf = (s: PrinterSetting): Form => ({
  kind: s.kind,
  host: s.kind === 'network' ? s.host : '',
  port: String(s.kind === 'network' ? s.port : DEFAULT_PRINTER_PORT),
  paper: s.kind === 'none' ? 80 : s.paper,
});

const settingOf = (f: Form): unknown =>
  f.kind === 'network' ? { kind: 'network', host: f.host, port: Number(f.port), paper: f.paper } : f.kind === 'browser' ? { kind: 'browser', paper: f.paper } : { kind: 'none' };

type Note = { tone: 'ok' | 'bad'; text: string } | null;

/**
 * The kiosk's printer, for technicians (Ctrl+Shift+P; an admin can set it on the server too):
 * network ESC/POS printer (address, port, paper), the browser's printer (paper) or none; saved on
 * the hall server with the kiosk's token, and a test page to check it.
 */
export function PrinterSetup({ api, hallName, timeZone, onClose }: { api: KioskApi; hallName: string; timeZone: string; onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [form, setForm] = useState<Form | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);
  const [testPage, setTestPage] = useState<{ ticket: TicketPrint; round: number } | null>(null);

  useEffect(() => {
    let cancelled = false;
    void api.printer().then((result) => {
      if (cancelled) return;
      if (result.ok) setForm(formOf(result.value.printer));
      else setLoadError(result.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const change = (patch: Partial<Form>): void => {
    setNote(null);
    setForm((f) => (f ? { ...f, ...patch } : f));
  };

  /** Saves the form; the setting as stored, or null (with the reason shown). */
  const save = async (f: Form): Promise<PrinterSetting | null> => {
    const parsed = PrinterSettingSchema.safeParse(settingOf(f));
    if (!parsed.success) {
      setNote({ tone: 'bad', text: t('kiosk.setupFieldError', { message: parsed.error.issues[0]?.message ?? '' }) });
      return null;
    }
    const result = await api.savePrinter(parsed.data);
    if (!result.ok) {
      setNote({ tone: 'bad', text: t('kiosk.setupFieldError', { message: result.error.message }) });
      return null;
    }
    setForm(formOf(result.value.printer));
    setNote({ tone: 'ok', text: t('kiosk.saved') });
    return result.value.printer;
  };

  const run = (work: () => Promise<void>): void => {
    if (busy) return;
    setBusy(true);
    void work().finally(() => setBusy(false));
  };

  const test = async (f: Form): Promise<void> => {
    const setting = await save(f);
    if (setting === null) return;
    if (setting.kind === 'none') return setNote({ tone: 'ok', text: t('kiosk.testNone') });
    if (setting.kind === 'browser') {
      const ticket = ticketPrint({
        hallName, agencyName: t('kiosk.setupTitle'), serviceName: `${setting.paper} mm`, number: 'UJI', issuedAt: Date.now(),
        timeZone, peopleAhead: 0, trackingCode: 'UJI', origin: window.location.origin, paper: setting.paper,
      });
      setTestPage((p) => ({ ticket, round: (p?.round ?? 0) + 1 }));
      return setNote({ tone: 'ok', text: t('kiosk.testPrinted') });
    }
    const result = await api.testPrint();
    const print: PrintOutcome | null = result.ok ? result.value.print : null;
    if (print?.kind === 'network' && print.ok) setNote({ tone: 'ok', text: t('kiosk.testPrinted') });
    else if (print?.kind === 'network') setNote({ tone: 'bad', text: t(`kiosk.${print.error.code}`) });
    else setNote({ tone: 'bad', text: result.ok ? t('kiosk.testNone') : result.error.message });
  };

  return (
    <section className="step step-setup" aria-labelledby={titleId} aria-busy={busy}>
      <StepHeading id={titleId}>{t('kiosk.setupTitle')}</StepHeading>
      <p className="step-hint">{t('kiosk.setupIntro')}</p>
      {form === null ? (
        <p role={loadError ? 'alert' : 'status'} className={loadError ? 'kiosk-alert' : 'step-hint'}>
          {loadError ? `${t('kiosk.setupFailed')}: ${loadError}` : t('kiosk.setupLoading')}
        </p>
      ) : (
        <form
          className="printer-form"
          onSubmit={(event) => {
            event.preventDefault();
            run(async () => void (await save(form)));
          }}
        >
          <fieldset className="printer-kinds">
            <legend>{t('kiosk.setupKind')}</legend>
            {KINDS.map((kind) => (
              <label key={kind} className="printer-kind">
                <input type="radio" name="printer-kind" value={kind} checked={form.kind === kind} onChange={() => change({ kind })} />
                <span className="printer-kind-name">{t(`kiosk.kind_${kind}`)}</span>
                <span className="printer-kind-hint">{t(`kiosk.kind_${kind}Hint`)}</span>
              </label>
            ))}
          </fieldset>
          {form.kind === 'network' && (
            <div className="printer-address">
              <FormField classes={SETUP_FIELD} label={t('kiosk.host')} hint={t('kiosk.hostHint')} value={form.host} autoComplete="off" spellCheck={false} onChange={(e) => change({ host: e.target.value })} />
              <FormField classes={SETUP_FIELD} label={t('kiosk.port')} hint={t('kiosk.portHint')} value={form.port} inputMode="numeric" onChange={(e) => change({ port: e.target.value.replace(/\D/g, '') })} />
            </div>
          )}
          {form.kind !== 'none' && (
            <fieldset className="printer-papers">
              <legend>{t('kiosk.paper')}</legend>
              {PAPER_WIDTHS.map((mm) => (
                <label key={mm} className="printer-paper">
                  <input type="radio" name="printer-paper" value={mm} checked={form.paper === mm} onChange={() => change({ paper: mm })} />
                  {t('kiosk.paperOption', { mm })}
                </label>
              ))}
            </fieldset>
          )}
          {note && (
            <p role={note.tone === 'bad' ? 'alert' : 'status'} className={`printer-note printer-note-${note.tone}`}>
              {note.text}
            </p>
          )}
          <div className="step-actions">
            <BackButton onClick={onClose} />
            <button type="button" className="kiosk-button" disabled={busy} onClick={() => run(() => test(form))}>
              {busy ? t('kiosk.testPrinting') : t('kiosk.testPrint')}
            </button>
            <button type="submit" className="kiosk-button kiosk-button-primary" disabled={busy}>
              {busy ? t('kiosk.saving') : t('kiosk.save')}
            </button>
          </div>
        </form>
      )}
      {testPage && <PrintableTicket ticket={testPage.ticket} priority={false} printNow printRound={testPage.round} />}
    </section>
  );
}
