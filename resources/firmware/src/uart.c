#include "config.h"
#include "uart.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>
#include <util/setbaud.h>

/* Power-of-two sizes so the index wrap is a mask. RX holds two full frames: the main loop may be
 * busy for a frame's worth of time (e.g. refreshing the display) while the host keeps sending. */
#define RX_SIZE 128
#define TX_SIZE 256

static volatile uint8_t rx_buf[RX_SIZE];
static volatile uint8_t rx_head, rx_tail;
static volatile uint8_t tx_buf[TX_SIZE];
static volatile uint8_t tx_head, tx_tail;
volatile uint16_t uart_rx_overflows;
volatile uint16_t uart_rx_frame_errors;

void uart_init(void) {
  /* U2X before the divisor. The chip does not mind the order, but simavr derives its line timing
   * from the UBRR write alone: set afterwards, U2X would leave the simulated line at half speed. */
#if USE_2X
  UCSR0A = _BV(U2X0);
#else
  UCSR0A = 0;
#endif
  UBRR0H = UBRRH_VALUE;
  UBRR0L = UBRRL_VALUE;
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

ISR(USART_RX_vect) {
  /* FE0 must be read before UDR0: reading UDR0 moves the next byte's flags into UCSR0A. */
  uint8_t framing_error = UCSR0A & _BV(FE0);
  uint8_t byte = UDR0;
  if (framing_error) {
    uart_rx_frame_errors++;
    return; /* the frame it belonged to fails its checksum and is dropped by the parser */
  }
  uint8_t next = (uint8_t)((rx_head + 1) & (RX_SIZE - 1));
  if (next == rx_tail) {
    uart_rx_overflows++;
    return;
  }
  rx_buf[rx_head] = byte;
  rx_head = next;
}

ISR(USART_UDRE_vect) {
  if (tx_head == tx_tail) {
    UCSR0B &= (uint8_t)~_BV(UDRIE0);
    return;
  }
  UDR0 = tx_buf[tx_tail];
  tx_tail = (uint8_t)(tx_tail + 1); /* TX_SIZE is 256: the uint8_t wraps by itself */
}

int16_t uart_getc(void) {
  if (rx_head == rx_tail) return -1;
  uint8_t byte = rx_buf[rx_tail];
  rx_tail = (uint8_t)((rx_tail + 1) & (RX_SIZE - 1));
  return byte;
}

uint8_t uart_rx_pending(void) { return rx_head != rx_tail; }

void uart_write(const char *data, uint8_t len) {
  for (uint8_t i = 0; i < len; i++) {
    uint8_t next = (uint8_t)(tx_head + 1);
    while (next == tx_tail) {
      /* Full: the UDRE interrupt drains it; interrupts are enabled here. */
    }
    tx_buf[tx_head] = (uint8_t)data[i];
    ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
      tx_head = next;
      UCSR0B |= _BV(UDRIE0);
    }
  }
}
