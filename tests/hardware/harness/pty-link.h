/* UART0 of the simulated MCU bridged to a PTY that behaves like a USB-serial port. */
#ifndef LOKET_HARNESS_PTY_LINK_H
#define LOKET_HARNESS_PTY_LINK_H

#include <stddef.h>

#include <sim_avr.h>

typedef enum {
  LINK_QUIET,
  LINK_HOST_READY,  /* a program opened the port and set it up: reset the MCU now */
  LINK_HOST_CLOSED, /* the last program closed the port */
} link_event_t;

void link_attach(avr_t *avr);
/* Creates a new PTY and prints {"pty":path}. */
void link_plug(void);
/* Closes the PTY: a host holding it open sees it hang up. */
void link_unplug(void);
int link_plugged(void);
/* Whether a host has the port open (set up or not) / set up and listening. */
int link_host_open(void);
int link_host_ready(void);
int link_fd(void);
/* Call after every MCU reset: the UART takes no byte until the firmware enables it again. */
void link_mcu_reset(void);
/* Queues bytes for the host after what the UART has sent so far (line noise); 0 when no host listens. */
int link_noise(const unsigned char *bytes, size_t len);
/* Hands waiting host bytes to the UART, and the UART's bytes to the host. */
void link_transfer(void);
link_event_t link_poll(void);

#endif
