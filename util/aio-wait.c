// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The completion sources of asynchronous I/O and the wait of a drain over all of them. The
 * sources are few (one per engine) and live as long as the process, so a small array does.
 */
#include "qemu/osdep.h"
#include "qemu/aio-wait.h"
#include "qemu/main-loop.h"
#include <poll.h>

#define MAX_SOURCES 4

typedef struct AioWaitSource {
	int fd;
	AioWaitRunFunc *run;
	void *opaque;
} AioWaitSource;

static AioWaitSource sources[MAX_SOURCES];
static int n_sources;

static void source_ready(void *opaque)
{
	AioWaitSource *s = opaque;

	s->run(s->opaque);
}

void aio_wait_add_source(int fd, AioWaitRunFunc *run, void *opaque)
{
	AioWaitSource *s = &sources[n_sources];

	g_assert(n_sources < MAX_SOURCES);
	*s = (AioWaitSource){ .fd = fd, .run = run, .opaque = opaque };
	n_sources++;
	qemu_set_fd_handler(fd, source_ready, NULL, s);
}

static int run_all(void)
{
	int ran = 0;

	for (int i = 0; i < n_sources; i++)
		ran += sources[i].run(sources[i].opaque);
	return ran;
}

/* A completion that lands after run_all still counts up its eventfd, so poll sees it. */
int aio_wait_poll(bool wait)
{
	struct pollfd p[MAX_SOURCES];
	int ran = run_all();

	while (wait && !ran && n_sources) {
		for (int i = 0; i < n_sources; i++)
			p[i] = (struct pollfd){ .fd = sources[i].fd, .events = POLLIN };
		if (poll(p, n_sources, -1) < 0 && errno != EINTR)
			abort();
		ran = run_all();
	}
	return ran;
}
