// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Host asynchronous I/O engines, the aio= choices other than "threads": io_uring
 * (block/io-uring.c) and Linux native AIO (block/linux-aio.c). Each registers itself; the
 * file driver looks its engine up by the aio= name when it opens, and then sends the guest's
 * reads and writes of the host file straight to it from the main thread, with no worker in
 * between. Completions run on the main thread (a qemu/aio-wait.h source).
 */
#ifndef BLOCK_AIO_ENGINE_H
#define BLOCK_AIO_ENGINE_H

#include "qemu/osdep.h"
#include <sys/uio.h>

/* Bytes transferred (possibly fewer than asked), or -errno. */
typedef void AioEngineDone(void *opaque, int64_t ret);

typedef struct AioEngine {
	const char *name;  /* the aio= value */
	const char *title; /* as QEMU's messages call it: "io_uring", "native AIO" */
	bool
	    needs_direct; /* only worth it on O_DIRECT descriptors (QEMU requires cache.direct=on) */
	/* Sets the engine up on the host; false, with errp set, when the host refuses. */
	bool (*start)(Error **errp);
	/* preadv or pwritev of fd; iov must stay valid until done runs. */
	void (*submit)(int fd, bool write, int64_t offset, const struct iovec *iov, int niov,
		       AioEngineDone *done, void *opaque);
} AioEngine;

void aio_engine_register(const AioEngine *e);

/*
 * The engine for an aio= value, started on first use: NULL for "threads" and for engines this
 * program does not have (qemu-img), or NULL with errp set ("Unable to use io_uring: ...").
 */
const AioEngine *aio_engine_get(const char *name, Error **errp);

#endif
