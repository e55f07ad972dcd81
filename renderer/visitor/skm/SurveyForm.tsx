import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SKM_COMMENT_MAX, SKM_ELEMENTS, type SkmAnswers, type SkmElement, type SkmElementId, type SkmProfile } from '../../../core/ikm.ts';
import { currentLanguage } from '../../shared/languages.ts';
import { Problem } from '../visitor-page.tsx';
import { ProfileFields } from './ProfileFields.tsx';

export interface SurveyInput {
  answers: SkmAnswers;
  profile: SkmProfile | undefined;
  comment: string | undefined;
}

interface SurveyFormProps {
  busy: boolean;
  /** The server's refusal of the last send (not the 409 of an answered survey: the page shows that). */
  problem: string | null;
  onSubmit: (input: SurveyInput) => void;
}

const SCORES = [1, 2, 3, 4] as const;

/**
 * The nine elements of PermenPANRB 14/2017 in the regulation's wording (core/ikm.ts), each a group
 * of four large radio buttons (1–4); then the optional respondent profile and a comment. Nothing
 * is sent until every element is answered: the missing ones are named and the first is focused.
 */
export function SurveyForm({ busy, problem, onSubmit }: SurveyFormProps) {
  const { t, i18n } = useTranslation();
  const english = currentLanguage(i18n) === 'en';
  const [answers, setAnswers] = useState<Partial<Record<SkmElementId, number>>>({});
  const [profile, setProfile] = useState<SkmProfile>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<SkmElementId[]>([]);
  const [tooLong, setTooLong] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const commentId = useId();
  const commentHintId = useId();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    const unanswered = SKM_ELEMENTS.filter((e) => answers[e.id] === undefined).map((e) => e.id);
    setMissing(unanswered);
    const long = comment.trim().length > SKM_COMMENT_MAX;
    setTooLong(long);
    if (unanswered.length > 0) {
      form.current?.querySelector<HTMLInputElement>(`input[name="${unanswered[0]}"]`)?.focus();
      return;
    }
    if (long) {
      document.getElementById(commentId)?.focus();
      return;
    }
    const given = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined)) as SkmProfile;
    onSubmit({
      answers: answers as SkmAnswers,
      profile: Object.keys(given).length > 0 ? given : undefined,
      comment: comment.trim() === '' ? undefined : comment.trim(),
    });
  };

  const missingList = missing.map((id) => id.toUpperCase()).join(', ');
  return (
    <form ref={form} className="v-form v-survey" onSubmit={submit} noValidate aria-busy={busy}>
      {SKM_ELEMENTS.map((element, i) => (
        <ElementQuestion
          key={element.id}
          n={i + 1}
          element={element}
          english={english}
          value={answers[element.id]}
          missing={missing.includes(element.id)}
          onAnswer={(score) => {
            setAnswers((a) => ({ ...a, [element.id]: score }));
            setMissing((m) => m.filter((id) => id !== element.id));
          }}
        />
      ))}
      <ProfileFields profile={profile} onChange={setProfile} />
      <div className="v-field">
        <label htmlFor={commentId} className="v-label">
          {t('visitorPages.skm_comment')}
        </label>
        <textarea
          id={commentId}
          className="v-input v-textarea"
          rows={4}
          value={comment}
          onChange={(event) => {
            setComment(event.target.value);
            setTooLong(false);
          }}
          aria-invalid={tooLong || undefined}
          aria-describedby={commentHintId}
        />
        <p id={commentHintId} className={tooLong ? 'v-field-error' : 'v-hint'}>
          {tooLong
            ? t('visitorPages.skm_commentTooLong', { max: SKM_COMMENT_MAX })
            : t('visitorPages.skm_commentHint', { max: SKM_COMMENT_MAX, count: comment.trim().length })}
        </p>
      </div>
      {missing.length > 0 ? (
        <p className="v-field-error v-summary-error" role="alert">
          {t('visitorPages.skm_missing', { count: missing.length, list: missingList })}
        </p>
      ) : null}
      {problem ? <Problem text={problem} /> : null}
      <button type="submit" className="v-button v-button-primary v-button-wide" disabled={busy}>
        {busy ? t('visitorPages.skm_submitting') : t('visitorPages.skm_submit')}
      </button>
    </form>
  );
}

interface ElementQuestionProps {
  n: number;
  element: SkmElement;
  english: boolean;
  value: number | undefined;
  missing: boolean;
  onAnswer: (score: number) => void;
}

function ElementQuestion({ n, element, english, value, missing, onAnswer }: ElementQuestionProps) {
  const { t } = useTranslation();
  const questionId = useId();
  const text = english ? element.en : element;
  return (
    <fieldset className={missing ? 'v-question v-question-missing' : 'v-question'} aria-describedby={questionId} aria-invalid={missing || undefined}>
      <legend className="v-legend">
        <span className="v-question-id">{element.id.toUpperCase()}</span> {t('visitorPages.skm_element', { n, name: text.name })}
      </legend>
      <p id={questionId} className="v-question-text">
        {text.question}
      </p>
      <div className="v-scale">
        {SCORES.map((score) => (
          <label key={score} className={`v-scale-option v-scale-${score}`}>
            <input type="radio" name={element.id} value={score} checked={value === score} onChange={() => onAnswer(score)} />
            <span className="v-scale-score" aria-hidden="true">
              {score}
            </span>
            <span className="v-scale-text">{text.answers[score - 1]}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
