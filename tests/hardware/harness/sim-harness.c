/*
 * Runs the Loket reference firmware in simavr as if it were plugged into this PC: UART0 on a PTY,
 * the three call buttons driven from stdin, and the MAX7219 display decoded from the SPI bus.
 * Protocol (commands in on stdin, JSON lines out on stdout): README.md here; DESIGN.md §9.
 *
 *   sim-harness [--realtime] loket-device.elf
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <avr_extint.h>
#include <avr_ioport.h>
#include <avr_spi.h>
#include <sim_avr.h>
#include <sim_elf.h>
#include <sim_irq.h>

#include "harness.h"
#include "max7219.h"
#include "pty-link.h"

#define FREQUENCY 16000000u
#define CYCLES_PER_MS (FREQUENCY / 1000u)
#define KEYS 3
#define KEY_FIRST_BIT 2 /* PD2..PD4, as in resources/firmware/src/config.h */
#define KEY_MASK (((1u << KEYS) - 1) << KEY_FIRST_BIT)
#define CS_BIT 2        /* PB2 = MAX7219 LOAD */
/* A click holds the key 50 ms (or the given µs) and is acknowledged 50 ms after letting go: the
 * firmware's debouncer needs 20 ms released, so back-to-back clicks stay separate presses,
 * as a person's are. */
#define CLICK_MS 50

static FILE *out; /* JSON lines; fd 1 itself goes to stderr, where simavr prints its chatter */
static avr_t *avr;
static int realtime;
static max7219_t display;

static uint8_t key_levels = KEY_MASK; /* 1 = released (pull-up), 0 = pressed */
static uint64_t release_at[KEYS];     /* cycle at which a click lets go (mid-slice), 0 when none */
static uint64_t click_done_at[KEYS];  /* cycle at which a released click is acknowledged */

static uint64_t wall_base_us, cycle_base;

double sim_ms(void) { return (double)avr->cycle / (double)CYCLES_PER_MS; }

uint64_t now_us(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

double wall_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

void emit(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfprintf(out, fmt, ap);
  va_end(ap);
  fputc('\n', out);
  fflush(out);
}

/* ---- MCU control -------------------------------------------------------------------------- */

static void apply_keys(int force) {
  avr_ioport_external_t ext = {.name = 'D', .mask = KEY_MASK, .value = key_levels};
  /* Without an "external" value, every PORTD write re-applies the internal pull-up and the
   * pressed (low) level is lost. */
  avr_ioctl(avr, AVR_IOCTL_IOPORT_SET_EXTERNAL('D'), &ext);
  for (int k = 0; k < KEYS; k++) {
    avr_irq_t *pin = avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), KEY_FIRST_BIT + k);
    uint32_t level = (key_levels >> (KEY_FIRST_BIT + k)) & 1;
    /* Pin IRQs only notify on change; after a reset the PIN register is zeroed while the IRQ
     * still holds the old level, so force the level through. */
    if (force) avr_raise_irq(pin, !level);
    avr_raise_irq(pin, level);
  }
}

/* PD2/PD3 are also INT0/INT1. While such a pin is low, simavr 1.6 re-checks the level every
 * cycle to emulate level-triggered interrupts, even with the interrupt disabled; a held button
 * then stops the sleep fast-forward and the simulation crawls. The firmware uses no external
 * interrupt, so turn that off; every reset turns it back on. */
static void quiet_external_interrupts(void) {
  avr_extint_set_strict_lvl_trig(avr, 0, 0);
  avr_extint_set_strict_lvl_trig(avr, 1, 0);
}

static void reset_mcu(const char *why) {
  avr_reset(avr);
  quiet_external_interrupts();
  link_mcu_reset();
  max7219_mcu_reset(&display);
  apply_keys(1);
  for (int k = 0; k < KEYS; k++) {
    if (release_at[k]) release_at[k] = avr->cycle; /* a click cut by the reset ends now */
    if (click_done_at[k]) click_done_at[k] = avr->cycle;
  }
  cycle_base = avr->cycle;
  wall_base_us = now_us();
  emit("{\"reset\":\"%s\"}", why);
}

static void set_key(int k, int pressed) {
  uint8_t bit = (uint8_t)(1u << (KEY_FIRST_BIT + k));
  key_levels = pressed ? (key_levels & (uint8_t)~bit) : (key_levels | bit);
  apply_keys(0);
}

static void unplug(void) {
  link_unplug();
  max7219_power_off(&display); /* the MAX7219 loses power with the board */
}

/* ---- stdin commands ----------------------------------------------------------------------- */

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Bytes written as hex pairs (spaces between pairs allowed); -1 on anything else or too many. */
static int parse_hex(const char *text, unsigned char *bytes, size_t room) {
  size_t len = 0;
  while (*text) {
    if (*text == ' ') {
      text++;
      continue;
    }
    int hi = hex_digit(text[0]), lo = hi < 0 ? -1 : hex_digit(text[1]);
    if (lo < 0 || len == room) return -1;
    bytes[len++] = (unsigned char)(hi << 4 | lo);
    text += 2;
  }
  return (int)len;
}

/* Every command is answered by {"ack":"<verb> [n]"} once applied (a click once released) or by
 * {"error":...,"command":"<verb> [n]"}. */
static void command(char *line) {
  char verb[16] = "", cmd[32];
  int n = 0, hold_us = CLICK_MS * 1000;
  int fields = sscanf(line, "%15s %d %d", verb, &n, &hold_us);
  if (fields < 1) return;
  for (char *c = verb; *c; c++) {
    if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9'))) *c = '?'; /* JSON-safe echo */
  }
  int keyed = !strcmp(verb, "press") || !strcmp(verb, "release") || !strcmp(verb, "click");
  if (keyed) snprintf(cmd, sizeof cmd, "%s %d", verb, n);
  else snprintf(cmd, sizeof cmd, "%s", verb);
#define FAIL(...) emit("{\"error\":\"" __VA_ARGS__ "\",\"command\":\"%s\"}", cmd)
  if (keyed && (fields < 2 || n < 1 || n > KEYS)) {
    FAIL("needs a key 1..3");
  } else if (!strcmp(verb, "quit")) {
    exit(0);
  } else if (!strcmp(verb, "replug")) {
    if (link_plugged()) {
      FAIL("already plugged in");
      return;
    }
    link_plug();
    reset_mcu("power-on");
    emit("{\"ack\":\"%s\"}", cmd);
  } else if (!link_plugged() && (!strcmp(verb, "click") || !strcmp(verb, "reset"))) {
    FAIL("the device is unplugged");
  } else if (!strcmp(verb, "press") || !strcmp(verb, "release")) {
    if (release_at[n - 1] || click_done_at[n - 1]) emit("{\"error\":\"cut short by %s\",\"command\":\"click %d\"}", cmd, n);
    release_at[n - 1] = click_done_at[n - 1] = 0;
    set_key(n - 1, verb[0] == 'p');
    /* When the pin changed, on the device's clock and on the host's (the start of press-to-display). */
    emit("{\"ack\":\"%s\",\"ms\":%.3f,\"at\":%.3f}", cmd, sim_ms(), wall_ms());
  } else if (!strcmp(verb, "click") && (release_at[n - 1] || click_done_at[n - 1])) {
    FAIL("a click of this key is still running");
  } else if (!strcmp(verb, "click") && (hold_us < 1 || hold_us > 10000000)) {
    FAIL("holds 1 us to 10 s");
  } else if (!strcmp(verb, "click")) {
    set_key(n - 1, 1);
    release_at[n - 1] = avr->cycle + (uint64_t)hold_us * (CYCLES_PER_MS / 1000u);
  } else if (!strcmp(verb, "reset")) {
    reset_mcu("command");
    emit("{\"ack\":\"%s\"}", cmd);
  } else if (!strcmp(verb, "unplug")) {
    unplug();
    emit("{\"ack\":\"%s\"}", cmd);
  } else if (!strcmp(verb, "noise")) {
    unsigned char bytes[120];
    int len = parse_hex(strstr(line, "noise") + 5, bytes, sizeof bytes);
    if (len <= 0) FAIL("needs 1..120 bytes in hex");
    else if (!link_noise(bytes, (size_t)len)) FAIL("no host has the port open");
    else emit("{\"ack\":\"%s\"}", cmd);
  } else {
    FAIL("unknown command");
  }
#undef FAIL
}

static void read_stdin(void) {
  static char line[256];
  static size_t len;
  char buf[256];
  ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
  if (n == 0) exit(0); /* the test runner went away */
  if (n < 0) {
    if (errno == EAGAIN || errno == EINTR) return;
    exit(1);
  }
  for (ssize_t i = 0; i < n; i++) {
    if (buf[i] == '\n') {
      line[len] = '\0';
      len = 0;
      command(line);
    } else if (len < sizeof line - 1) {
      line[len++] = buf[i];
    }
  }
}

/* ---- main loop ---------------------------------------------------------------------------- */

static void no_sleep(avr_t *a, avr_cycle_count_t how_long) {
  /* simavr's default usleep()s while the firmware sleeps; we pace the loop ourselves. */
  (void)a, (void)how_long;
}

static void run_slice(void) {
  uint64_t end = avr->cycle + CYCLES_PER_MS;
  for (int k = 0; k < KEYS; k++) {
    if (release_at[k] && release_at[k] < end) end = release_at[k]; /* a short click ends mid-slice */
  }
  while (avr->cycle < end) {
    int state = avr_run(avr);
    if (state == cpu_Done || state == cpu_Crashed) {
      emit("{\"error\":\"the MCU stopped (state %d) at pc 0x%04x\"}", state, (unsigned)avr->pc);
      exit(2);
    }
  }
  for (int k = 0; k < KEYS; k++) {
    if (release_at[k] && avr->cycle >= release_at[k]) {
      release_at[k] = 0;
      set_key(k, 0);
      click_done_at[k] = avr->cycle + (uint64_t)CLICK_MS * CYCLES_PER_MS;
    }
    if (click_done_at[k] && avr->cycle >= click_done_at[k]) {
      click_done_at[k] = 0;
      emit("{\"ack\":\"click %d\"}", k + 1);
    }
  }
  max7219_poll(&display);
}

/* How long to wait before the next slice: free-running only while a host is talking. */
static int64_t wait_us(void) {
  if (!link_plugged()) return 50000;
  if (!realtime && link_host_ready()) return 0;
  int64_t sim_us = (int64_t)((avr->cycle - cycle_base) / (FREQUENCY / 1000000u));
  int64_t wall_us = (int64_t)(now_us() - wall_base_us);
  if (wall_us - sim_us > 100000) { /* fell behind (slow machine): don't race to catch up */
    cycle_base = avr->cycle;
    wall_base_us = now_us();
    return 0;
  }
  return sim_us > wall_us ? sim_us - wall_us : 0;
}

int main(int argc, char **argv) {
  const char *elf = NULL;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--realtime")) realtime = 1;
    else elf = argv[i];
  }
  out = fdopen(dup(STDOUT_FILENO), "w");
  dup2(STDERR_FILENO, STDOUT_FILENO);
  signal(SIGPIPE, SIG_IGN);
  if (!elf) {
    emit("{\"error\":\"usage: sim-harness [--realtime] firmware.elf\"}");
    return 1;
  }
  elf_firmware_t fw;
  memset(&fw, 0, sizeof fw);
  if (elf_read_firmware(elf, &fw) != 0) {
    emit("{\"error\":\"cannot read %s\"}", elf);
    return 1;
  }
  strcpy(fw.mmcu, "atmega328p");
  fw.frequency = FREQUENCY;
  avr = avr_make_mcu_by_name(fw.mmcu);
  if (!avr) return 1;
  avr_init(avr);
  avr_load_firmware(avr, &fw);
  avr->frequency = FREQUENCY;
  avr->sleep = no_sleep;
  link_attach(avr);
  /* The ATmega328P core declares its SPI without a name, so its IRQs are under 0, not '0'. */
  max7219_attach(&display, avr, avr_io_getirq(avr, AVR_IOCTL_SPI_GETIRQ(0), SPI_IRQ_OUTPUT),
                 avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('B'), CS_BIT));
  apply_keys(1);

  fcntl(STDIN_FILENO, F_SETFL, fcntl(STDIN_FILENO, F_GETFL) | O_NONBLOCK);
  link_plug();
  reset_mcu("power-on");
  for (;;) {
    if (link_plugged()) {
      link_transfer();
      run_slice();
      link_transfer();
    }
    int64_t wait = wait_us();
    struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {link_fd(), POLLIN | POLLPRI, 0}};
    /* A PTY master with no slave open polls as HUP at once; sleep the wait out instead. */
    int nfds = link_host_open() ? 2 : 1;
    struct timespec ts = {(time_t)(wait / 1000000), (long)(wait % 1000000) * 1000};
    if (ppoll(fds, (nfds_t)nfds, &ts, NULL) > 0 && (fds[0].revents & (POLLIN | POLLHUP))) read_stdin();
    switch (link_poll()) {
      case LINK_HOST_READY:
        reset_mcu("host-open");
        emit("{\"host\":\"open\"}");
        break;
      case LINK_HOST_CLOSED:
        emit("{\"host\":\"closed\"}");
        break;
      case LINK_QUIET:
        break;
    }
  }
}
