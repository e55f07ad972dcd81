import type { Agency } from '../../core/domain.ts';

/**
 * Colours for agencies the hall configured without one, so visitors can still tell the agencies
 * apart on the board. Each is bright enough to stand out as a stripe on the board's navy panels
 * (≥ 3:1) and carries black or white text at ≥ 4.5:1 (agencyColors picks the ink); none is the
 * yellow of the call highlight. Checked in tests/unit/renderer/board-voice.dom.test.tsx.
 */
export const AGENCY_PALETTE = [
  '#1e88e5', // blue
  '#43a047', // green
  '#fb8c00', // orange
  '#ab47bc', // purple
  '#00acc1', // cyan
  '#ec407a', // pink
  '#7cb342', // light green
  '#8d8dff', // periwinkle
  '#26a69a', // teal
  '#f4511e', // deep orange
  '#a1887f', // taupe
  '#5c9ded', // sky
] as const;

/** FNV-1a: a small, stable hash of an agency id, the same on every board. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const cache = new WeakMap<readonly Agency[], Map<string, string>>();

/**
 * Every agency's colour: its own, or one from the palette chosen by its id (the same on every
 * board and across restarts). Agencies take their slot in id order; a taken slot moves an agency
 * to the next free one, so up to 12 agencies without colours all differ.
 */
export function agencyColorMap(agencies: readonly Agency[]): Map<string, string> {
  const known = cache.get(agencies);
  if (known) return known;
  const colors = new Map<string, string>();
  const used = new Set<string>();
  for (const agency of agencies) {
    if (agency.color) {
      colors.set(agency.id, agency.color);
      used.add(agency.color.toLowerCase());
    }
  }
  const uncoloured = agencies.filter((a) => !a.color).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const agency of uncoloured) {
    const start = hash(agency.id) % AGENCY_PALETTE.length;
    let pick: string = AGENCY_PALETTE[start] ?? AGENCY_PALETTE[0];
    for (let step = 0; step < AGENCY_PALETTE.length; step++) {
      const candidate = AGENCY_PALETTE[(start + step) % AGENCY_PALETTE.length] ?? pick;
      if (!used.has(candidate)) {
        pick = candidate;
        break;
      }
    }
    used.add(pick);
    colors.set(agency.id, pick);
  }
  cache.set(agencies, colors);
  return colors;
}

/** The colour to show for an agency (undefined for an unknown agency: the default navy). */
export function agencyColor(agencies: readonly Agency[], agencyId: string | null | undefined): string | undefined {
  return agencyId ? agencyColorMap(agencies).get(agencyId) : undefined;
}
