import { useId, useRef, useState, type FormEvent } from 'react';
import { FormField, type FieldClasses } from '../shared/FormField.tsx';

/** The text field classes of the visitor pages (for the shared FormField). */
export const VISITOR_FIELD: FieldClasses = { field: 'v-field', label: 'v-label', input: 'v-input', error: 'v-field-error', hint: 'v-hint' };

/**
 * `TRACKING_CODE_PATTERN` of core/api.ts (a booking code has the same form), held equal by a test;
 * not imported, since that module builds zod schemas on load.
 */
export const CODE_PATTERN = /^[2-9A-HJ-NP-Z]{8}$/;

/** `k7qx 4m2p`, `K7QX-4M2P` → `K7QX4M2P`: what visitors type, in the form the server expects. */
export const normalizeCode = (text: string): string => text.toUpperCase().replace(/[\s-]+/g, '');

interface CodeFormProps {
  label: string;
  hint: string;
  invalidText: string;
  submitLabel: string;
  busyLabel?: string;
  busy?: boolean;
  initial?: string;
  /** A refusal of the server about this code, shown at the field. */
  error?: string | null;
  onSubmit: (code: string) => void;
}

/** One code field and its button, checked before anything is sent: tracking, booking and survey codes. */
export function CodeForm({ label, hint, invalidText, submitLabel, busyLabel, busy = false, initial = '', error = null, onSubmit }: CodeFormProps) {
  const [text, setText] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const formId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    const code = normalizeCode(text);
    if (!CODE_PATTERN.test(code)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    onSubmit(code);
  };
  return (
    <form className="v-form v-code-form" id={formId} onSubmit={submit} noValidate>
      <FormField
        ref={input}
        classes={VISITOR_FIELD}
        inputClass="v-input-code"
        label={label}
        hint={hint}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setInvalid(false);
        }}
        error={invalid ? invalidText : error}
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        maxLength={16}
        enterKeyHint="go"
      />
      <button type="submit" className="v-button v-button-primary" disabled={busy}>
        {busy ? (busyLabel ?? submitLabel) : submitLabel}
      </button>
    </form>
  );
}
