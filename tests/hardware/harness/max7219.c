#include "max7219.h"

#include <stdio.h>
#include <string.h>

#include "harness.h"

/* The reference firmware's font (resources/firmware/src/display.c) read backwards, kept as a
 * separate copy on purpose: it is the test's oracle. Segment bits DP A B C D E F G = 7..0.
 * 5 and S share a glyph; the digit wins. '?' is a
 * pattern outside the font. */
static const char FONT_CHARS[] = "0123456789- ABCDEFGHIJLNOPQRSTUY";
static const uint8_t FONT_GLYPHS[] = {
    0x7e, 0x30, 0x6d, 0x79, 0x33, 0x5b, 0x5f, 0x70, 0x7f, 0x7b, 0x01, 0x00, 0x77, 0x1f, 0x4e, 0x3d,
    0x4f, 0x47, 0x5e, 0x37, 0x06, 0x3c, 0x0e, 0x15, 0x1d, 0x67, 0x73, 0x05, 0x5b, 0x0f, 0x3e, 0x3b,
};
_Static_assert(sizeof FONT_CHARS - 1 == sizeof FONT_GLYPHS, "one glyph per character");
/* Code B, for digits whose decode bit is set. */
static const char CODE_B[] = "0123456789-EHLP ";

static char glyph_char(const max7219_t *m, int i) {
  if (i > m->scan_limit) return ' '; /* digit not scanned: dark */
  uint8_t raw = m->digit[i];
  if (m->decode & (1 << i)) return CODE_B[raw & 0x0f];
  for (size_t k = 0; k < sizeof FONT_GLYPHS; k++) {
    if (FONT_GLYPHS[k] == (raw & 0x7f)) return FONT_CHARS[k];
  }
  return '?';
}

static void power_on_state(max7219_t *m) {
  /* Datasheet: on power-up all control registers are reset and the chip is in shutdown. The
   * digit RAM is undefined; we take 0. */
  memset(m->digit, 0, sizeof m->digit);
  m->decode = m->intensity = m->scan_limit = m->shutdown_reg = m->test = 0;
  m->ever_lit = 0;
  m->shifted = 0;
}

static void latch(max7219_t *m, uint8_t reg, uint8_t value) {
  /* When the chip changed, on the host's clock: with --realtime, what a viewer would see when. */
  m->latched_at = wall_ms();
  m->latched_ms = sim_ms();
  if (m->reg_count < (int)sizeof m->regs) m->regs[m->reg_count++] = reg & 0x0f;
  switch (reg & 0x0f) {
    case 0x0: break; /* no-op, for daisy chains */
    case 0x9: m->decode = value; break;
    case 0xa: m->intensity = value & 0x0f; break;
    case 0xb: m->scan_limit = value & 0x07; break;
    case 0xc:
      if (m->ever_lit && (m->shutdown_reg & 1) && !(value & 1)) m->blinks++;
      if (value & 1) m->ever_lit = 1;
      m->shutdown_reg = value;
      break;
    case 0xf: m->test = value & 1; break;
    case 0xd: case 0xe: break;
    default: m->digit[(reg & 0x0f) - 1] = value; break;
  }
  /* Report once the burst of writes of one update is over (the bus quiet for 1 ms; simavr takes
   * 200 µs a write), so half-written states are not reported. */
  m->report_due = m->avr->cycle + m->cycles_per_ms;
}

static void on_spi_byte(avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  max7219_t *m = param;
  m->shift[0] = m->shift[1];
  m->shift[1] = (uint8_t)value;
  m->shifted++;
}

static void on_load(avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  max7219_t *m = param;
  /* Hardware SPI does not move the MOSI/SCK pin IRQs in simavr; the bytes come from
   * SPI_IRQ_OUTPUT and the chip latches the last 16 bits on the rising edge of LOAD. */
  if (value && m->shifted >= 2) latch(m, m->shift[0], m->shift[1]);
  if (value) m->shifted = 0;
}

void max7219_attach(max7219_t *m, avr_t *avr, avr_irq_t *spi_out, avr_irq_t *load) {
  memset(m, 0, sizeof *m);
  m->avr = avr;
  m->cycles_per_ms = avr->frequency / 1000u;
  power_on_state(m);
  avr_irq_register_notify(spi_out, on_spi_byte, m);
  avr_irq_register_notify(load, on_load, m);
}

static void report(max7219_t *m) {
  char text[MAX7219_DIGITS + 1], line[256];
  for (int i = 0; i < MAX7219_DIGITS; i++) text[i] = glyph_char(m, i);
  text[MAX7219_DIGITS] = '\0';
  snprintf(line, sizeof line,
           "{\"display\":\"%s\",\"raw\":[%u,%u,%u,%u],\"intensity\":%u,\"shutdown\":%s,"
           "\"test\":%s,\"scanLimit\":%u,\"decode\":%u,\"blinks\":%u}",
           text, m->digit[0], m->digit[1], m->digit[2], m->digit[3], m->intensity,
           (m->shutdown_reg & 1) ? "false" : "true", m->test ? "true" : "false", m->scan_limit,
           m->decode, m->blinks);
  int count = m->reg_count;
  m->reg_count = 0;
  if (strcmp(line, m->last) == 0) return;
  strcpy(m->last, line);
  /* The times and the writes go after the comparison: a refresh that changes nothing is not a change. */
  char regs[64] = "";
  for (int i = 0; i < count; i++) snprintf(regs + strlen(regs), sizeof regs - strlen(regs), "%s%u", i ? "," : "", m->regs[i]);
  line[strlen(line) - 1] = '\0';
  emit("%s,\"at\":%.3f,\"ms\":%.3f,\"regs\":[%s]}", line, m->latched_at, m->latched_ms, regs);
}

void max7219_poll(max7219_t *m) {
  if (m->report_due && m->avr->cycle >= m->report_due) {
    m->report_due = 0;
    report(m);
  }
}

void max7219_mcu_reset(max7219_t *m) {
  /* The chip keeps its registers when only the MCU resets; a byte half-shifted is dropped. */
  m->shifted = 0;
  if (m->report_due) m->report_due = m->avr->cycle;
}

void max7219_power_off(max7219_t *m) {
  power_on_state(m);
  m->report_due = 0;
  report(m);
}
