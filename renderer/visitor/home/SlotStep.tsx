import { useCallback, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicService, Slot, SlotsResponse } from '../../../core/visitor-api.ts';
import { currentLanguage } from '../../shared/languages.ts';
import type { PublicApi } from '../public-api.ts';
import { useLoad } from '../use-load.ts';
import { addDays, daysFrom, formatDayChip } from '../visitor-dates.ts';
import { failureText } from '../visitor-errors.ts';
import { Problem, StepHeading } from '../visitor-page.tsx';

interface SlotStepProps {
  api: PublicApi;
  service: PublicService;
  /** The hall's today and how many days ahead can be booked. */
  today: string;
  horizonDays: number;
  date: string;
  slot: Slot | null;
  /** Why the last booking attempt was refused (a slot filled meanwhile…), shown above the slots. */
  problem: string | null;
  onDate: (date: string) => void;
  onSlot: (slot: Slot) => void;
  onNext: () => void;
  onBack: () => void;
}

/**
 * Step 2: the day (today up to the horizon) and a time slot with room, every closed day and full
 * slot explained. The parent gives it a new `key` to ask for the slots again (after a refusal).
 */
export function SlotStep(props: SlotStepProps) {
  const { api, service, today, horizonDays, date, slot, problem, onDate, onSlot, onNext, onBack } = props;
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const [missing, setMissing] = useState(false);
  const missingId = useId();
  const days = useMemo(() => daysFrom(today, horizonDays + 1), [today, horizonDays]);
  const load = useCallback(() => api.slots(service.id, date), [api, service.id, date]);
  const slots = useLoad(load);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (slot === null) return setMissing(true);
    onNext();
  };

  const dayName = (day: string): { weekday: string; date: string } => {
    const chip = formatDayChip(day, language);
    if (day === today) return { ...chip, weekday: t('visitorPages.book_today') };
    if (day === addDays(today, 1)) return { ...chip, weekday: t('visitorPages.book_tomorrow') };
    return chip;
  };

  return (
    <form className="v-form" onSubmit={submit} noValidate>
      <p className="v-step">{t('visitorPages.book_step', { n: 2 })}</p>
      <StepHeading>{service.name}</StepHeading>
      <fieldset className="v-days">
        <legend className="v-legend">{t('visitorPages.book_date')}</legend>
        <p className="v-hint">{t('visitorPages.book_dateHint', { days: horizonDays })}</p>
        <div className="v-day-row">
          {days.map((day) => {
            const name = dayName(day);
            return (
              <label key={day} className="v-day">
                <input type="radio" name="day" value={day} checked={day === date} onChange={() => onDate(day)} />
                <span className="v-day-text">
                  <span className="v-day-weekday">{name.weekday}</span> <span className="v-day-date">{name.date}</span>
                </span>
              </label>
            );
          })}
        </div>
      </fieldset>
      {problem ? <Problem text={problem} /> : null}
      <fieldset className="v-slots" aria-busy={slots.loading} aria-describedby={missing ? missingId : undefined}>
        <legend className="v-legend">{t('visitorPages.book_time')}</legend>
        {slots.result === null ? (
          <p className="v-note" role="status">
            {t('visitorPages.book_slotsLoading')}
          </p>
        ) : !slots.result.ok ? (
          <Problem text={failureText(t, slots.result, 'book')} onRetry={slots.reload} />
        ) : (
          <SlotList day={slots.result.value} horizonDays={horizonDays} slot={slot} onSlot={(s) => {
              setMissing(false);
              onSlot(s);
            }} />
        )}
      </fieldset>
      {missing ? (
        <p id={missingId} className="v-field-error" role="alert">
          {t('visitorPages.book_chooseTime')}
        </p>
      ) : null}
      <div className="v-actions">
        <button type="button" className="v-button" onClick={onBack}>
          {t('visitorPages.back')}
        </button>
        <button type="submit" className="v-button v-button-primary">
          {t('visitorPages.next')}
        </button>
      </div>
    </form>
  );
}

function SlotList({ day, horizonDays, slot, onSlot }: { day: SlotsResponse; horizonDays: number; slot: Slot | null; onSlot: (slot: Slot) => void }) {
  const { t } = useTranslation();
  if (day.closed) {
    const reason = day.closed.reason;
    return (
      <p className="v-closed" role="status">
        {reason === 'closed_day'
          ? t('visitorPages.book_closed_closed_day', { hours: day.hours })
          : reason === 'beyond_horizon'
            ? t('visitorPages.book_closed_beyond_horizon', { days: horizonDays })
            : t(`visitorPages.book_closed_${reason}`)}
      </p>
    );
  }
  const open = day.slots.some((s) => s.available);
  // Times already gone are counted, not listed: late in the day they would push the open ones off the screen.
  const shown = day.slots.filter((s) => s.unavailableReason !== 'past');
  const past = day.slots.length - shown.length;
  return (
    <>
      {day.dailyQuota !== null ? <p className="v-hint">{t('visitorPages.book_quota', { booked: day.bookedThatDay, quota: day.dailyQuota })}</p> : null}
      {past > 0 && shown.length > 0 ? <p className="v-hint">{t('visitorPages.book_pastHidden', { count: past })}</p> : null}
      {!open ? (
        <p className="v-closed" role="status">
          {t('visitorPages.book_noneLeft')}
        </p>
      ) : null}
      <div className="v-slot-grid">
        {shown.map((s) => {
          const reason = s.unavailableReason ? t(`visitorPages.book_${s.unavailableReason}`) : null;
          return (
            <label key={s.start} className={s.available ? 'v-slot' : 'v-slot v-slot-off'}>
              <input
                type="radio"
                name="slot"
                value={s.start}
                checked={slot?.start === s.start}
                disabled={!s.available}
                onChange={() => onSlot(s)}
                aria-label={reason ? t('visitorPages.book_unavailable', { time: s.time, reason }) : t('visitorPages.book_slotLabel', { time: s.time, count: s.remaining })}
              />
              <span className="v-slot-time" aria-hidden="true">
                {s.time}
              </span>
              <span className="v-slot-left" aria-hidden="true">
                {reason ?? t('visitorPages.book_left', { count: s.remaining })}
              </span>
            </label>
          );
        })}
      </div>
    </>
  );
}
