import { useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Outcome } from '../../core/domain.ts';
import type { CounterContext } from '../../core/ipc.ts';
import { ActionBar } from './ActionBar.tsx';
import { CurrentVisitor } from './CurrentVisitor.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Header } from './Header.tsx';
import { ServedTable } from './ServedTable.tsx';
import { ServiceChooser } from './ServiceChooser.tsx';
import { TodaySummary } from './TodaySummary.tsx';
import type { CounterData } from './useCounterData.ts';
import { useHint } from './useHint.ts';
import { useHotkeys } from './useHotkeys.ts';

interface CounterScreenProps {
  context: CounterContext;
  data: CounterData;
}

/** The counter screen once the counter context is known: keys, focus and the note live here. */
export function CounterScreen({ context, data }: CounterScreenProps) {
  const { t } = useTranslation();
  const { current, busy } = data;
  const [chooserOpen, setChooserOpen] = useState(false);
  // The note belongs to one ticket: a new visitor starts empty, a failed finish keeps the text.
  const [note, setNote] = useState<{ ticketId: string | null; text: string }>({ ticketId: null, text: '' });
  const noteText = current !== null && note.ticketId === current.id ? note.text : '';
  const [hint, showHint] = useHint();
  const walkInRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const shownTicketId = useRef<string | null>(null);

  // Focus is never lost: a new visitor puts it in the note, a finished one on the F2 button, and
  // if it fell to the page (its button got disabled or removed) it goes to the sensible one.
  useEffect(() => {
    if (busy || chooserOpen) return;
    const id = current?.id ?? null;
    const changed = id !== shownTicketId.current;
    shownTicketId.current = id;
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
    if (!changed && !lost) return;
    if (id === null) walkInRef.current?.focus();
    else noteRef.current?.focus();
  });

  const openChooser = (): void => {
    if (chooserOpen) return showHint('chooserOpen');
    if (busy) return showHint('busy');
    if (current) return showHint('alreadyServing');
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setChooserOpen(true);
  };

  const closeChooser = (): void => {
    flushSync(() => setChooserOpen(false)); // the page behind stops being inert before focus goes back
    const back = returnFocus.current;
    const usable = back !== null && back.isConnected && !(back instanceof HTMLButtonElement && back.disabled);
    (usable ? back : walkInRef.current)?.focus();
  };

  const choose = async (serviceId: string): Promise<void> => {
    setChooserOpen(false);
    const ticket = await data.startWalkIn(serviceId);
    if (ticket) showHint('started', ticket.number);
  };

  const finishWith = async (outcome: Outcome): Promise<void> => {
    if (chooserOpen) return showHint('chooserOpen');
    if (busy) return showHint('busy');
    if (!current) return showHint('noVisitor');
    const trimmed = noteText.trim();
    const ticket = await data.finish(outcome, trimmed === '' ? null : trimmed);
    if (ticket) showHint(outcome === 'served' ? 'finishedServed' : 'finishedPending', ticket.number);
  };

  const focusNote = (): void => {
    if (chooserOpen) return showHint('chooserOpen');
    if (!current || !noteRef.current) return showHint('noVisitor');
    noteRef.current.focus();
  };

  useHotkeys((key) => {
    if (key === 'F2') openChooser();
    else if (key === 'F4') void finishWith('served');
    else if (key === 'F7') void finishWith('pending');
    else focusNote();
  });

  return (
    <div className="screen">
      <div className="screen-body" inert={chooserOpen}>
        <Header hallName={context.hallName} counterNumber={context.counter.number} timeZone={context.timeZone} />
        <main className="layout">
          <div className="column column-left">
            <CurrentVisitor
              ticket={current}
              service={context.services.find((s) => s.id === current?.serviceId)}
              note={noteText}
              onNoteChange={(text) => setNote({ ticketId: current?.id ?? null, text })}
              noteRef={noteRef}
            />
            <ActionBar
              serving={current !== null}
              busy={busy}
              walkInRef={walkInRef}
              onWalkIn={openChooser}
              onFinishServed={() => void finishWith('served')}
              onFinishPending={() => void finishWith('pending')}
            />
            <p className="hint" role="status">
              {hint ? t(`hints.${hint.key}`, { number: hint.number }) : busy ? t('actions.busy') : ''}
            </p>
            <ErrorAlert error={data.error} onDismiss={data.dismissError} />
          </div>
          <div className="column column-right">
            <TodaySummary summary={data.today?.summary ?? null} />
            <ServedTable served={data.today?.served ?? []} services={context.services} timeZone={context.timeZone} />
          </div>
        </main>
      </div>
      {chooserOpen && (
        <ServiceChooser services={context.services} onChoose={(id) => void choose(id)} onClose={closeChooser} />
      )}
    </div>
  );
}
