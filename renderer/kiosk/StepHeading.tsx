import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The heading of a kiosk step. It takes the focus when the step appears, so keyboard and screen
 * reader users start each step at its top (Tab then reaches the step's first choice).
 */
export function StepHeading({ id, children, className = 'step-title' }: { id: string; children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h2 id={id} ref={ref} className={className} tabIndex={-1}>
      {children}
    </h2>
  );
}
