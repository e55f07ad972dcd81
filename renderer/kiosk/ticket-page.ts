import type { Paper } from '../../core/escpos.ts';

/**
 * The printed page is exactly one ticket: as wide as the paper (58 or 80 mm, never A4 or Letter)
 * and as long as the ticket. `@page { size: 80mm auto }` is not valid CSS, so the length is
 * measured from the ticket as laid out on screen (CSS millimetres are the same on screen and
 * paper) and set through a constructed style sheet, which the page's CSP allows. print-ticket.css
 * holds the fallback: the named pages `ticket-58` and `ticket-80`, 160 mm long.
 */

const MM_PER_PX = 25.4 / 96;

/** The @page rule for a ticket of this paper and height (px as laid out). */
export function ticketPageRule(paper: Paper, heightPx: number): string {
  const heightMm = Math.max(40, Math.ceil(heightPx * MM_PER_PX) + 2);
  return `@page ticket-${paper} { size: ${paper}mm ${heightMm}mm; margin: 0; }`;
}

/** Installs the page size of the ticket `element` (of this paper); returns how to remove it again. */
export function installTicketPage(element: HTMLElement, paper: Paper): () => void {
  const doc = element.ownerDocument;
  if (typeof CSSStyleSheet === 'undefined' || !Array.isArray(doc.adoptedStyleSheets)) return () => undefined;
  let sheet: CSSStyleSheet;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(ticketPageRule(paper, element.getBoundingClientRect().height));
  } catch {
    return () => undefined; // the fallback page size of print-ticket.css applies
  }
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  return () => {
    doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
