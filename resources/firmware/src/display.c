#include "config.h"
#include "display.h"

#include <avr/io.h>
#include <avr/pgmspace.h>

enum {
  REG_DIGIT0 = 0x01, /* digit 0 is the leftmost digit as wired (README) */
  REG_DECODE = 0x09,
  REG_INTENSITY = 0x0a,
  REG_SCAN_LIMIT = 0x0b,
  REG_SHUTDOWN = 0x0c,
  REG_TEST = 0x0f,
};

/* No-decode mode segment bits: DP A B C D E F G = bit 7..0. Code B decoding would give only
 * 0-9, E, H, L, P and '-', not the letters of ticket prefixes, so we bring our own font.
 * Letters a 7-segment digit cannot draw in capitals use the usual lower-case forms
 * (b d n o q r t y). K M V W X Z have no shape that reads unambiguously and are refused
 * (NO_GLYPH), matching the host's DISPLAY_LETTERS in core/lsp1-messages.ts. S and 5 share a
 * glyph: seven segments cannot tell them apart. */
#define NO_GLYPH 0xff
static const uint8_t DIGIT_FONT[10] PROGMEM = {
    0x7e, 0x30, 0x6d, 0x79, 0x33, 0x5b, 0x5f, 0x70, 0x7f, 0x7b,
};
static const uint8_t LETTER_FONT[26] PROGMEM = {
    /* A */ 0x77, /* b */ 0x1f, /* C */ 0x4e, /* d */ 0x3d, /* E */ 0x4f, /* F */ 0x47,
    /* G */ 0x5e, /* H */ 0x37, /* I */ 0x06, /* J */ 0x3c, /* K */ NO_GLYPH,
    /* L */ 0x0e, /* M */ NO_GLYPH, /* n */ 0x15, /* o */ 0x1d, /* P */ 0x67,
    /* q */ 0x73, /* r */ 0x05, /* S */ 0x5b, /* t */ 0x0f, /* U */ 0x3e,
    /* V */ NO_GLYPH, /* W */ NO_GLYPH, /* X */ NO_GLYPH, /* y */ 0x3b, /* Z */ NO_GLYPH,
};
#define GLYPH_DASH 0x01
#define GLYPH_BLANK 0x00

static uint8_t glyphs[DISPLAY_DIGITS];
/* What each digit register of the chip was last sent: a new text rewrites only the digits that
 * differ, so the next number (usually one digit apart) is up after one register write. */
static uint8_t latched[DISPLAY_DIGITS];
static uint8_t intensity = 8;
static uint8_t blinks_left;  /* remaining dark phases */
static uint8_t dark;         /* currently shut down by a blink */
static uint16_t phase_start;
static uint16_t last_refresh;

static void spi_send(uint8_t byte) {
  SPDR = byte;
  /* ~8 µs at 1 MHz SCK; interrupts stay enabled, so the UART keeps receiving meanwhile. */
  while (!(SPSR & _BV(SPIF))) {
  }
}

static void max_write(uint8_t reg, uint8_t value) {
  PORTB &= (uint8_t)~_BV(MAX_CS_BIT);
  spi_send(reg);
  spi_send(value);
  /* The MAX7219 latches the last 16 bits shifted in on the rising edge of LOAD. */
  PORTB |= _BV(MAX_CS_BIT);
}

static void write_digit(uint8_t i) {
  max_write((uint8_t)(REG_DIGIT0 + i), glyphs[i]);
  latched[i] = glyphs[i];
}

/* Rewrites every register. Run at start and every DISPLAY_REFRESH_MS: a MAX7219 on a long
 * ribbon cable can pick up a spike (ESD, a relay nearby) and latch garbage or drop into test
 * mode; rewriting its state is the usual cure and costs ~150 µs on the bus. */
static void refresh(void) {
  max_write(REG_TEST, 0);
  max_write(REG_DECODE, 0);
  max_write(REG_SCAN_LIMIT, DISPLAY_DIGITS - 1);
  max_write(REG_INTENSITY, intensity);
  for (uint8_t i = 0; i < DISPLAY_DIGITS; i++) write_digit(i);
  max_write(REG_SHUTDOWN, dark ? 0 : 1);
}

void display_init(void) {
  /* PB2 must be an output before SPI master mode is enabled: as an input, a low level on SS
   * would silently switch the SPI into slave mode. It doubles as the MAX7219 LOAD line. */
  DDRB |= _BV(MAX_CS_BIT) | _BV(SPI_MOSI_BIT) | _BV(SPI_SCK_BIT);
  PORTB |= _BV(MAX_CS_BIT);
  /* Master, mode 0, MSB first, fosc/16 = 1 MHz: far under the MAX7219's 10 MHz, so the
   * display can sit at the end of a 1 m cable. */
  SPCR = _BV(SPE) | _BV(MSTR) | _BV(SPR0);
  for (uint8_t i = 0; i < DISPLAY_DIGITS; i++) glyphs[i] = GLYPH_DASH; /* "----": alive, no host */
  refresh();
}

static int16_t glyph_of(char c) {
  if (c >= '0' && c <= '9') return pgm_read_byte(&DIGIT_FONT[c - '0']);
  if (c >= 'A' && c <= 'Z') {
    uint8_t glyph = pgm_read_byte(&LETTER_FONT[c - 'A']);
    return glyph == NO_GLYPH ? -1 : glyph;
  }
  if (c == '-') return GLYPH_DASH;
  if (c == ' ') return GLYPH_BLANK;
  return -1;
}

uint8_t display_show(const char *text) {
  uint8_t len = 0;
  while (text[len]) {
    if (len == DISPLAY_DIGITS || glyph_of(text[len]) < 0) return 0;
    len++;
  }
  uint8_t pad = (uint8_t)(DISPLAY_DIGITS - len);
  for (uint8_t i = 0; i < DISPLAY_DIGITS; i++) {
    glyphs[i] = i < pad ? GLYPH_BLANK : (uint8_t)glyph_of(text[i - pad]);
  }
  for (uint8_t i = 0; i < DISPLAY_DIGITS; i++) {
    if (glyphs[i] != latched[i]) write_digit(i);
  }
  blinks_left = 0;
  if (dark) {
    dark = 0;
    max_write(REG_SHUTDOWN, 1);
  }
  return 1;
}

void display_blink(uint8_t times, uint16_t now_ms) {
  blinks_left = times;
  dark = 0;
  /* The first dark phase starts at the next tick. */
  phase_start = (uint16_t)(now_ms - BLINK_HALF_MS);
  max_write(REG_SHUTDOWN, 1);
}

void display_brightness(uint8_t level) {
  intensity = level;
  max_write(REG_INTENSITY, intensity);
}

void display_tick(uint16_t now_ms) {
  if (dark || blinks_left) {
    if ((uint16_t)(now_ms - phase_start) >= BLINK_HALF_MS) {
      phase_start = now_ms;
      if (dark) {
        dark = 0;
      } else {
        dark = 1;
        blinks_left--;
      }
      max_write(REG_SHUTDOWN, dark ? 0 : 1);
    }
  }
  if ((uint16_t)(now_ms - last_refresh) >= DISPLAY_REFRESH_MS) {
    last_refresh = now_ms;
    refresh();
  }
}
