import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DeviceMessageReader,
  LSP1_MAX_FRAME,
  Lsp1Decoder,
  checksum,
  displayText,
  encodeCommand,
  encodeDeviceMessage,
  encodeFrame,
  nextSeq,
  parseDeviceMessage,
  parseHostCommand,
  type DeviceMessage,
  type HostCommand,
  type Lsp1Frame,
} from '../../../core/lsp1.ts';

const FIELD_CHARS = Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i)).filter(
  (c) => !'$*,'.includes(c),
);
const field = fc.string({ unit: fc.constantFrom(...FIELD_CHARS), maxLength: 8 });
/** Short enough that every combination fits in 64 bytes (1 + 8 + 4 × 9 + 5 = 50). */
const frameParts = fc.record({
  type: fc.stringMatching(/^[A-Z]{2,8}$/),
  fields: fc.array(field, { maxLength: 4 }),
});
const garbageWithoutDollar = fc.uint8Array({ maxLength: 40 }).map((a) => a.filter((b) => b !== 0x24));

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const decodeAll = (decoder: Lsp1Decoder, chunks: (string | Uint8Array)[]): Lsp1Frame[] =>
  chunks.flatMap((chunk) => decoder.push(chunk));

describe('LSP/1 frames', () => {
  it('checksums the bytes between $ and * as two uppercase hex digits', () => {
    expect(checksum('ACK,1')).toBe('54');
    expect(checksum('PING,7')).toBe('0B');
    expect(encodeFrame('INFO', [0, 'LK1', '1.0.0', 1, 4, 3])).toBe('$INFO,0,LK1,1.0.0,1,4,3*0F\r\n');
    expect(encodeFrame('PING', [])).toBe(`$PING*${checksum('PING')}\r\n`);
  });

  it('refuses to encode what the spec forbids', () => {
    for (const type of ['A', 'ABCDEFGHI', 'ack', 'AC1', '']) expect(() => encodeFrame(type, [])).toThrow(/type/);
    for (const bad of ['a$b', 'a*b', 'a,b', 'line\r', 'é', '\u0000']) expect(() => encodeFrame('SHOW', [1, bad])).toThrow(/field 2/);
    expect(() => encodeFrame('BEEP', [Number.NaN])).toThrow(/finite/);
    // `$SHOW,` + `*CS\r\n` take 11 bytes.
    expect(encodeFrame('SHOW', ['x'.repeat(LSP1_MAX_FRAME - 11)])).toHaveLength(LSP1_MAX_FRAME);
    expect(() => encodeFrame('SHOW', ['x'.repeat(LSP1_MAX_FRAME - 10)])).toThrow(/65 bytes/);
  });

  it('round-trips every valid frame', () => {
    fc.assert(
      fc.property(frameParts, ({ type, fields }) => {
        const wire = encodeFrame(type, fields);
        const decoded = new Lsp1Decoder().push(wire);
        expect(decoded).toEqual([{ type, fields, raw: wire.slice(0, -2) }]);
      }),
    );
  });

  it('decodes the same frames however the stream is split', () => {
    fc.assert(
      fc.property(fc.array(frameParts, { minLength: 1, maxLength: 4 }), (parts) => {
        const wire = parts.map((p) => encodeFrame(p.type, p.fields)).join('');
        const whole = new Lsp1Decoder().push(wire);
        expect(whole).toHaveLength(parts.length);
        for (let at = 0; at <= wire.length; at++) {
          const decoder = new Lsp1Decoder();
          expect(decodeAll(decoder, [bytes(wire.slice(0, at)), wire.slice(at)])).toEqual(whole);
          expect(decoder.stats).toMatchObject({ frames: parts.length, skippedBytes: 0, malformed: 0 });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('never throws on arbitrary bytes, and whatever it delivers is a valid frame', () => {
    const noisy = fc.array(fc.oneof(fc.uint8Array({ maxLength: 80 }), frameParts.map((p) => bytes(encodeFrame(p.type, p.fields)))));
    fc.assert(
      fc.property(noisy, (chunks) => {
        const decoder = new Lsp1Decoder();
        for (const frame of decodeAll(decoder, chunks)) {
          expect(encodeFrame(frame.type, frame.fields)).toBe(`${frame.raw}\r\n`);
        }
      }),
    );
  });

  it('skips garbage before and between frames and counts it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(garbageWithoutDollar, frameParts), { maxLength: 5 }), garbageWithoutDollar, (pairs, tail) => {
        const decoder = new Lsp1Decoder();
        const chunks = [...pairs.flatMap(([g, p]) => [g, encodeFrame(p.type, p.fields)]), tail];
        const frames = decodeAll(decoder, chunks);
        expect(frames.map((f) => [f.type, f.fields])).toEqual(pairs.map(([, p]) => [p.type, p.fields]));
        const garbage = pairs.reduce((sum, [g]) => sum + g.length, tail.length);
        expect(decoder.stats.skippedBytes).toBe(garbage);
      }),
    );
  });

  it('drops and counts a bad checksum, then reads the next frame', () => {
    const decoder = new Lsp1Decoder();
    expect(decoder.push(`$ACK,1*55\r\n$ACK,1*54x\r\n$ACK,1*54\r\n`)).toHaveLength(1);
    expect(checksum('PING,7')).toBe('0B');
    expect(decoder.push('$PING,7*0b\r\n')).toEqual([]);
    expect(decoder.stats).toMatchObject({ frames: 1, badChecksum: 2, malformed: 1 });
  });

  it('drops and counts a frame over 64 bytes, and resynchronises at the next $', () => {
    const decoder = new Lsp1Decoder();
    const long = `$SHOW,1,${'8'.repeat(80)}*00\r\n`;
    const frames = decoder.push(long + encodeFrame('ACK', [2]));
    expect(frames.map((f) => f.fields)).toEqual([['2']]);
    expect(decoder.stats.tooLong).toBe(1);
    // The 64-byte limit counts as if the frame ended in \r\n, also when it ends in a lone \n.
    const body = `SHOW,1,${'8'.repeat(LSP1_MAX_FRAME - 13)}`;
    expect(decoder.push(`$${body}*${checksum(body)}\r\n`)).toHaveLength(1);
    const over = `${body}8`;
    expect(decoder.push(`$${over}*${checksum(over)}\n`)).toEqual([]);
    expect(decoder.stats.tooLong).toBe(2);
  });

  it('drops a frame cut off by a new $ and counts it as malformed', () => {
    const decoder = new Lsp1Decoder();
    expect(decoder.push(`$KEY,1,$ACK,1*54\r\n`).map((f) => f.type)).toEqual(['ACK']);
    expect(decoder.stats).toMatchObject({ frames: 1, malformed: 1 });
  });

  it('accepts a lone \\n as the line end but not a lone \\r or a control byte', () => {
    const decoder = new Lsp1Decoder();
    expect(decoder.push('$ACK,1*54\n')).toHaveLength(1);
    expect(decoder.push('$ACK,1*54\r$ACK,1*54\r\r\n$AC\tK,1*54\r\n')).toEqual([]);
    expect(decoder.stats).toMatchObject({ frames: 1, malformed: 3 });
  });

  it('drops and counts frames of unknown type when told the known ones', () => {
    const decoder = new Lsp1Decoder({ knownTypes: new Set(['ACK']) });
    expect(decoder.push(encodeFrame('FOO', [1]) + encodeFrame('ACK', [1])).map((f) => f.type)).toEqual(['ACK']);
    expect(decoder.stats).toMatchObject({ frames: 1, unknownType: 1 });
  });
});

const seq = fc.integer({ min: 0, max: 65_535 });
const word = fc.stringMatching(/^[A-Za-z0-9.]{1,6}$/);
const deviceMessage: fc.Arbitrary<DeviceMessage> = fc.oneof(
  fc.record({ type: fc.constant('ACK' as const), seq }),
  fc.record({ type: fc.constant('NAK' as const), seq, reason: fc.constantFrom('TEXT', 'RANGE', 'TYPE') }),
  fc.record({
    type: fc.constant('INFO' as const),
    seq,
    model: word,
    firmware: word,
    protocol: fc.constant('1'),
    digits: fc.integer({ min: 1, max: 16 }),
    keys: fc.integer({ min: 0, max: 8 }),
  }),
  fc.record({ type: fc.constant('PONG' as const), seq }),
  fc.record({ type: fc.constant('BOOT' as const), model: word, firmware: word, protocol: fc.constant('1') }),
  fc.record({ type: fc.constant('KEY' as const), key: fc.integer({ min: 1, max: 8 }), count: seq }),
  fc.record({ type: fc.constant('RATE' as const), score: fc.integer({ min: 1, max: 4 }), count: seq }),
);
const hostCommand: fc.Arbitrary<HostCommand> = fc.oneof(
  fc.constant({ type: 'HELLO' as const }),
  fc.constant({ type: 'PING' as const }),
  fc.record({ type: fc.constant('SHOW' as const), text: fc.stringMatching(/^[0-9A-J -]{0,8}$/) }),
  fc.record({ type: fc.constant('BLINK' as const), times: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ type: fc.constant('BRIGHT' as const), level: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ type: fc.constant('BEEP' as const), ms: fc.integer({ min: 0, max: 5000 }) }),
);

describe('LSP/1 messages', () => {
  it('round-trips device messages and host commands', () => {
    fc.assert(
      fc.property(deviceMessage, (message) => {
        const [frame] = new Lsp1Decoder().push(encodeDeviceMessage(message));
        expect(frame && parseDeviceMessage(frame)).toEqual(message);
      }),
    );
    fc.assert(
      fc.property(seq, hostCommand, (s, command) => {
        const [frame] = new Lsp1Decoder().push(encodeCommand(s, command));
        expect(frame && parseHostCommand(frame)).toEqual({ seq: s, command });
      }),
    );
  });

  it('counts a device frame with wrong fields or an unknown type and delivers the rest', () => {
    const reader = new DeviceMessageReader();
    const wrong = ['$KEY,9,1', '$KEY,1', '$ACK,65536', '$ACK,-1', '$INFO,1,M,F,1,0,3', '$BOOT,M,,1', '$RATE,5,1', '$NAK,1,'];
    const wire = wrong.map((w) => `${w}*${checksum(w.slice(1))}\r\n`).join('') + encodeFrame('HELLO', [1]);
    expect(reader.push(wire + encodeFrame('KEY', [2, '00017']))).toEqual([
      { frame: { type: 'KEY', fields: ['2', '00017'], raw: `$KEY,2,00017*${checksum('KEY,2,00017')}` }, message: { type: 'KEY', key: 2, count: 17 } },
    ]);
    expect(reader.stats).toMatchObject({ frames: 1, malformed: wrong.length, unknownType: 1 });
  });

  it('wraps seq at 65536 and refuses values out of range', () => {
    expect(nextSeq(65_535)).toBe(0);
    expect(nextSeq(41)).toBe(42);
    expect(() => encodeCommand(65_536, { type: 'PING' })).toThrow(/seq/);
    expect(() => encodeCommand(1, { type: 'BRIGHT', level: 16 })).toThrow(/0–15/);
    expect(() => encodeCommand(1, { type: 'BLINK', times: 1.5 })).toThrow(/BLINK/);
    expect(() => encodeCommand(1, { type: 'SHOW', text: 'a,b' })).toThrow(/SHOW/);
  });
});

describe('displayText', () => {
  it('keeps what fits, then drops separators, then keeps the last digits', () => {
    expect(displayText('a-12', 6)).toBe('A-12');
    expect(displayText(' A-012 ', 5)).toBe('A-012');
    expect(displayText('A-012', 4)).toBe('A012');
    expect(displayText('AB-1234', 4)).toBe('1234');
    expect(displayText('4K-012', 3)).toBe('012');
    expect(displayText('', 4)).toBe('');
  });

  it('refuses a character the display cannot draw among those it would show', () => {
    expect(() => displayText('K-001', 5)).toThrow(/cannot show "K-001"/);
    expect(() => displayText('A.1', 4)).toThrow(/cannot show/);
  });

  it('always yields a SHOW text of at most digits characters', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-J -]{0,12}$/), fc.integer({ min: 1, max: 16 }), (text, digits) => {
        const shown = displayText(text, digits);
        expect(shown.length).toBeLessThanOrEqual(digits);
        expect(() => encodeCommand(0, { type: 'SHOW', text: shown })).not.toThrow();
      }),
    );
  });
});
