/* LSP/1 framing (DESIGN.md §6): `$TYPE,field,...*CS\r\n`, at most 64 bytes, XOR checksum. */
#ifndef LOKET_LSP1_H
#define LOKET_LSP1_H

#include <stdint.h>

#define LSP_MAX_FRAME 64
#define LSP_MAX_FIELDS 8

typedef struct {
  uint8_t count;                /* fields[0] is the TYPE */
  const char *fields[LSP_MAX_FIELDS];
} lsp_frame_t;

typedef struct {
  uint16_t ok;
  uint16_t too_long;
  uint16_t bad_checksum;
  uint16_t malformed;
} lsp_stats_t;

extern lsp_stats_t lsp_stats;

/* Feeds one received byte; returns 1 and fills `frame` when it completed a valid frame. The field
 * strings point into the parser's buffer and stay valid until the next call. */
uint8_t lsp_rx_byte(uint8_t byte, lsp_frame_t *frame);

/* Builds and sends one frame: lsp_begin("ACK"); lsp_field_u16(seq); lsp_end(); */
void lsp_begin(const char *type);
void lsp_field(const char *text);
void lsp_field_u16(uint16_t value);
void lsp_end(void);

/* Parses a decimal 0..65535 field; returns 0 when it is empty, not a number or too big. */
uint8_t lsp_parse_u16(const char *text, uint16_t *value);

#endif
