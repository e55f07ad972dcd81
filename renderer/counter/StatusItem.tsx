import { useId, type ReactNode } from 'react';

interface StatusItemProps {
  /** A symbol beside the word, so the state never rests on colour alone. */
  symbol: string;
  word: string;
  /** What the state means for the officer's work: shown on hover and on keyboard focus. */
  description: string;
  className: string;
  /** Rendered as a button (e.g. to open the device screen) instead of a focusable chip. */
  onActivate?: () => void;
  children?: ReactNode;
}

/**
 * A small header chip that explains itself: Tab reaches it and its explanation shows, as it does
 * on hover; screen readers get the same text as its description. Its word is a polite status, so
 * a change (going offline) is announced once.
 */
export function StatusItem({ symbol, word, description, className, onActivate, children }: StatusItemProps) {
  const tipId = useId();
  const body = (
    <>
      <span aria-hidden="true">{symbol} </span>
      <span role="status">{word}</span>
      {children}
      <span id={tipId} role="tooltip" className="status-tip">
        {description}
      </span>
    </>
  );
  return onActivate ? (
    <button type="button" className={`status-item ${className}`} aria-describedby={tipId} onClick={onActivate}>
      {body}
    </button>
  ) : (
    <span tabIndex={0} className={`status-item ${className}`} aria-describedby={tipId}>
      {body}
    </span>
  );
}
