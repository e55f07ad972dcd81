/*
 * Loket reference device (LKT-REF): call buttons and a 4-digit LED number display speaking
 * LSP/1 (DESIGN.md §6) over the USB serial port of an ATmega328P board.
 */
#include "board.h"
#include "config.h"
#include "display.h"
#include "lsp1.h"
#include "uart.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <avr/wdt.h>
#include <string.h>

/* After a watchdog reset the watchdog stays on with its shortest timeout (16 ms), which would
 * reset the MCU again before main() can turn it off; so clear it before the C runtime starts. */
void early_wdt_off(void) __attribute__((naked, used, section(".init3")));
void early_wdt_off(void) {
  MCUSR = 0;
  wdt_disable();
}

static uint16_t key_counts[KEY_COUNT];

static void reply(const char *type, uint16_t seq, const char *reason) {
  lsp_begin(type);
  lsp_field_u16(seq);
  if (reason) lsp_field(reason);
  lsp_end();
}

/* Number argument `index` in 0..max, or NAK RANGE. Returns 1 when it may be applied. */
static uint8_t number_arg(const lsp_frame_t *f, uint8_t index, uint16_t max, uint16_t seq,
                          uint16_t *value) {
  if (f->count > index && lsp_parse_u16(f->fields[index], value) && *value <= max) return 1;
  reply("NAK", seq, "RANGE");
  return 0;
}

static void handle(const lsp_frame_t *f) {
  uint16_t seq, value;
  /* Without a seq there is nothing to answer to; the host retries. */
  if (f->count < 2 || !lsp_parse_u16(f->fields[1], &seq)) return;
  const char *type = f->fields[0];
  if (!strcmp(type, "HELLO")) {
    lsp_begin("INFO");
    lsp_field_u16(seq);
    lsp_field(FW_MODEL);
    lsp_field(FW_VERSION);
    lsp_field(LSP_PROTOCOL);
    lsp_field_u16(DISPLAY_DIGITS);
    lsp_field_u16(KEY_COUNT);
    lsp_end();
  } else if (!strcmp(type, "PING")) {
    reply("PONG", seq, 0);
  } else if (!strcmp(type, "SHOW")) {
    /* A SHOW without its text field blanks the display, like an empty text. */
    if (display_show(f->count > 2 ? f->fields[2] : "")) {
      reply("ACK", seq, 0);
    } else {
      reply("NAK", seq, "TEXT");
    }
  } else if (!strcmp(type, "BLINK")) {
    if (number_arg(f, 2, BLINK_MAX, seq, &value)) {
      display_blink((uint8_t)value, board_millis());
      reply("ACK", seq, 0);
    }
  } else if (!strcmp(type, "BRIGHT")) {
    if (number_arg(f, 2, 15, seq, &value)) {
      display_brightness((uint8_t)value);
      reply("ACK", seq, 0);
    }
  } else if (!strcmp(type, "BEEP")) {
    if (number_arg(f, 2, BEEP_MAX_MS, seq, &value)) {
      board_beep(value);
      reply("ACK", seq, 0);
    }
  } else {
    reply("NAK", seq, "TYPE");
  }
}

int main(void) {
  /* The watchdog restarts a device that hangs (a glitch, a bug) instead of leaving a counter
   * without its buttons until someone power-cycles it. 1 s is far above any loop iteration. */
  wdt_enable(WDTO_1S);
  uart_init();
  board_init();
  display_init();
  sei();

  lsp_begin("BOOT");
  lsp_field(FW_MODEL);
  lsp_field(FW_VERSION);
  lsp_field(LSP_PROTOCOL);
  lsp_end();

  lsp_frame_t frame;
  set_sleep_mode(SLEEP_MODE_IDLE);
  for (;;) {
    wdt_reset();
    int16_t byte;
    while ((byte = uart_getc()) >= 0) {
      if (lsp_rx_byte((uint8_t)byte, &frame)) handle(&frame);
    }
    int8_t key;
    while ((key = board_take_press()) >= 0) {
      lsp_begin("KEY");
      lsp_field_u16((uint16_t)(key + 1));
      lsp_field_u16(++key_counts[key]); /* wraps at 65536 by itself */
      lsp_end();
    }
    uint16_t now = board_millis();
    display_tick(now);
    board_tick(now);
    /* Idle sleep until the next interrupt (the 125 µs key sample at the latest); checking and sleeping
     * with interrupts off closes the window where a byte arrives between check and sleep. */
    cli();
    if (!uart_rx_pending() && !board_presses_pending()) {
      sleep_enable();
      sei();
      sleep_cpu();
      sleep_disable();
    }
    sei();
  }
}
