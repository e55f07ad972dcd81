#include "board.h"
#include "config.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

#define RELEASE_SAMPLES (DEBOUNCE_MS * KEY_SAMPLES_PER_MS)
_Static_assert(RELEASE_SAMPLES <= 255, "the integrator is a uint8_t");

static volatile uint16_t millis;
/* Integrating debouncer per key, one step a sample: counts up (to RELEASE_SAMPLES) while the
 * contact reads closed, down while open. A press counts once the contact has been closed
 * PRESS_SAMPLES in all, so the officer's press reaches the host within a millisecond; the key is
 * released only when the count is back at 0, so contact bounce (a few ms) or a spike on the cable
 * never makes a second press. */
static volatile uint8_t integrator[KEY_COUNT];
static volatile uint8_t pressed_mask;
static volatile uint8_t unreported[KEY_COUNT];
static uint16_t beep_start, beep_length;
static uint8_t beeping;

void board_init(void) {
  KEY_DDR &= (uint8_t)~KEY_MASK;
  KEY_PORT |= KEY_MASK; /* pull-ups: a key to GND reads 0 when pressed */

  /* Timer0, CTC, 16 MHz / 8 / 250 = 8 kHz: the key sample; every 8th is the millisecond tick. */
  TCCR0A = _BV(WGM01);
  TCCR0B = _BV(CS01);
  OCR0A = 249;
  TIMSK0 = _BV(OCIE0A);

  /* Timer1 in CTC mode toggles OC1A (PB1) by itself: a square wave for a passive piezo with no
   * CPU time. Prescaler 8 -> 2 MHz; two toggles per period. */
  DDRB |= _BV(BUZZER_BIT);
  PORTB &= (uint8_t)~_BV(BUZZER_BIT);
  TCCR1A = 0;
  TCCR1B = _BV(WGM12) | _BV(CS11);
  OCR1A = (uint16_t)(F_CPU / 8 / 2 / BUZZER_HZ - 1);
}

ISR(TIMER0_COMPA_vect) {
  static uint8_t samples;
  if (++samples == KEY_SAMPLES_PER_MS) {
    samples = 0;
    millis++;
  }
  uint8_t pins = KEY_PIN;
  for (uint8_t k = 0; k < KEY_COUNT; k++) {
    uint8_t closed = !(pins & _BV(KEY_FIRST_BIT + k));
    uint8_t bit = (uint8_t)_BV(k);
    if (closed && integrator[k] < RELEASE_SAMPLES) {
      if (++integrator[k] >= PRESS_SAMPLES && !(pressed_mask & bit)) {
        pressed_mask |= bit;
        if (unreported[k] < 255) unreported[k]++;
      }
    } else if (!closed && integrator[k] > 0) {
      if (--integrator[k] == 0) pressed_mask &= (uint8_t)~bit;
    }
  }
}

uint16_t board_millis(void) {
  uint16_t now;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { now = millis; }
  return now;
}

int8_t board_take_press(void) {
  for (uint8_t k = 0; k < KEY_COUNT; k++) {
    uint8_t taken = 0;
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
      if (unreported[k]) {
        unreported[k]--;
        taken = 1;
      }
    }
    if (taken) return (int8_t)k;
  }
  return -1;
}

uint8_t board_presses_pending(void) {
  uint8_t any = 0;
  for (uint8_t k = 0; k < KEY_COUNT; k++) any |= unreported[k];
  return any;
}

static void buzzer(uint8_t on) {
  if (on) {
    TCNT1 = 0;
    TCCR1A = _BV(COM1A0);
  } else {
    TCCR1A = 0; /* OC1A disconnected: PB1 falls back to PORTB1 = 0, no DC through the piezo */
  }
  beeping = on;
}

void board_beep(uint16_t ms) {
  beep_start = board_millis();
  beep_length = ms;
  buzzer(ms > 0);
}

void board_tick(uint16_t now_ms) {
  if (beeping && (uint16_t)(now_ms - beep_start) >= beep_length) buzzer(0);
}
