/**
 * A small ESC/POS encoder for the kiosk's 58 mm and 80 mm thermal ticket printers: the few commands
 * a ticket needs (Epson's command set, which the common clones follow), and the ticket layout.
 * Output is a byte array the platform side writes to USB, serial or a TCP port 9100 printer.
 * `escpos-decode.ts` reads the same bytes back for tests.
 */

export const ESC = 0x1b;
export const GS = 0x1d;
export const LF = 0x0a;

export type Paper = 58 | 80;
export type Align = 'left' | 'center' | 'right';

/** Font A (12 × 24 dots) columns and printable dots per line at 203 dpi. */
export const PAPER = {
  58: { columns: 32, dots: 384 },
  80: { columns: 48, dots: 576 },
} as const satisfies Record<Paper, { columns: number; dots: number }>;

/** The largest character magnification used; GS ! allows up to 8. */
const MAX_MAGNIFICATION = 8;

/** `GS ( k` QR functions (cn = 49): select model, module size, error correction, store, print. */
export const QR = { cn: 0x31, model: 0x41, moduleSize: 0x43, errorCorrection: 0x45, store: 0x50, print: 0x51 } as const;
const QR_ECC_M = 0x31;
const QR_MODEL_2 = 0x32;

/**
 * Byte-mode capacity of QR versions 1…40 at error correction M. The printer picks the version
 * itself; this only tells how many modules wide the code will be, to size them to the paper.
 */
const QR_BYTES_AT_M = [
  14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997,
  1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
];
const QR_MAX_BYTES = 2331;

const SUBSTITUTES: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L', ı: 'i',
  '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '‐': '-', '–': '-', '—': '-', '−': '-',
  '•': '*', '·': '.', '×': 'x', '÷': '/', '€': 'EUR', '©': '(c)', '®': '(R)', '°': 'o', '№': 'No',
};

/**
 * Text as the printer's ASCII: accents dropped ("é" → "e"), compatibility forms unfolded ("…" →
 * "..."), a few symbols spelled, anything else "?". Line breaks stay; other control characters
 * become spaces, so no text (a hall name, say) can smuggle a printer command in.
 */
export function toPrinterAscii(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\n' || (code >= 0x20 && code <= 0x7e)) out += char;
    else if (code < 0x20 || code === 0x7f) out += ' ';
    else out += SUBSTITUTES[char] ?? '?';
  }
  return out;
}

/** Greedy word wrap to `width` columns; a word longer than a line is split. An empty text is one empty line. */
export function wrapText(text: string, width: number): string[] {
  if (!Number.isInteger(width) || width < 1) throw new RangeError(`a line is at least 1 column wide, got ${width}`);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(' ').filter((w) => w !== '')) {
      if (line !== '' && line.length + 1 + word.length <= width) {
        line += ` ${word}`;
        continue;
      }
      if (line !== '') lines.push(line);
      while (word.length > width) {
        lines.push(word.slice(0, width));
        word = word.slice(width);
      }
      line = word;
    }
    lines.push(line);
  }
  return lines;
}

function checkByte(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

/** Builds an ESC/POS byte stream; text is folded to ASCII and wrapped to the paper at the current size. */
export class EscPosWriter {
  private readonly out: number[] = [];
  private width = 1;

  constructor(readonly paper: Paper) {}

  /** ESC @ (reset), then ESC t 0: code page PC437, whose lower half is the ASCII printed here. */
  initialize(): this {
    this.width = 1;
    return this.push(ESC, 0x40, ESC, 0x74, 0);
  }

  align(align: Align): this {
    return this.push(ESC, 0x61, { left: 0, center: 1, right: 2 }[align]);
  }

  bold(on: boolean): this {
    return this.push(ESC, 0x45, on ? 1 : 0);
  }

  /** GS ! n: width and height magnification 1–8. */
  size(width: number, height: number): this {
    checkByte('character width', width, 1, MAX_MAGNIFICATION);
    checkByte('character height', height, 1, MAX_MAGNIFICATION);
    this.width = width;
    return this.push(GS, 0x21, ((width - 1) << 4) | (height - 1));
  }

  /** Columns of the current character width on this paper. */
  get columns(): number {
    return Math.floor(PAPER[this.paper].columns / this.width);
  }

  /** Prints text as whole lines, each ended by LF. */
  text(text: string): this {
    for (const line of wrapText(toPrinterAscii(text), this.columns)) {
      for (let i = 0; i < line.length; i++) this.out.push(line.charCodeAt(i));
      this.out.push(LF);
    }
    return this;
  }

  /** A line of dashes across the paper. */
  rule(): this {
    return this.text('-'.repeat(this.columns));
  }

  /** ESC d n: feed n lines. */
  feed(lines: number): this {
    return this.push(ESC, 0x64, checkByte('lines to feed', lines, 0, 255));
  }

  /**
   * A QR code (model 2, error correction M) through GS ( k, its modules as large as fit in four
   * fifths of the paper's width, at most 8 dots. Data must be ASCII, e.g. a percent-encoded URL.
   */
  qr(data: string): this {
    if (data.length === 0 || !/^[\x20-\x7e]*$/.test(data)) {
      throw new RangeError(`QR data must be printable ASCII and not empty (percent-encode a URL), got ${JSON.stringify(data)}`);
    }
    if (data.length > QR_MAX_BYTES) {
      throw new RangeError(`QR data holds at most ${QR_MAX_BYTES} bytes at error correction M, got ${data.length}`);
    }
    const version = QR_BYTES_AT_M.findIndex((capacity) => capacity >= data.length) + 1;
    const modules = 17 + 4 * version;
    const moduleSize = Math.max(1, Math.min(8, Math.floor((PAPER[this.paper].dots * 0.8) / modules)));
    const stored = data.length + 3;
    this.push(GS, 0x28, 0x6b, 4, 0, QR.cn, QR.model, QR_MODEL_2, 0);
    this.push(GS, 0x28, 0x6b, 3, 0, QR.cn, QR.moduleSize, moduleSize);
    this.push(GS, 0x28, 0x6b, 3, 0, QR.cn, QR.errorCorrection, QR_ECC_M);
    this.push(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, QR.cn, QR.store, 0x30);
    for (let i = 0; i < data.length; i++) this.out.push(data.charCodeAt(i));
    return this.push(GS, 0x28, 0x6b, 3, 0, QR.cn, QR.print, 0x30);
  }

  /** GS V 66 0: feed to the cutter and cut partially (a tab holds the ticket for the visitor to tear). */
  cut(): this {
    return this.push(GS, 0x56, 66, 0);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.out);
  }

  private push(...bytes: number[]): this {
    this.out.push(...bytes);
    return this;
  }
}

export interface TicketPrint {
  hallName: string;
  agencyName: string;
  serviceName: string;
  /** `A-012` */
  number: string;
  /** Issue date and time, already formatted in the hall's zone. */
  issuedAt: string;
  peopleAhead: number;
  trackingUrl: string;
  skmUrl: string;
  paper: Paper;
}

/** The largest magnification (at most 4) at which the number fits on one line. */
function numberMagnification(number: string, paper: Paper): number {
  return Math.max(1, Math.min(4, Math.floor(PAPER[paper].columns / Math.max(1, number.length))));
}

/**
 * The kiosk ticket: hall, agency and service; the number large; when and how many wait ahead;
 * a QR code of the tracking page with its address, and the survey's address. One QR code only:
 * the survey is taken after service, and the tracking page leads there too.
 */
export function encodeTicket(ticket: TicketPrint): Uint8Array {
  if (!Number.isSafeInteger(ticket.peopleAhead) || ticket.peopleAhead < 0) {
    throw new RangeError(`people ahead is a whole number from 0, got ${ticket.peopleAhead}`);
  }
  const number = toPrinterAscii(ticket.number).trim();
  const magnification = numberMagnification(number, ticket.paper);
  return new EscPosWriter(ticket.paper)
    .initialize()
    .align('center')
    .bold(true)
    .text(ticket.hallName)
    .bold(false)
    .text(ticket.agencyName)
    .text(ticket.serviceName)
    .rule()
    .text('Nomor Antrean')
    .size(magnification, magnification)
    .bold(true)
    .text(number)
    .bold(false)
    .size(1, 1)
    .text(ticket.issuedAt)
    .text(`Menunggu di depan: ${ticket.peopleAhead} orang`)
    .rule()
    .text('Lacak antrean Anda:')
    .qr(ticket.trackingUrl)
    .text(ticket.trackingUrl)
    .text('')
    .text('Survei Kepuasan Masyarakat:')
    .text(ticket.skmUrl)
    .text('')
    .text('Simpan tiket ini. Terima kasih.')
    .cut()
    .bytes();
}
