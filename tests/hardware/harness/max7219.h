/* A MAX7219 on the simulated SPI bus: decodes register writes and reports what the 4 digits
 * show as JSON lines. */
#ifndef LOKET_HARNESS_MAX7219_H
#define LOKET_HARNESS_MAX7219_H

#include <stdint.h>

#include <sim_avr.h>
#include <sim_irq.h>

#define MAX7219_DIGITS 4 /* digits wired on the reference device (of the chip's 8) */

typedef struct {
  avr_t *avr;
  uint64_t cycles_per_ms;
  uint8_t shift[2];       /* the last 16 bits shifted in */
  int shifted;            /* bytes shifted in since the last LOAD edge */
  uint8_t digit[8], decode, intensity, scan_limit, shutdown_reg, test;
  int ever_lit;           /* so the power-on "off" state is not counted as a blink */
  unsigned blinks;
  uint64_t report_due;    /* 0 when nothing is waiting to be reported */
  double latched_at;      /* wall clock (epoch ms) of the latest register write */
  double latched_ms;      /* simulated time of it (sim_ms) */
  uint8_t regs[16];       /* registers written since the last report, in order */
  int reg_count;
  char last[256];
} max7219_t;

void max7219_attach(max7219_t *m, avr_t *avr, avr_irq_t *spi_out, avr_irq_t *load);
/* Prints the state when it changed and the bus has been quiet long enough. */
void max7219_poll(max7219_t *m);
void max7219_mcu_reset(max7219_t *m);
void max7219_power_off(max7219_t *m);

#endif
