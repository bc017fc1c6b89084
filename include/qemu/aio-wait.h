// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Completion sources of asynchronous I/O (the worker pool, io_uring, Linux AIO): each signals an
 * eventfd when it has completions, and runs them on the main thread, from the main loop or from
 * a drain. A drain cannot return to the main loop until its requests are done, so it waits here
 * on every source at once, whichever engine its requests went to.
 */
#ifndef QEMU_AIO_WAIT_H
#define QEMU_AIO_WAIT_H

#include <stdbool.h>

/* Runs the completions that are ready (after reading fd's counter); returns how many ran. */
typedef int AioWaitRunFunc(void *opaque);

/* Registers a source and its eventfd with the main loop and with aio_wait_poll. */
void aio_wait_add_source(int fd, AioWaitRunFunc *run, void *opaque);

/*
 * Main thread: runs every source's ready completions; with wait, first blocks until some
 * source has one. Returns how many completions ran.
 */
int aio_wait_poll(bool wait);

#endif
