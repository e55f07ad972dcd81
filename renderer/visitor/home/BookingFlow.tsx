import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateBookingResponse, PublicServicesResponse, Slot } from '../../../core/visitor-api.ts';
import { useSubmit } from '../../shared/FormField.tsx';
import type { PublicApi } from '../public-api.ts';
import { dayIn } from '../visitor-dates.ts';
import { failureText, isTransient } from '../visitor-errors.ts';
import { BookingDone } from './BookingDone.tsx';
import { DetailsStep } from './DetailsStep.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { ServiceStep } from './ServiceStep.tsx';
import { SlotStep } from './SlotStep.tsx';

type Step = 'service' | 'slot' | 'details' | 'review' | 'done';

interface Draft {
  serviceId: string | null;
  date: string;
  slot: Slot | null;
  name: string;
  phone: string;
}

/** Refusals that mean "choose another slot or day": the flow goes back to the slots with the reason. */
const SLOT_REFUSALS = new Set(['slot_full', 'slot_passed', 'booking_quota_reached', 'booking_closed']);

interface BookingFlowProps {
  api: PublicApi;
  data: PublicServicesResponse;
  /** The hall server's clock (its Date header), else this device's: "today" is the hall's. */
  now: number;
  initialServiceId: string | null;
  onShowBooking: (code: string) => void;
}

/**
 * antrian online: service → day and time slot → name and phone → check and confirm → the code.
 * Each refusal of the server sends the visitor to the step that can fix it, with the reason.
 */
export function BookingFlow({ api, data, now, initialServiceId, onShowBooking }: BookingFlowProps) {
  const { t } = useTranslation();
  const today = dayIn(now, data.hall.timeZone);
  const bookable = (id: string | null) => data.agencies.some((a) => a.services.some((s) => s.id === id && s.booking.enabled));
  const start = (): Draft => ({ serviceId: bookable(initialServiceId) ? initialServiceId : null, date: today, slot: null, name: '', phone: '' });
  const [draft, setDraft] = useState<Draft>(start);
  const [step, setStep] = useState<Step>(draft.serviceId ? 'slot' : 'service');
  const [slotProblem, setSlotProblem] = useState<string | null>(null);
  const [slotsVersion, setSlotsVersion] = useState(0);
  const [fieldError, setFieldError] = useState<{ field: 'name' | 'phone'; text: string } | null>(null);
  const [reviewProblem, setReviewProblem] = useState<{ text: string; retry: boolean } | null>(null);
  const [booked, setBooked] = useState<CreateBookingResponse | null>(null);
  const { busy, send } = useSubmit();

  const agency = data.agencies.find((a) => a.services.some((s) => s.id === draft.serviceId));
  const service = agency?.services.find((s) => s.id === draft.serviceId);
  const update = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));

  const confirm = async (): Promise<void> => {
    if (!service || !draft.slot || busy) return;
    setReviewProblem(null);
    const answer = await send(() => api.book({ serviceId: service.id, date: draft.date, slotStart: draft.slot?.start ?? 0, name: draft.name, phone: draft.phone }));
    if (answer.ok) {
      setBooked(answer.value);
      setStep('done');
      return;
    }
    const text = failureText(t, answer, 'book', { maxPerPhone: data.rules.maxBookingsPerPhonePerDay });
    const { code, field } = answer.error;
    if (SLOT_REFUSALS.has(code)) {
      setSlotProblem(text);
      update({ slot: null });
      setSlotsVersion((v) => v + 1);
      setStep('slot');
    } else if (code === 'invalid_request' && (field === 'name' || field === 'phone')) {
      setFieldError({ field, text });
      setStep('details');
    } else {
      setReviewProblem({ text, retry: isTransient(answer) });
    }
  };

  const restart = (): void => {
    setDraft({ ...start(), serviceId: null });
    setBooked(null);
    setSlotProblem(null);
    setReviewProblem(null);
    setFieldError(null);
    setStep('service');
  };

  if (step === 'done' && booked) return <BookingDone booking={booked} onCancel={() => onShowBooking(booked.code)} onAnother={restart} />;
  if (step === 'service' || !service || !agency) {
    return (
      <ServiceStep
        data={data}
        serviceId={draft.serviceId}
        onNext={(serviceId) => {
          if (serviceId !== draft.serviceId) update({ serviceId, slot: null });
          setSlotProblem(null);
          setStep('slot');
        }}
      />
    );
  }
  if (step === 'slot' || !draft.slot) {
    return (
      <SlotStep
        key={slotsVersion}
        api={api}
        service={service}
        today={today}
        horizonDays={data.rules.horizonDays}
        date={draft.date}
        slot={draft.slot}
        problem={slotProblem}
        onDate={(date) => {
          update({ date, slot: null });
          setSlotProblem(null);
        }}
        onSlot={(slot) => update({ slot })}
        onNext={() => setStep('details')}
        onBack={() => setStep('service')}
      />
    );
  }
  if (step === 'details') {
    return (
      <DetailsStep
        name={draft.name}
        phone={draft.phone}
        serverError={fieldError}
        onNext={(name, phone) => {
          update({ name, phone });
          setFieldError(null);
          setReviewProblem(null);
          setStep('review');
        }}
        onBack={() => setStep('slot')}
      />
    );
  }
  return (
    <ReviewStep
      service={service}
      agencyName={agency.shortName}
      date={draft.date}
      slot={draft.slot}
      name={draft.name}
      phone={draft.phone}
      busy={busy}
      problem={reviewProblem}
      onChange={(s) => setStep(s)}
      onConfirm={() => void confirm()}
    />
  );
}
