#define _GNU_SOURCE
#include "pty-link.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <avr_uart.h>
#include <sim_io.h>
#include <sim_irq.h>

#include "harness.h"

/* A host that opens the port but never flushes it (cat, screen) gets the reset after this. */
#define HOST_SETUP_FALLBACK_US 200000

static int master = -1;
static int host_open, host_ready;
static uint64_t host_open_at_us;
static unsigned char in_buf[4096], out_buf[8192];
static size_t in_len, out_len;
static int uart_blocked = 1;
static avr_irq_t *uart_in;
/* The line the device is sending, for the {"sent":…} report; text only, JSON-safe. */
static char sending[72];
static size_t sending_len;
static double sending_ms;

static void note_sent(unsigned char byte) {
  if (byte == '$') {
    sending_len = 0;
    sending_ms = sim_ms();
  }
  if (byte == '\n' && sending_len > 0) {
    sending[sending_len] = '\0';
    emit("{\"sent\":\"%s\",\"ms\":%.3f,\"endMs\":%.3f}", sending, sending_ms, sim_ms());
    sending_len = 0;
  } else if (byte >= 0x20 && byte < 0x7f && sending_len < sizeof sending - 1) {
    sending[sending_len++] = (byte == '"' || byte == '\\') ? '?' : (char)byte;
  }
}

static void on_uart_output(avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq, (void)param;
  /* A USB-serial bridge with no program on the port drops what the device sends. */
  if (!host_ready) return;
  if (out_len < sizeof out_buf) out_buf[out_len++] = (unsigned char)value;
  note_sent((unsigned char)value);
}

static void on_uart_xon(avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq, (void)value, (void)param;
  uart_blocked = 0;
}

static void on_uart_xoff(avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq, (void)param;
  if (value) uart_blocked = 1;
}

void link_attach(avr_t *avr) {
  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  /* STDIO would print the device's frames on our stdout; POLL_SLEEP usleep()s in the middle
   * of the simulation whenever the firmware reads UCSR0A. */
  flags &= ~(uint32_t)(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  uart_in = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_output, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_uart_xon, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_uart_xoff, NULL);
}

void link_plug(void) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
  char path[128];
  if (fd < 0 || grantpt(fd) || unlockpt(fd) || ptsname_r(fd, path, sizeof path)) {
    emit("{\"error\":\"cannot create a PTY: %s\"}", strerror(errno));
    exit(1);
  }
  /* Raw mode on the slave now: until the host configures the port, the default line discipline
   * would echo the device's bytes back to it and turn \r into \n. */
  int slave = open(path, O_RDWR | O_NOCTTY);
  struct termios t;
  if (slave >= 0 && tcgetattr(slave, &t) == 0) {
    cfmakeraw(&t);
    tcsetattr(slave, TCSANOW, &t);
  }
  if (slave >= 0) close(slave);
  /* Packet mode tells us when the host flushes the port. node-serialport (and most serial
   * libraries) flush right after opening, which throws away whatever the device sent before;
   * so the device is reset only after that flush, as a real board's DTR auto-reset would. */
  int one = 1;
  ioctl(fd, TIOCPKT, &one);
  master = fd;
  host_open = host_ready = 0;
  in_len = out_len = sending_len = 0;
  emit("{\"pty\":\"%s\"}", path);
}

void link_unplug(void) {
  if (master >= 0) close(master);
  master = -1;
  host_open = host_ready = 0;
  in_len = out_len = 0;
}

int link_plugged(void) { return master >= 0; }
int link_host_open(void) { return host_open; }
int link_host_ready(void) { return host_ready; }
int link_fd(void) { return master; }
void link_mcu_reset(void) { uart_blocked = 1; }

int link_noise(const unsigned char *bytes, size_t len) {
  if (master < 0 || !host_ready) return 0;
  if (len > sizeof out_buf - out_len) len = sizeof out_buf - out_len;
  memcpy(out_buf + out_len, bytes, len);
  out_len += len;
  return 1;
}

void link_transfer(void) {
  size_t sent = 0;
  /* simavr's UART takes bytes into a 64-byte FIFO and raises XOFF when it is full; a byte
   * offered after that would be lost, like a real overrun. */
  while (!uart_blocked && sent < in_len) avr_raise_irq(uart_in, in_buf[sent++]);
  memmove(in_buf, in_buf + sent, in_len - sent);
  in_len -= sent;
  if (master < 0 || out_len == 0) return;
  ssize_t n = write(master, out_buf, out_len);
  if (n > 0) {
    memmove(out_buf, out_buf + n, out_len - (size_t)n);
    out_len -= (size_t)n;
  }
}

link_event_t link_poll(void) {
  if (master < 0) return LINK_QUIET;
  struct pollfd p = {master, POLLIN | POLLPRI, 0};
  if (poll(&p, 1, 0) < 0) return LINK_QUIET;
  if (p.revents & POLLHUP) {
    /* No process has the slave open. */
    int was_open = host_open;
    host_open = host_ready = 0;
    in_len = out_len = 0;
    return was_open ? LINK_HOST_CLOSED : LINK_QUIET;
  }
  if (!host_open) {
    host_open = 1;
    host_open_at_us = now_us();
  }
  if (p.revents & (POLLIN | POLLPRI)) {
    unsigned char buf[1025];
    ssize_t n = read(master, buf, sizeof buf);
    if (n > 0 && buf[0] == TIOCPKT_DATA) {
      size_t room = sizeof in_buf - in_len, got = (size_t)n - 1;
      if (got > room) got = room; /* 4 KiB the device has not taken yet: lost, like an overrun */
      memcpy(in_buf + in_len, buf + 1, got);
      in_len += got;
    } else if (n > 0 && (buf[0] & TIOCPKT_FLUSHREAD) && !host_ready) {
      host_ready = 1;
      return LINK_HOST_READY;
    }
  }
  if (!host_ready && now_us() - host_open_at_us > HOST_SETUP_FALLBACK_US) {
    host_ready = 1;
    return LINK_HOST_READY;
  }
  return LINK_QUIET;
}
