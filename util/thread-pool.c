// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The worker pool. Jobs wait in a FIFO that workers take from; a finished job goes on a second
 * list, and an eventfd (a qemu/aio-wait.h source) wakes the main loop, or a drain, to run
 * the completions on the main thread. A worker is started when a job arrives and none is
 * idle, until MAX_WORKERS; idle workers stay for the life of the process, as the pool is small.
 */
#include "qemu/osdep.h"
#include "qemu/aio-wait.h"
#include "qemu/thread-pool.h"
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>

/* Enough to keep a few disks' queues busy; QEMU allows 64, most sleep. */
#define MAX_WORKERS 16

typedef struct PoolJob {
	ThreadPoolFunc *func;
	ThreadPoolDone *done;
	void *opaque;
	int ret;
	struct PoolJob *next;
} PoolJob;

typedef struct JobList {
	PoolJob *head, **tail;
} JobList;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_cond = PTHREAD_COND_INITIALIZER;
static JobList pending = { NULL, &pending.head };
static JobList finished = { NULL, &finished.head };
static int n_workers, n_idle, n_pending;
static int done_fd = -1;

static void list_push(JobList *l, PoolJob *j)
{
	j->next = NULL;
	*l->tail = j;
	l->tail = &j->next;
}

static PoolJob *list_pop(JobList *l)
{
	PoolJob *j = l->head;

	if (j && !(l->head = j->next))
		l->tail = &l->head;
	return j;
}

static void *worker_main(void *arg)
{
	pthread_mutex_lock(&lock);
	for (;;) {
		PoolJob *j;
		uint64_t one = 1;

		while (!pending.head) {
			n_idle++;
			pthread_cond_wait(&work_cond, &lock);
			n_idle--;
		}
		j = list_pop(&pending);
		n_pending--;
		pthread_mutex_unlock(&lock);
		j->ret = j->func(j->opaque);
		pthread_mutex_lock(&lock);
		list_push(&finished, j);
		/* under the lock, so the main thread never sees the wakeup before the job */
		if (write(done_fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
			abort();
	}
	return arg;
}

/* Signals stay with the main thread: a worker starts with all of them blocked. */
static void start_worker(void)
{
	sigset_t all, old;
	pthread_t t;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	if (pthread_create(&t, NULL, worker_main, NULL) == 0) {
		pthread_detach(t);
		n_workers++;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!n_workers) {
		error_report("could not start an I/O worker thread");
		abort();
	}
}

/* The pool as a completion source: the counter is read first, so a later job wakes again. */
static int run_completions(void *opaque)
{
	uint64_t count;
	int ran = 0;

	if (read(done_fd, &count, sizeof(count)) < 0 && errno != EAGAIN)
		abort();
	for (;;) {
		PoolJob *j;

		pthread_mutex_lock(&lock);
		j = list_pop(&finished);
		pthread_mutex_unlock(&lock);
		if (!j)
			return ran;
		j->done(j->opaque, j->ret);
		g_free(j);
		ran++;
	}
}

void thread_pool_submit(ThreadPoolFunc *func, ThreadPoolDone *done, void *opaque)
{
	PoolJob *j = g_new(PoolJob, 1);

	if (done_fd < 0) {
		done_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		if (done_fd < 0) {
			error_report("could not create the I/O completion eventfd: %s",
				     strerror(errno));
			abort();
		}
		aio_wait_add_source(done_fd, run_completions, NULL);
	}
	j->func = func;
	j->done = done;
	j->opaque = opaque;
	pthread_mutex_lock(&lock);
	list_push(&pending, j);
	/* a signalled worker stays counted idle until it runs: compare with the queue */
	if (++n_pending > n_idle && n_workers < MAX_WORKERS)
		start_worker();
	else
		pthread_cond_signal(&work_cond);
	pthread_mutex_unlock(&lock);
}
