/* UART0 with interrupt-driven ring buffers for both directions. */
#ifndef LOKET_UART_H
#define LOKET_UART_H

#include <stdint.h>

void uart_init(void);
/* Next received byte, or -1 when none is waiting. */
int16_t uart_getc(void);
uint8_t uart_rx_pending(void);
/* Queues bytes for sending; waits only while the buffer is full (it drains at ~11.5 bytes/ms). */
void uart_write(const char *data, uint8_t len);
/* Bytes lost because the receive ring was full, and bytes received with a framing error. */
extern volatile uint16_t uart_rx_overflows;
extern volatile uint16_t uart_rx_frame_errors;

#endif
