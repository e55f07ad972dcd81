/* The millisecond tick, the debounced buttons and the buzzer. */
#ifndef LOKET_BOARD_H
#define LOKET_BOARD_H

#include <stdint.h>

void board_init(void);
uint16_t board_millis(void);
/* Index (0-based) of a key with an unreported press, and takes that press; -1 when none. */
int8_t board_take_press(void);
uint8_t board_presses_pending(void);
/* Sounds the buzzer for `ms` milliseconds (0 stops it). */
void board_beep(uint16_t ms);
void board_tick(uint16_t now_ms);

#endif
