import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '../../shared/FormField.tsx';
import { VISITOR_FIELD } from '../CodeForm.tsx';
import { StepHeading } from '../visitor-page.tsx';
import { nameProblem, normalizedPhone, type NameProblem } from './booking-rules.ts';

interface DetailsStepProps {
  name: string;
  phone: string;
  /** A refusal of the server about one field (after a booking attempt). */
  serverError: { field: 'name' | 'phone'; text: string } | null;
  onNext: (name: string, phone: string) => void;
  onBack: () => void;
}

/** Step 3: name and Indonesian mobile number, checked here before anything is sent. */
export function DetailsStep({ name: initialName, phone: initialPhone, serverError, onNext, onBack }: DetailsStepProps) {
  const { t } = useTranslation();
  const [name, setName] = useState(initialName);
  const [phone, setPhone] = useState(initialPhone);
  const [problems, setProblems] = useState<{ name: NameProblem | null; phone: boolean }>({ name: null, phone: false });
  const [server, setServer] = useState(serverError);
  const nameInput = useRef<HTMLInputElement>(null);
  const phoneInput = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const found = { name: nameProblem(name), phone: normalizedPhone(phone) === null };
    setProblems(found);
    setServer(null);
    if (found.name) return nameInput.current?.focus();
    if (found.phone) return phoneInput.current?.focus();
    onNext(name.trim(), phone.trim());
  };

  const nameError = problems.name ? t(`visitorPages.book_${problems.name}`) : server?.field === 'name' ? server.text : null;
  const phoneError = problems.phone ? t('visitorPages.book_phoneInvalid') : server?.field === 'phone' ? server.text : null;
  return (
    <form className="v-form" onSubmit={submit} noValidate>
      <p className="v-step">{t('visitorPages.book_step', { n: 3 })}</p>
      <StepHeading>{t('visitorPages.book_details')}</StepHeading>
      <FormField
        ref={nameInput}
        classes={VISITOR_FIELD}
        label={t('visitorPages.book_name')}
        hint={t('visitorPages.book_nameHint')}
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={nameError}
        autoComplete="name"
        autoCapitalize="words"
        maxLength={80}
        enterKeyHint="next"
      />
      <FormField
        ref={phoneInput}
        classes={VISITOR_FIELD}
        label={t('visitorPages.book_phone')}
        hint={t('visitorPages.book_phoneHint')}
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        error={phoneError}
        type="tel"
        inputMode="tel"
        autoComplete="tel-national"
        maxLength={20}
        enterKeyHint="next"
      />
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
