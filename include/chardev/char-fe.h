// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The frontend side of character devices: what a device model (a UART, the monitor) uses to
 * talk to the chardev given with chardev=ID or -serial. The device embeds a CharBackend,
 * attaches it with qemu_chr_fe_init(), registers its input and event callbacks, and writes its
 * output with qemu_chr_fe_write(), which never blocks: a guest must not hang because nobody
 * reads its console.
 */
#ifndef CHARDEV_CHAR_FE_H
#define CHARDEV_CHAR_FE_H

typedef struct Chardev Chardev;

typedef enum {
	CHR_EVENT_BREAK,   /* serial break (Ctrl-A b on a mux) */
	CHR_EVENT_OPENED,  /* the host side is connected */
	CHR_EVENT_MUX_IN,  /* this frontend got the focus of its mux */
	CHR_EVENT_MUX_OUT, /* this frontend lost the focus of its mux */
	CHR_EVENT_CLOSED,  /* the host side went away (end of input) */
} QEMUChrEvent;

/* How many bytes the frontend can take now; 0 holds input back until accept_input. */
typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);
typedef void IOWriteReadyHandler(void *opaque);

typedef struct CharBackend {
	Chardev *chr; /* NULL when not connected */
	IOCanReadHandler *chr_can_read;
	IOReadHandler *chr_read;
	IOEventHandler *chr_event;
	IOWriteReadyHandler *chr_write_ready; /* output refused earlier may be retried */
	void *opaque;
	int tag; /* slot in a mux */
} CharBackend;

/*
 * Attaches be to s (s may be NULL: a frontend with nothing behind it). A mux takes up to 4
 * frontends, any other chardev only one: "Device 'ID' is in use".
 */
bool qemu_chr_fe_init(CharBackend *be, Chardev *s, Error **errp);
/* Detaches; the chardev itself lives on (it belongs to the command line). */
void qemu_chr_fe_deinit(CharBackend *be);

/*
 * Sets the callbacks (all NULL stops input). An already open chardev sends
 * CHR_EVENT_OPENED right away; on a mux the frontend also takes the focus.
 */
void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *fd_can_read,
			      IOReadHandler *fd_read, IOEventHandler *fd_event, void *opaque);

/*
 * Sends output; never blocks. Returns how much was taken: what the host side does not read
 * now waits in the backend's buffer, and only when that buffer is full (a reader far behind)
 * is output refused, as a real line's flow control would hold the transmitter. The frontend
 * then keeps the rest and retries from its write_ready handler. Nothing is dropped while
 * someone reads; with nothing behind the frontend, or a reader gone for good, output is
 * discarded and len returned.
 */
int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
/* Sends all of buf, past the buffer's bound if need be: for frontends that cannot wait. */
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
/* Drops output still queued for the peer: a protocol's half-sent reply to a client that left
 * must not reach the next one. */
void qemu_chr_fe_discard_output(CharBackend *be);
/* Sets the handler called when refused output can be written again (with be's opaque). */
void qemu_chr_fe_set_write_ready(CharBackend *be, IOWriteReadyHandler *fn);

/* The frontend has room again: deliver held-back input. */
void qemu_chr_fe_accept_input(CharBackend *be);

bool qemu_chr_fe_backend_connected(CharBackend *be);
Chardev *qemu_chr_fe_get_driver(CharBackend *be);

#endif
