import type { CSSProperties } from 'react';

/**
 * What the report's charts share: colours that read on white paper and in greyscale (each at
 * least 4.5:1 on white), and their size: fluid on screen, fixed for the A4 print view.
 */
export const SERIES_COLORS = {
  served: '#0b5cad',
  pending: '#8a6100',
  noShow: '#b3261e',
  transferred: '#5b3f99',
  avg: '#0b5cad',
  median: '#1d7a46',
  p90: '#b3261e',
} as const;

export const GRID_COLOR = '#d5dbe5';
export const AXIS_TICK = { fontSize: 12, fill: '#3a4558' } as const;

/** A chart's size props: `width` px wide (print), or the width of its box (screen). */
export function chartSize(width: number | undefined, height: number): { width: number; height: number } | { responsive: true; style: CSSProperties } {
  return width === undefined ? { responsive: true, style: { width: '100%', height } } : { width, height };
}
