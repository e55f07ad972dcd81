import { useMemo } from 'react';
import { renderSVG } from 'uqr';

/**
 * A QR code as an SVG image (uqr, a few kB): a data URL, which the pages' CSP allows for images;
 * black on white with a quiet zone, as scanners at the kiosk expect.
 */
export function QrCode({ value, label, className = 'v-qr' }: { value: string; label: string; className?: string }) {
  const src = useMemo(() => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(renderSVG(value, { ecc: 'M', border: 2 }))}`, [value]);
  return <img className={className} src={src} alt={label} />;
}
