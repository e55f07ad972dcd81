import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Service, Ticket } from '../../core/domain.ts';
import type { PauseReason } from '../../core/events.ts';
import { formatDurationClock, formatTime } from '../shared/format.ts';
import { useNow } from './useNow.ts';

export const NOTE_MAX = 500;

interface CurrentVisitorProps {
  ticket: Ticket | null;
  /** Online with the hall server: the idle card points at F1 (call next) as well as F2. */
  hall: boolean;
  service: Service | undefined;
  /** The counter is paused (and why, since when); null when it is not. */
  paused: { reason: PauseReason; since: number } | null;
  timeZone: string;
  /** After this many calls the card suggests a no-show. */
  recallsBeforeNoShow: number;
  note: string;
  onNoteChange: (note: string) => void;
  noteRef: Ref<HTMLTextAreaElement>;
}

/** The left card: a calm idle state, or the visitor being served with a huge number. */
export function CurrentVisitor(props: CurrentVisitorProps) {
  const { ticket, hall, paused, timeZone } = props;
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="visitor" aria-labelledby={headingId} aria-live="polite">
      <h2 id={headingId} className="section-title">
        {t('visitor.heading')}
      </h2>
      {ticket === null && paused ? (
        <div className="visitor-idle visitor-paused">
          <p className="visitor-idle-title">
            <span aria-hidden="true">‖ </span>
            {t('workday.pausedTitle', { reason: t(`workday.reason_${paused.reason}`) })}
          </p>
          <p>{t('workday.pausedSince', { time: formatTime(paused.since, timeZone) })}</p>
          <p className="visitor-idle-hint">{t('workday.pausedHint')}</p>
        </div>
      ) : ticket === null ? (
        <div className="visitor-idle">
          <p className="visitor-idle-title">{t('visitor.idle')}</p>
          <p className="visitor-idle-hint">{t(hall ? 'visitor.idleHintHall' : 'visitor.idleHint')}</p>
        </div>
      ) : (
        <Serving {...props} ticket={ticket} />
      )}
    </section>
  );
}

function Serving({ ticket, service, note, onNoteChange, noteRef, recallsBeforeNoShow }: CurrentVisitorProps & { ticket: Ticket }) {
  const { t } = useTranslation();
  const noteId = useId();
  const countId = useId();
  return (
    <div className="visitor-serving">
      <div className="visitor-head">
        <h3 className="ticket-number" aria-label={t('visitor.numberLabel', { number: ticket.number })}>
          {ticket.number}
        </h3>
        <div className="visitor-facts">
          <p className="visitor-service">
            <span className="visually-hidden">{t('visitor.service')}: </span>
            {service?.name ?? ticket.serviceId}
          </p>
          <TicketStatus ticket={ticket} />
          <Elapsed
            since={ticket.startedAt ?? ticket.calledAt ?? ticket.issuedAt}
            label={t(ticket.status === 'called' ? 'visitor.sinceCalled' : 'visitor.elapsed')}
          />
        </div>
      </div>
      {ticket.status === 'called' && ticket.callCount >= recallsBeforeNoShow && (
        <p className="visitor-suggest" role="status">
          {t('workday.suggestNoShow', { count: ticket.callCount })}
        </p>
      )}
      <div className="visitor-requirements">
        <h3 className="field-title">{t('visitor.requirements')}</h3>
        <p className="requirements-text">{service?.requirements.trim() || t('visitor.noRequirements')}</p>
      </div>
      <div className="visitor-note">
        <label htmlFor={noteId} className="field-title">
          {t('visitor.note')} <kbd aria-hidden="true">F6</kbd>
        </label>
        <textarea
          id={noteId}
          ref={noteRef}
          className="note-input"
          rows={2}
          maxLength={NOTE_MAX}
          value={note}
          aria-describedby={countId}
          aria-keyshortcuts="F6"
          onChange={(event) => onNoteChange(event.target.value)}
        />
        <p id={countId} className="note-count" aria-live="off">
          {t('visitor.noteCount', { count: note.length, max: NOTE_MAX })}
        </p>
      </div>
    </div>
  );
}

/** Called or being served, how often called, and the priority mark (a word and a symbol, not colour alone). */
function TicketStatus({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const walkIn = ticket.callCount === 0;
  return (
    <p className={`visitor-status visitor-status-${ticket.status}`}>
      <span className="status-word">
        <span aria-hidden="true">{ticket.status === 'called' ? '◉ ' : '▶ '}</span>
        {t(ticket.status === 'called' ? 'visitor.statusCalled' : 'visitor.statusServing')}
      </span>
      {walkIn ? (
        <span className="status-tag">{t('visitor.walkIn')}</span>
      ) : (
        <span className="status-tag call-count">{t('visitor.calledCount', { count: ticket.callCount })}</span>
      )}
      {ticket.priority === 'priority' && (
        <span className="status-tag priority-mark">
          <span aria-hidden="true">★ </span>
          {t('visitor.priority')}
        </span>
      )}
    </p>
  );
}

/** Service time so far, ticking; a timer role, so screen readers do not announce every second. */
function Elapsed({ since, label }: { since: number; label: string }) {
  const now = useNow(1000);
  return (
    <p className="visitor-elapsed">
      <span className="field-title">{label}</span>{' '}
      <span role="timer" aria-live="off" className="elapsed-value">
        {formatDurationClock(now - since)}
      </span>
    </p>
  );
}
