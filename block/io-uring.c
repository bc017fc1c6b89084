// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * aio=io_uring: reads and writes go to one io_uring (Debian's liburing) shared by every node.
 * The ring's eventfd is a completion source of the main loop. The ring never holds more
 * requests than its submission queue has entries, so its completion queue (twice as large)
 * cannot overflow; requests beyond that wait in a FIFO until completions make room.
 */
#include "qemu/osdep.h"
#include "qemu/aio-wait.h"
#include "block/aio-engine.h"
#include <liburing.h>
#include <sys/eventfd.h>

#define RING_ENTRIES 128

typedef struct UringReq {
	int fd;
	bool write;
	int64_t offset;
	const struct iovec *iov;
	int niov;
	AioEngineDone *done;
	void *opaque;
	struct UringReq *next;
} UringReq;

static struct io_uring ring;
static int event_fd = -1;
static int in_ring;
static UringReq *waiting, **waiting_tail = &waiting;

/* Into the ring, or false when it is full. */
static bool ring_add(UringReq *r)
{
	struct io_uring_sqe *sqe;

	if (in_ring >= RING_ENTRIES || !(sqe = io_uring_get_sqe(&ring)))
		return false;
	if (r->write)
		io_uring_prep_writev(sqe, r->fd, r->iov, r->niov, r->offset);
	else
		io_uring_prep_readv(sqe, r->fd, r->iov, r->niov, r->offset);
	io_uring_sqe_set_data(sqe, r);
	in_ring++;
	return true;
}

/* Entries the kernel has not taken yet (it was busy) are offered again on the next call. */
static void ring_submit(void)
{
	int ret;

	do {
		ret = io_uring_submit(&ring);
	} while (ret == -EINTR);
}

static void uring_submit(int fd, bool write, int64_t offset, const struct iovec *iov, int niov,
			 AioEngineDone *done, void *opaque)
{
	UringReq *r = g_new(UringReq, 1);

	*r = (UringReq){ .fd = fd,
			 .write = write,
			 .offset = offset,
			 .iov = iov,
			 .niov = niov,
			 .done = done,
			 .opaque = opaque };
	if (waiting || !ring_add(r)) {
		*waiting_tail = r;
		waiting_tail = &r->next;
		return;
	}
	ring_submit();
}

static void ring_refill(void)
{
	bool added = false;

	while (waiting && ring_add(waiting)) {
		if (!(waiting = waiting->next))
			waiting_tail = &waiting;
		added = true;
	}
	if (added || io_uring_sq_ready(&ring))
		ring_submit();
}

static int uring_run(void *opaque)
{
	struct io_uring_cqe *cqe;
	uint64_t count;
	int ran = 0;

	if (read(event_fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		abort();
	while (io_uring_peek_cqe(&ring, &cqe) == 0) {
		UringReq *r = io_uring_cqe_get_data(cqe);
		int res = cqe->res;

		io_uring_cqe_seen(&ring, cqe);
		in_ring--;
		/* the kernel may hand back a transient failure; QEMU retries those too */
		if ((res == -EAGAIN || res == -EINTR) && ring_add(r)) {
			ring_submit();
			continue;
		}
		if (res == -EAGAIN || res == -EINTR) {
			r->next = NULL;
			*waiting_tail = r;
			waiting_tail = &r->next;
			continue;
		}
		r->done(r->opaque, res);
		g_free(r);
		ran++;
	}
	ring_refill();
	return ran;
}

static bool uring_start(Error **errp)
{
	int ret = io_uring_queue_init(RING_ENTRIES, &ring, 0);

	if (ret < 0) {
		error_setg_errno(errp, -ret, "failed to init linux io_uring ring");
		return false;
	}
	event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (event_fd < 0 || (ret = io_uring_register_eventfd(&ring, event_fd)) < 0) {
		error_setg_errno(errp, event_fd < 0 ? errno : -ret,
				 "failed to register the io_uring eventfd");
		if (event_fd >= 0)
			close(event_fd);
		io_uring_queue_exit(&ring);
		return false;
	}
	aio_wait_add_source(event_fd, uring_run, NULL);
	return true;
}

static const AioEngine io_uring_engine = {
	.name = "io_uring",
	.title = "io_uring",
	.start = uring_start,
	.submit = uring_submit,
};

static void __attribute__((constructor)) register_io_uring_engine(void)
{
	aio_engine_register(&io_uring_engine);
}
