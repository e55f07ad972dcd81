/* The 4-digit 7-segment display behind a MAX7219, with text, blink and brightness. */
#ifndef LOKET_DISPLAY_H
#define LOKET_DISPLAY_H

#include <stdint.h>

void display_init(void);
/* Right-aligns `text` (0-9, A-Z, '-', space; at most DISPLAY_DIGITS) and shows it; returns 0 and
 * changes nothing when the text cannot be shown. Stops a blink in progress. */
uint8_t display_show(const char *text);
void display_blink(uint8_t times, uint16_t now_ms);
void display_brightness(uint8_t level);
/* Runs the blink and the periodic register refresh; call from the main loop. */
void display_tick(uint16_t now_ms);

#endif
