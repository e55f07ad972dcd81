#include "lsp1.h"
#include "uart.h"

lsp_stats_t lsp_stats;

static char rx[LSP_MAX_FRAME + 1];
static uint8_t rx_len; /* 0 while hunting for '$' */

static int8_t hex_value(char c) {
  if (c >= '0' && c <= '9') return (int8_t)(c - '0');
  if (c >= 'A' && c <= 'F') return (int8_t)(c - 'A' + 10);
  if (c >= 'a' && c <= 'f') return (int8_t)(c - 'a' + 10);
  return -1;
}

/* rx holds `$...*HH` (line ending already stripped), length n. */
static uint8_t check_and_split(uint8_t n, lsp_frame_t *frame) {
  if (n < 5 || rx[n - 3] != '*') {
    lsp_stats.malformed++;
    return 0;
  }
  int8_t hi = hex_value(rx[n - 2]), lo = hex_value(rx[n - 1]);
  uint8_t sum = 0;
  for (uint8_t i = 1; i < n - 3; i++) {
    if (rx[i] < 0x20 || rx[i] > 0x7e || rx[i] == '*') {
      lsp_stats.malformed++;
      return 0;
    }
    sum ^= (uint8_t)rx[i];
  }
  if (hi < 0 || lo < 0 || sum != (uint8_t)((hi << 4) | lo)) {
    lsp_stats.bad_checksum++;
    return 0;
  }
  rx[n - 3] = '\0';
  frame->count = 0;
  char *p = &rx[1];
  frame->fields[frame->count++] = p;
  for (; *p; p++) {
    if (*p != ',') continue;
    *p = '\0';
    if (frame->count == LSP_MAX_FIELDS) break; /* extra fields are ignored */
    frame->fields[frame->count++] = p + 1;
  }
  lsp_stats.ok++;
  return 1;
}

uint8_t lsp_rx_byte(uint8_t byte, lsp_frame_t *frame) {
  if (byte == '$') {
    if (rx_len > 0) lsp_stats.malformed++; /* a frame cut short by the next one */
    rx[0] = '$';
    rx_len = 1;
    return 0;
  }
  if (rx_len == 0) return 0;
  if (rx_len == LSP_MAX_FRAME) {
    /* 64 bytes without the closing '\n': too long; skip to the next '$' */
    lsp_stats.too_long++;
    rx_len = 0;
    return 0;
  }
  rx[rx_len++] = (char)byte;
  if (byte != '\n') return 0;
  uint8_t n = (uint8_t)(rx_len - 1);
  if (n > 0 && rx[n - 1] == '\r') n--;
  rx_len = 0;
  return check_and_split(n, frame);
}

static char tx[LSP_MAX_FRAME];
static uint8_t tx_len;

static void put(char c) {
  /* Frames we build are far below 64 bytes; the guard keeps a bad field from overrunning. */
  if (tx_len < LSP_MAX_FRAME - 5) tx[tx_len++] = c;
}

void lsp_begin(const char *type) {
  tx_len = 0;
  put('$');
  while (*type) put(*type++);
}

void lsp_field(const char *text) {
  put(',');
  while (*text) put(*text++);
}

void lsp_field_u16(uint16_t value) {
  char digits[6];
  uint8_t n = 0;
  do {
    digits[n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  put(',');
  while (n) put(digits[--n]);
}

void lsp_end(void) {
  static const char hex[] = "0123456789ABCDEF";
  uint8_t sum = 0;
  for (uint8_t i = 1; i < tx_len; i++) sum ^= (uint8_t)tx[i];
  tx[tx_len++] = '*';
  tx[tx_len++] = hex[sum >> 4];
  tx[tx_len++] = hex[sum & 0x0f];
  tx[tx_len++] = '\r';
  tx[tx_len++] = '\n';
  uart_write(tx, tx_len);
}

uint8_t lsp_parse_u16(const char *text, uint16_t *value) {
  uint32_t v = 0;
  if (!*text) return 0;
  for (; *text; text++) {
    if (*text < '0' || *text > '9') return 0;
    v = v * 10 + (uint8_t)(*text - '0');
    if (v > 65535u) return 0;
  }
  *value = (uint16_t)v;
  return 1;
}
