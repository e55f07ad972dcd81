/* What the parts of the harness share: the JSON line writer and the clocks. */
#ifndef LOKET_HARNESS_H
#define LOKET_HARNESS_H

#include <stdint.h>

/* One JSON object per line on the harness's stdout. */
void emit(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint64_t now_us(void);
/* This machine's wall clock, epoch ms (µs resolution): the host's clock, to time what a viewer sees. */
double wall_ms(void);
/* Simulated time since the harness started, in ms: what the device's own clock would say. */
double sim_ms(void);

#endif
