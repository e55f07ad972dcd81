import { useEffect, useRef, useState } from 'react';
import { markActionShown, markActionStart } from './ui-timing.ts';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PauseReason } from '../../core/events.ts';
import type { ConnectionState, CounterContext, LoketApi } from '../../core/ipc.ts';
import { ACTION_OF_KEY, type ActionState } from './actions.ts';
import { ActionBar } from './ActionBar.tsx';
import { CurrentVisitor } from './CurrentVisitor.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';
import { Header } from './Header.tsx';
import { ServedTable } from './ServedTable.tsx';
import { CloseCounterDialog, PauseDialog, ServiceChooser } from './CounterDialogs.tsx';
import { SyncBanner } from './SyncBanner.tsx';
import { TodaySummary } from './TodaySummary.tsx';
import { TransferDialog } from './TransferDialog.tsx';
import { WaitingList } from './WaitingList.tsx';
import { useCounterActions } from './useCounterActions.ts';
import type { CounterData, TransferRequest } from './useCounterData.ts';
import { useHint } from './useHint.ts';
import { useHardwareState } from './useHardwareState.ts';
import { useHotkeys } from './useHotkeys.ts';
import { useWaitingList } from './useWaitingList.ts';

interface CounterScreenProps {
  api: LoketApi;
  context: CounterContext;
  data: CounterData;
  connection: ConnectionState;
  onSignOut: () => void;
  /** The connection state an action answered with (pause, resume, close). */
  onConnection: (state: ConnectionState) => void;
  /** Opens the technician's screen for the call-button and display. */
  onOpenHardware: () => void;
}

/** The serving screen: keys, focus, the note and the dialogs live here; the actions in useCounterActions. */
export function CounterScreen({ api, context, data, connection, onSignOut, onConnection, onOpenHardware }: CounterScreenProps) {
  const { t } = useTranslation();
  const { current, busy } = data;
  const [opened, setOpened] = useState<{ kind: NonNullable<ActionState['dialog']>; ticketId: string | null } | null>(null);
  // A transfer dialog belongs to its visitor: gone (finished from another window), it is closed.
  const dialog = opened && (opened.kind !== 'transfer' || opened.ticketId === (current?.id ?? null)) ? opened.kind : null;
  // The note belongs to one ticket: a new visitor starts empty, a failed finish keeps the text.
  const [note, setNote] = useState<{ ticketId: string | null; text: string }>({ ticketId: null, text: '' });
  const noteText = current !== null && note.ticketId === current.id ? note.text : '';
  const [hint, showHint] = useHint();
  const queue = useWaitingList(api, connection.online);
  const hardware = useHardwareState(api);
  const callNextRef = useRef<HTMLButtonElement>(null);
  const walkInRef = useRef<HTMLButtonElement>(null);
  const pauseRef = useRef<HTMLButtonElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const shownTicketId = useRef<string | null>(null);
  const counterStatus = connection.counter?.status ?? null;
  const state: ActionState = { current, busy, online: connection.online, counter: counterStatus, dialog };

  // Focus is never lost: a new visitor puts it in the note, an idle counter on F1 (F2 offline,
  // resume when paused), and if it fell to the page (its button got disabled or removed) it goes
  // to the sensible one.
  useEffect(() => {
    if (busy || dialog) return;
    const id = current?.id ?? null;
    const changed = id !== shownTicketId.current;
    shownTicketId.current = id;
    const active = document.activeElement;
    const lost = active === null || active === document.body || (active instanceof HTMLButtonElement && active.disabled);
    if (!changed && !lost) return;
    if (id !== null) noteRef.current?.focus();
    else if (callNextRef.current && !callNextRef.current.disabled) callNextRef.current.focus();
    else if (counterStatus === 'paused') pauseRef.current?.focus();
    else walkInRef.current?.focus();
  });

  const open = (which: NonNullable<ActionState['dialog']>): void => {
    returnFocus.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened({ kind: which, ticketId: current?.id ?? null });
  };

  const closeDialog = (): void => {
    flushSync(() => setOpened(null)); // the page behind stops being inert before focus goes back
    const back = returnFocus.current;
    const usable = back !== null && back.isConnected && !(back instanceof HTMLButtonElement && back.disabled);
    (usable ? back : walkInRef.current)?.focus();
  };

  const { perform, callEntry } = useCounterActions({
    data,
    state,
    showHint,
    note: () => noteText,
    openChooser: () => open('chooser'),
    openTransfer: () => open('transfer'),
    focusNote: () => (noteRef.current ? noteRef.current.focus() : showHint('noVisitor')),
    togglePause: () => (counterStatus === 'paused' ? void counterAction(() => api.resumeCounter({}), 'resumedNow') : open('pause')),
    openClose: () => open('close'),
  });

  async function counterAction(call: () => ReturnType<LoketApi['resumeCounter']>, done?: 'pausedNow' | 'resumedNow'): Promise<void> {
    const answer = await data.run(call);
    if (!answer) return;
    onConnection(answer.value);
    if (done) showHint(done);
  }

  const pause = async (reason: PauseReason): Promise<void> => {
    closeDialog();
    await counterAction(() => api.pauseCounter({ reason }), 'pausedNow');
  };

  const closeCounter = async (): Promise<void> => {
    closeDialog();
    await counterAction(() => api.closeCounter({}));
  };

  const choose = async (serviceId: string): Promise<void> => {
    setOpened(null);
    const ticket = await data.startWalkIn(serviceId);
    if (ticket) showHint('started', ticket.number);
  };

  const transfer = async (request: TransferRequest): Promise<void> => {
    const number = current?.number;
    const ticket = await data.transfer(request);
    if (!ticket) return; // the dialog stays open and shows why
    closeDialog();
    showHint('transferred', number ?? ticket.number);
  };

  useHotkeys((key) => {
    markActionStart(ACTION_OF_KEY[key]);
    perform(ACTION_OF_KEY[key]);
  });

  // The screen now shows what the last key did (a refusal's hint, an open dialog, a new visitor).
  useEffect(() => {
    if (!busy) markActionShown();
  });

  return (
    <div className="screen">
      <div className="screen-body" inert={dialog !== null}>
        <Header
          hallName={context.hallName}
          counterNumber={context.counter.number}
          timeZone={context.timeZone}
          link={{
            online: connection.online,
            serverUrl: connection.serverUrl,
            officerName: connection.officer?.name ?? null,
            paused: connection.counter?.status === 'paused',
            pending: connection.sync.pending,
            onSignOut,
          }}
          hardware={{ state: hardware.state, onOpen: onOpenHardware }}
        />
        <SyncBanner connection={connection} />
        <main className="layout">
          <div className="column column-left">
            <CurrentVisitor
              ticket={current}
              hall={connection.online}
              service={context.services.find((s) => s.id === current?.serviceId)}
              paused={connection.counter?.status === 'paused' ? { reason: connection.counter.pauseReason ?? 'other', since: connection.counter.since } : null}
              timeZone={context.timeZone}
              recallsBeforeNoShow={context.recallsBeforeNoShow}
              note={noteText}
              onNoteChange={(text) => setNote({ ticketId: current?.id ?? null, text })}
              noteRef={noteRef}
            />
            <ActionBar
              state={state}
              onAction={perform}
              callNextRef={callNextRef}
              walkInRef={walkInRef}
              pauseRef={pauseRef}
              recallsBeforeNoShow={context.recallsBeforeNoShow}
            />
            <p className="hint" role="status">
              {hint ? t(`hints.${hint.key}`, { number: hint.number }) : busy ? t('actions.busy') : ''}
            </p>
            <ErrorAlert error={dialog === 'transfer' ? null : data.error} onDismiss={data.dismissError} />
          </div>
          <div className="column column-right">
            <WaitingList list={queue} services={context.services} onCall={callEntry} />
            <TodaySummary summary={data.today?.summary ?? null} />
            <ServedTable served={data.today?.served ?? []} services={context.services} timeZone={context.timeZone} />
          </div>
        </main>
      </div>
      {dialog === 'pause' && <PauseDialog onChoose={(reason) => void pause(reason)} onClose={closeDialog} />}
      {dialog === 'close' && <CloseCounterDialog counterNumber={context.counter.number} onConfirm={() => void closeCounter()} onClose={closeDialog} />}
      {dialog === 'chooser' && <ServiceChooser services={context.services} onChoose={(id) => void choose(id)} onClose={closeDialog} />}
      {dialog === 'transfer' && current && (
        <TransferDialog
          ticket={current}
          services={context.services}
          counters={context.otherCounters}
          busy={busy}
          error={data.error}
          onTransfer={(request) => void transfer(request)}
          onClose={closeDialog}
        />
      )}
    </div>
  );
}
