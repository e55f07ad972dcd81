/*
 * Board and protocol constants of the Loket reference device (LKT-REF).
 * Pin choices are for an Arduino Nano/Uno (ATmega328P, 16 MHz crystal); see ../README.md.
 */
#ifndef LOKET_CONFIG_H
#define LOKET_CONFIG_H

#define FW_MODEL "LKT-REF"
#define FW_VERSION "1.0.0"
#define LSP_PROTOCOL "1"
#define DISPLAY_DIGITS 4
#define KEY_COUNT 3

/* 115200 baud at 16 MHz is 2.1 % fast even with U2X (UBRR 16); avr-libc's setbaud.h only
 * accepts that with a 3 % tolerance. Every USB-serial bridge we target tolerates it. */
#define BAUD 115200
#define BAUD_TOL 3

/* Buttons: PD2..PD4 (Nano D2..D4), to GND, internal pull-ups, so active low. */
#define KEY_PORT PORTD
#define KEY_PIN PIND
#define KEY_DDR DDRD
#define KEY_FIRST_BIT 2
#define KEY_MASK (((1 << KEY_COUNT) - 1) << KEY_FIRST_BIT)

/* MAX7219 on the hardware SPI pins: PB3 MOSI (D11), PB5 SCK (D13), PB2 LOAD/CS (D10). */
#define MAX_CS_BIT 2
#define SPI_MOSI_BIT 3
#define SPI_SCK_BIT 5

/* Passive piezo on PB1 (D9) = OC1A, so Timer1 makes the tone without the CPU. */
#define BUZZER_BIT 1
#define BUZZER_HZ 2000

/* The keys are sampled every 125 µs (KEY_SAMPLES_PER_MS to the millisecond tick). A press counts
 * once the contact has been closed PRESS_SAMPLES samples in all (0.5 ms: reported as soon as the
 * press is sure, yet deaf to a spike on the cable, which a single sample could catch); a release
 * needs DEBOUNCE_MS open in all, which locks out contact bounce. */
#define KEY_SAMPLES_PER_MS 8
#define PRESS_SAMPLES 4
#define DEBOUNCE_MS 20
#define BLINK_HALF_MS 250
#define BLINK_MAX 255
#define BEEP_MAX_MS 5000
#define DISPLAY_REFRESH_MS 1000

#endif
