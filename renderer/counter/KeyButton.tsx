import type { ButtonHTMLAttributes, Ref } from 'react';

interface KeyButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> {
  /** The key that does the same, shown on the button and announced as its shortcut. */
  shortcut: string;
  label: string;
  ref?: Ref<HTMLButtonElement>;
}

/** A button that shows its keyboard shortcut (Shift as ⇧, as on the key); its accessible name is the label alone. */
export function KeyButton({ shortcut, label, className, ...rest }: KeyButtonProps) {
  return (
    <button type="button" className={['key-button', className].filter(Boolean).join(' ')} aria-keyshortcuts={shortcut} {...rest}>
      <kbd aria-hidden="true">{shortcut.replace('Shift+', '⇧')}</kbd>
      <span>{label}</span>
    </button>
  );
}
