/* What the parts of the harness share: the JSON line writer and a monotonic clock. */
#ifndef LOKET_HARNESS_H
#define LOKET_HARNESS_H

#include <stdint.h>

/* One JSON object per line on the harness's stdout. */
void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint64_t now_us(void);
/* Simulated time since the harness started, in ms: what the device's own clock would say. */
double sim_ms(void);

#endif
