// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * aio=native: reads and writes go to one Linux AIO context (io_submit, through Debian's
 * libaio) shared by every node. Linux AIO is asynchronous only on O_DIRECT descriptors, which
 * is why QEMU, and so we, accept it only with cache.direct=on. Each request names the
 * context's eventfd, a completion source of the main loop. At most MAX_EVENTS requests are
 * in the kernel; more wait in a FIFO, as do requests the kernel refused for now (EAGAIN).
 */
#include "qemu/osdep.h"
#include "qemu/aio-wait.h"
#include "block/aio-engine.h"
#include <libaio.h>
#include <sys/eventfd.h>

#define MAX_EVENTS 128

typedef struct LaioReq {
	struct iocb iocb;
	int64_t ret;
	AioEngineDone *done;
	void *opaque;
	struct LaioReq *next;
} LaioReq;

typedef struct LaioList {
	LaioReq *head, **tail;
} LaioList;

static io_context_t ctx;
static int event_fd = -1;
static int in_kernel;
static LaioList waiting = { NULL, &waiting.head };
/* Refused by io_submit: completed with the error from the next run, never from submit. */
static LaioList failed = { NULL, &failed.head };

static void list_push(LaioList *l, LaioReq *r)
{
	r->next = NULL;
	*l->tail = r;
	l->tail = &r->next;
}

static LaioReq *list_pop(LaioList *l)
{
	LaioReq *r = l->head;

	if (r && !(l->head = r->next))
		l->tail = &l->head;
	return r;
}

/* Hands the waiting requests to the kernel while it has room. */
static void kick(void)
{
	uint64_t one = 1;

	while (waiting.head && in_kernel < MAX_EVENTS) {
		LaioReq *r = waiting.head;
		struct iocb *p = &r->iocb;
		int ret = io_submit(ctx, 1, &p);

		if (ret == -EINTR || (ret == -EAGAIN && in_kernel))
			break; /* again when a completion makes room */
		list_pop(&waiting);
		if (ret == 1) {
			in_kernel++;
			continue;
		}
		r->ret = ret < 0 ? ret : -EIO;
		list_push(&failed, r);
		if (write(event_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
			abort();
	}
}

static void laio_submit(int fd, bool write, int64_t offset, const struct iovec *iov, int niov,
			AioEngineDone *done, void *opaque)
{
	LaioReq *r = g_new0(LaioReq, 1);

	if (write)
		io_prep_pwritev(&r->iocb, fd, iov, niov, offset);
	else
		io_prep_preadv(&r->iocb, fd, iov, niov, offset);
	io_set_eventfd(&r->iocb, event_fd);
	r->iocb.data = r;
	r->done = done;
	r->opaque = opaque;
	list_push(&waiting, r);
	kick();
}

static void finish(LaioReq *r)
{
	r->done(r->opaque, r->ret);
	g_free(r);
}

static int laio_run(void *opaque)
{
	struct io_event events[MAX_EVENTS];
	struct timespec zero = { 0 };
	uint64_t count;
	LaioReq *r;
	int ran = 0, n;

	if (read(event_fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		abort();
	while ((r = list_pop(&failed))) {
		finish(r);
		ran++;
	}
	while ((n = io_getevents(ctx, 0, MAX_EVENTS, events, &zero)) > 0) {
		for (int i = 0; i < n; i++) {
			r = events[i].data;
			r->ret = (long)events[i].res;
			in_kernel--;
			finish(r);
			ran++;
		}
	}
	kick();
	return ran;
}

static bool laio_start(Error **errp)
{
	int ret;

	event_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (event_fd < 0) {
		error_setg_errno(errp, errno, "failed to initialize event notifier");
		return false;
	}
	ret = io_setup(MAX_EVENTS, &ctx);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "failed to create linux AIO context");
		close(event_fd);
		return false;
	}
	aio_wait_add_source(event_fd, laio_run, NULL);
	return true;
}

static const AioEngine linux_aio_engine = {
	.name = "native",
	.title = "native AIO",
	.needs_direct = true,
	.start = laio_start,
	.submit = laio_submit,
};

static void __attribute__((constructor)) register_linux_aio_engine(void)
{
	aio_engine_register(&linux_aio_engine);
}
