import { useMemo, type Ref } from 'react';
import { renderSVG } from 'uqr';

/**
 * A QR code as an SVG image (uqr): a data URL, which the pages' CSP allows for images; black on
 * white with a quiet zone, error correction M like the printer's (core/escpos.ts).
 */
export function QrImage({ value, label, className, ref }: { value: string; label: string; className: string; ref?: Ref<HTMLImageElement> }) {
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(value, { ecc: 'M', border: 2 }))}`, [value]);
  return <img ref={ref} className={className} src={src} alt={label} data-qr={value} />;
}
