import { useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type Ref } from 'react';

/**
 * The labelled text field of every form (counter sign-in, technician enrollment, transfer, hall
 * setup): label, input, its own error text (where shown in the field) and hint. The input is
 * described by its error first, then by its hint.
 */

/** Class names: the counter's gate forms by default, the hall pages' setup card with `SETUP_FIELD`. */
export interface FieldClasses {
  field: string;
  label: string;
  input: string;
  error: string;
  hint: string;
}

export const GATE_FIELD: FieldClasses = { field: 'field', label: 'field-title', input: 'text-input', error: 'field-error', hint: 'field-hint' };
export const SETUP_FIELD: FieldClasses = { field: 'setup-field', label: 'setup-label', input: 'setup-input', error: 'setup-field-error', hint: 'setup-hint' };

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'aria-invalid' | 'aria-describedby'>;

interface FormFieldProps extends InputProps {
  label: string;
  hint: string;
  /** The input's id (default: a fresh one). */
  id?: string;
  ref?: Ref<HTMLInputElement>;
  classes?: FieldClasses;
  /** Classes added to the input's own, e.g. `pin-input`. */
  inputClass?: string;
  /** The error text shown in the field, above the hint. */
  error?: string | null;
  /** The id of an error text shown elsewhere in the form, which describes this field now. */
  problemId?: string | null;
  /** Whether the input is marked invalid (default: while it has an error). */
  invalid?: boolean;
}

export function FormField({ label, hint, id, ref, classes = GATE_FIELD, inputClass, error, problemId, invalid, ...input }: FormFieldProps) {
  const ownId = useId();
  const hintId = useId();
  const errorId = useId();
  const inputId = id ?? ownId;
  const describer = error ? errorId : problemId;
  const marked = invalid ?? Boolean(describer);
  return (
    <div className={classes.field}>
      <label htmlFor={inputId} className={classes.label}>
        {label}
      </label>
      <input
        id={inputId}
        ref={ref}
        className={inputClass ? `${classes.input} ${inputClass}` : classes.input}
        {...input}
        aria-invalid={marked ? true : undefined}
        aria-describedby={describer ? `${describer} ${hintId}` : hintId}
      />
      {error && (
        <p id={errorId} className={classes.error}>
          {error}
        </p>
      )}
      <p id={hintId} className={classes.hint}>
        {hint}
      </p>
    </div>
  );
}

/** The one problem line below a gate form's fields (the fields it concerns point to it). */
export function FieldProblem({ id, text }: { id: string; text: string | null | undefined }) {
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null;
}

/** A gate form's Enter button, its label saying when the form is busy. */
export function GateSubmit({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" className="key-button key-button-primary gate-submit" disabled={busy}>
      <kbd aria-hidden="true">Enter</kbd> <span>{busy ? busyLabel : label}</span>
    </button>
  );
}

/**
 * Submit handling shared by the forms: `submitWith(event, handler)` stops the browser's own submit
 * and ignores a second one while a request is out; `send(call)` marks the form busy around the call.
 */
export function useSubmit(): {
  busy: boolean;
  submitWith: (event: FormEvent, handler: () => Promise<void>) => void;
  send: <T>(call: () => Promise<T>) => Promise<T>;
} {
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);
  const submitWith = (event: FormEvent, handler: () => Promise<void>): void => {
    event.preventDefault();
    if (inFlight.current) return;
    void handler();
  };
  const send = async <T,>(call: () => Promise<T>): Promise<T> => {
    inFlight.current = true;
    setBusy(true);
    const result = await call();
    inFlight.current = false;
    setBusy(false);
    return result;
  };
  return { busy, submitWith, send };
}
