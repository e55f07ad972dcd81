import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosWriter, PAPER, encodeTicket, toPrinterAscii, wrapText, type TicketPrint } from '../../../core/escpos.ts';
import { EscPosDecodeError, decodeEscPos, printedLines, type EscPosOp } from '../../../core/escpos-decode.ts';

const ticket = (overrides: Partial<TicketPrint> = {}): TicketPrint => ({
  hallName: 'Mal Pelayanan Publik Kota Bandung',
  agencyName: 'Dinas Kependudukan dan Pencatatan Sipil',
  serviceName: 'Perekaman KTP-el',
  number: 'A-012',
  issuedAt: 'Senin, 14 Juli 2025 08:31',
  peopleAhead: 3,
  trackingUrl: 'https://mpp.bandung.go.id/t/K7P2QX',
  skmUrl: 'https://mpp.bandung.go.id/skm/K7P2QX',
  paper: 58,
  ...overrides,
});

const hexBytes = (text: string): number[] => text.split(' ').map((h) => parseInt(h, 16));
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('EscPosWriter', () => {
  it('writes the commands byte for byte', () => {
    const bytes = new EscPosWriter(58).initialize().align('center').bold(true).size(2, 3).text('A-012').feed(2).cut().bytes();
    expect([...bytes]).toEqual([
      ...hexBytes('1b 40 1b 74 00'), // ESC @, ESC t 0
      ...hexBytes('1b 61 01'), // ESC a 1: center
      ...hexBytes('1b 45 01'), // ESC E 1: bold
      ...hexBytes('1d 21 12'), // GS ! n: width 2 in the high nibble, height 3 in the low, each minus one
      ...ascii('A-012'),
      0x0a,
      ...hexBytes('1b 64 02'), // ESC d 2
      ...hexBytes('1d 56 42 00'), // GS V 66 0: feed to the cutter, partial cut
    ]);
  });

  it('writes a QR code as model 2, module size, error correction M, store, print', () => {
    const bytes = new EscPosWriter(58).qr('abc').bytes();
    expect([...bytes]).toEqual([
      ...hexBytes('1d 28 6b 04 00 31 41 32 00'), // model 2
      ...hexBytes('1d 28 6b 03 00 31 43 08'), // module size 8: version 1 (21 modules) fits easily
      ...hexBytes('1d 28 6b 03 00 31 45 31'), // error correction M
      ...hexBytes('1d 28 6b 06 00 31 50 30'), // store: pL pH = 3 data bytes + cn fn m
      ...ascii('abc'),
      ...hexBytes('1d 28 6b 03 00 31 51 30'), // print
    ]);
  });

  it.each([
    [300, 0x2f, 0x01],
    [400, 0x93, 0x01], // 403 = 0x0193
    [253, 0x00, 0x01], // 256 = 0x0100: the low byte wraps
    [252, 0xff, 0x00],
    [2331, 0x1e, 0x09], // 2334 = 0x091e, the most that fits at error correction M
  ])('stores %i bytes of QR data with pL pH = %i, %i', (length, pL, pH) => {
    const data = 'https://x.id/'.padEnd(length, 'q');
    const bytes = [...new EscPosWriter(80).qr(data).bytes()];
    const store = bytes.findIndex((b, i) => b === 0x31 && bytes[i + 1] === 0x50 && bytes[i - 5] === 0x1d);
    expect(bytes.slice(store - 5, store)).toEqual([0x1d, 0x28, 0x6b, pL, pH]);
    expect(pL + pH * 256).toBe(length + 3);
    const decoded = decodeEscPos(Uint8Array.from(bytes));
    expect(decoded).toEqual([{ kind: 'qr', data, model: 2, moduleSize: expect.any(Number), errorCorrection: 'M' }]);
  });

  it('sizes QR modules to fit the paper', () => {
    const moduleSize = (paper: 58 | 80, data: string): number => {
      const qr = decodeEscPos(new EscPosWriter(paper).qr(data).bytes()).find((op) => op.kind === 'qr');
      return qr?.kind === 'qr' ? qr.moduleSize : 0;
    };
    // A 40-byte URL needs version 3 (29 modules): 8 dots each, 232 of 384 dots.
    expect(moduleSize(58, 'x'.repeat(40))).toBe(8);
    // 400 bytes need version 15 (77 modules): 4/5 of 384 dots / 77 = 3 dots each, 231 dots.
    expect(moduleSize(58, 'x'.repeat(400))).toBe(3);
    expect(moduleSize(80, 'x'.repeat(400))).toBe(5);
    for (const paper of [58, 80] as const) {
      for (const length of [1, 100, 500, 1000, 2331]) {
        const version = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666, 711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331].findIndex((c) => c >= length) + 1;
        expect((17 + 4 * version) * moduleSize(paper, 'x'.repeat(length))).toBeLessThanOrEqual(PAPER[paper].dots);
      }
    }
  });

  it('refuses what no printer can print', () => {
    const writer = new EscPosWriter(58);
    expect(() => writer.qr('')).toThrow(/not empty/);
    expect(() => writer.qr('https://mpp.id/é')).toThrow(/percent-encode/);
    expect(() => writer.qr('x'.repeat(2332))).toThrow(/at most 2331 bytes/);
    expect(() => writer.size(0, 1)).toThrow(/character width must be a whole number from 1 to 8, got 0/);
    expect(() => writer.size(1, 9)).toThrow(/character height/);
    expect(() => writer.feed(256)).toThrow(/lines to feed/);
  });
});

describe('toPrinterAscii', () => {
  it.each([
    ['Café', 'Cafe'],
    ['Ñoño Škoda Øre', 'Nono Skoda Ore'],
    ['Straße', 'Strasse'],
    ['Tunggu…', 'Tunggu...'],
    ['“Lacak” – ‘cepat’', '"Lacak" - \'cepat\''],
    ['ﬁle Ａ１ x²', 'file A1 x2'],
    ['中文 🙂', '?? ?'],
    ['a\u00a0b', 'a b'],
    ['tab\there', 'tab here'],
    ['\u001b@\u001dV\u0042', ' @ VB'],
    ['dua\nbaris', 'dua\nbaris'],
  ])('%j → %j', (text, expected) => {
    expect(toPrinterAscii(text)).toBe(expected);
  });

  it('always gives printable ASCII and line breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(toPrinterAscii(text)).toMatch(/^[\x20-\x7e\n]*$/);
      }),
    );
  });
});

describe('wrapText', () => {
  it('wraps at word boundaries, splits words longer than a line, and keeps blank lines', () => {
    expect(wrapText('Dinas Kependudukan dan Pencatatan Sipil', 16)).toEqual(['Dinas', 'Kependudukan dan', 'Pencatatan Sipil']);
    expect(wrapText('https://mpp.bandung.go.id/t/K7P2QX', 16)).toEqual(['https://mpp.band', 'ung.go.id/t/K7P2', 'QX']);
    expect(wrapText('', 32)).toEqual(['']);
    expect(wrapText('a\n\nb', 32)).toEqual(['a', '', 'b']);
    expect(() => wrapText('a', 0)).toThrow(RangeError);
  });

  it('never exceeds the width and loses no non-space character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', ' ', 'x') }), fc.integer({ min: 1, max: 48 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(width);
        expect(lines.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
      }),
    );
  });
});

describe('encodeTicket → decodeEscPos', () => {
  describe.each([58, 80] as const)('%i mm', (paper) => {
    const ops = decodeEscPos(encodeTicket(ticket({ paper })));
    const lines = printedLines(ops);

    it('starts with a reset and ends with a partial cut', () => {
      expect(ops[0]).toEqual({ kind: 'init' });
      expect(ops.at(-1)).toEqual({ kind: 'cut', partial: true, feed: 0 });
    });

    it('prints the number large and bold, centred, under "Nomor Antrean"', () => {
      const index = lines.findIndex((line) => line.text === 'A-012');
      expect(lines[index - 1]?.text).toBe('Nomor Antrean');
      expect(lines[index]).toEqual({ text: 'A-012', w: 4, h: 4, bold: true, align: 'center', columns: 20 });
      // Back to normal size after it.
      expect(lines[index + 1]).toMatchObject({ text: 'Senin, 14 Juli 2025 08:31', w: 1, h: 1, bold: false });
    });

    it('prints the hall, agency, service, people ahead and both addresses, in Indonesian', () => {
      const texts = lines.map((line) => line.text);
      // 33 characters: two lines on 58 mm, one on 80 mm; bold and centred either way.
      const hall = lines.filter((line) => line.bold && line.w === 1);
      expect(hall.map((line) => line.text)).toEqual(
        paper === 58 ? ['Mal Pelayanan Publik Kota', 'Bandung'] : ['Mal Pelayanan Publik Kota Bandung'],
      );
      expect(hall.every((line) => line.align === 'center')).toBe(true);
      expect(texts).toContain('Perekaman KTP-el');
      expect(texts).toContain('Menunggu di depan: 3 orang');
      expect(texts).toContain('Lacak antrean Anda:');
      expect(texts).toContain('Survei Kepuasan Masyarakat:');
      expect(texts.join('')).toContain('https://mpp.bandung.go.id/t/K7P2QX');
      expect(texts.join('')).toContain('https://mpp.bandung.go.id/skm/K7P2QX');
      expect(texts.at(-1)).toBe('Simpan tiket ini. Terima kasih.');
    });

    it('prints one QR code, of the tracking address, after "Lacak antrean Anda:"', () => {
      const qrs = ops.filter((op): op is Extract<EscPosOp, { kind: 'qr' }> => op.kind === 'qr');
      expect(qrs).toEqual([{ kind: 'qr', data: 'https://mpp.bandung.go.id/t/K7P2QX', model: 2, moduleSize: 8, errorCorrection: 'M' }]);
      const qrAt = ops.findIndex((op) => op.kind === 'qr');
      const before = ops.slice(0, qrAt).filter((op) => op.kind === 'text');
      expect(before.at(-1)).toEqual({ kind: 'text', text: 'Lacak antrean Anda:' });
    });

    it(`never prints a line wider than ${PAPER[paper].columns} columns`, () => {
      for (const line of lines) expect(line.columns, line.text).toBeLessThanOrEqual(PAPER[paper].columns);
      expect(lines.some((line) => line.columns === PAPER[paper].columns)).toBe(true); // the rules
    });
  });

  it('replaces non-ASCII text, so every byte is ASCII or a command', () => {
    const bytes = encodeTicket(ticket({ hallName: 'MPP Kota Bekasi — Gedung Café', serviceName: 'Pelayanan “Prioritas” • Lansia' }));
    const texts = printedLines(decodeEscPos(bytes)).map((line) => line.text);
    expect(texts).toContain('MPP Kota Bekasi - Gedung Cafe');
    expect(texts).toContain('Pelayanan "Prioritas" * Lansia');
    expect([...bytes].every((b) => b < 0x80)).toBe(true);
  });

  it('shrinks a long number to fit the line', () => {
    const sizeOf = (paper: 58 | 80) =>
      printedLines(decodeEscPos(encodeTicket(ticket({ paper, number: 'ZZ9-12345' })))).find((line) => line.text === 'ZZ9-12345');
    expect(sizeOf(58)).toMatchObject({ w: 3, h: 3, columns: 27 }); // 9 characters × 3 ≤ 32
    expect(sizeOf(80)).toMatchObject({ w: 4, h: 4, columns: 36 });
  });

  it('keeps every line within the paper and every byte decodable, whatever the text', () => {
    const text = fc.string({ unit: 'binary', maxLength: 120 });
    const url = fc.webUrl().filter((u) => /^[\x20-\x7e]+$/.test(u) && u.length <= 600);
    fc.assert(
      fc.property(
        fc.record({ hallName: text, agencyName: text, serviceName: text, issuedAt: text, trackingUrl: url, skmUrl: url }),
        fc.constantFrom(58 as const, 80 as const),
        fc.stringMatching(/^[A-Z0-9]{1,3}-\d{3,5}$/),
        fc.nat({ max: 500 }),
        (fields, paper, number, peopleAhead) => {
          const ops = decodeEscPos(encodeTicket({ ...fields, number, peopleAhead, paper }));
          for (const line of printedLines(ops)) expect(line.columns).toBeLessThanOrEqual(PAPER[paper].columns);
          expect(ops.filter((op) => op.kind === 'qr').map((op) => (op.kind === 'qr' ? op.data : ''))).toEqual([fields.trackingUrl]);
          expect(printedLines(ops).some((line) => line.text === number && line.w >= 2 && line.h >= 2)).toBe(true);
          expect(ops.at(-1)?.kind).toBe('cut');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a negative count of people ahead', () => {
    expect(() => encodeTicket(ticket({ peopleAhead: -1 }))).toThrow(/people ahead/);
    expect(() => encodeTicket(ticket({ trackingUrl: '' }))).toThrow(/QR data/);
  });
});

describe('decodeEscPos', () => {
  const refusal = (bytes: number[]): EscPosDecodeError => {
    try {
      decodeEscPos(Uint8Array.from(bytes));
    } catch (error) {
      if (error instanceof EscPosDecodeError) return error;
      throw error;
    }
    throw new Error('decoded');
  };

  it.each([
    [[0x1b, 0x40, 0x41, 0x1b, 0x7a], 3, /unknown ESC\/POS command ESC 0x7a at byte 3/],
    [[0x41, 0x1d, 0x4c, 0, 0], 1, /unknown ESC\/POS command GS 0x4c at byte 1/],
    [[0x41, 0x42, 0x0d, 0x0a], 2, /unknown ESC\/POS byte 0x0d at byte 2/],
    [[0x0a, 0xe9], 1, /unknown ESC\/POS byte 0xe9 at byte 1/],
    [[0x1b], 0, /unknown ESC\/POS command ESC end at byte 0/],
    [[0x0a, 0x1b, 0x61], 1, /ESC a is cut off: it needs 3 bytes, 2 are left at byte 1/],
    [[0x1b, 0x61, 7], 0, /ESC a with unknown alignment 7/],
    [[0x1d, 0x21, 0x80], 0, /magnification above 8/],
    [[0x1d, 0x56, 0x42], 0, /GS V is cut off/],
    [[0x1d, 0x56, 0x07], 0, /unknown cut mode 7/],
    [[0x1d, 0x28, 0x6b, 0x10, 0x00, 0x31, 0x50, 0x30, 0x61], 0, /GS \( k is cut off: it needs 21 bytes, 9 are left/],
    [[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x51, 0x30], 0, /print with no data stored/],
    [[0x1d, 0x28, 0x6b, 0x03, 0x00, 0x30, 0x43, 0x03], 0, /symbol type 0x30, not QR/],
    [[0x41, 0x1d, 0x28, 0x6b, 0x03, 0x00, 0x31, 0x7f, 0x30], 1, /unknown QR function 0x7f at byte 1/],
    [[0x1d, 0x28, 0x6b, 0x04, 0x00, 0x31, 0x43, 0x03, 0x00], 0, /function 0x43 with 4 parameter bytes, expected 3/],
    [[0x1d, 0x28, 0x6a], 0, /GS \( 0x6a/],
  ])('refuses %j, naming byte %i', (bytes, offset, message) => {
    const error = refusal(bytes);
    expect(error.offset).toBe(offset);
    expect(error.message).toMatch(message);
  });

  it('merges a run of text into one operation and reads printer defaults for the QR', () => {
    const bytes = [...ascii('Halo'), 0x0a, ...hexBytes('1d 28 6b 05 00 31 50 30 68 69 1d 28 6b 03 00 31 51 30')];
    expect(decodeEscPos(Uint8Array.from(bytes))).toEqual([
      { kind: 'text', text: 'Halo' },
      { kind: 'newline' },
      { kind: 'qr', data: 'hi', model: 2, moduleSize: 3, errorCorrection: 'L' },
    ]);
  });

  it('reads the other cut and alignment forms printers accept', () => {
    expect(decodeEscPos(Uint8Array.from(hexBytes('1b 61 32 1d 56 01 1d 56 41 05 1d 56 30')))).toEqual([
      { kind: 'align', align: 'right' },
      { kind: 'cut', partial: true, feed: 0 },
      { kind: 'cut', partial: false, feed: 5 },
      { kind: 'cut', partial: false, feed: 0 },
    ]);
  });
});
