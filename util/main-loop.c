// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The main loop. Everything runs on one thread: main_loop_wait() polls the registered file
 * descriptors plus an eventfd used as a wakeup, runs the handlers of the ready ones, then
 * fires expired timers. Timers live in one sorted list per clock. Handler records removed
 * while handlers run are only marked and freed once no dispatch is in progress, so handlers
 * may add or remove any handler, including their own. The termination signal handlers are
 * here too, since they do nothing but report and wake the loop.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/cpu-timers.h"
#include "sysemu/runstate.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <sys/eventfd.h>

typedef struct IOHandlerRecord {
	int fd;
	IOHandler *fd_read;
	IOHandler *fd_write;
	void *opaque;
	bool deleted;
} IOHandlerRecord;

struct QEMUTimer {
	QEMUClockType type;
	QEMUTimerCB *cb;
	void *opaque;
	int64_t expire;
	bool pending;
	QEMUTimer *next;
};

static GPtrArray *handlers;
static int dispatch_depth;
static QEMUTimer *timer_lists[QEMU_CLOCK_MAX];
static int notify_rfd = -1, notify_wfd = -1;
static int64_t virtual_base;

/* ---- clocks ---- */

static int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return ts.tv_sec * NANOSECONDS_PER_SECOND + ts.tv_nsec;
}

int64_t qemu_clock_get_ns(QEMUClockType type)
{
	switch (type) {
	case QEMU_CLOCK_HOST:
		return clock_ns(CLOCK_REALTIME);
	case QEMU_CLOCK_VIRTUAL:
		return icount_enabled() ? icount_get_ns()
					: clock_ns(CLOCK_MONOTONIC) - virtual_base;
	default:
		return clock_ns(CLOCK_MONOTONIC);
	}
}

void qemu_clock_set_virtual_ns(int64_t ns)
{
	if (icount_enabled())
		icount_set_ns(ns);
	else
		virtual_base = clock_ns(CLOCK_MONOTONIC) - ns;
}

/* ---- wakeup ---- */

/* A constructor, so that a signal handler never finds the wakeup fd missing. */
__attribute__((constructor)) static void main_loop_init(void)
{
	int fds[2];

	virtual_base = clock_ns(CLOCK_MONOTONIC);
	handlers = g_ptr_array_new();
	notify_rfd = notify_wfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (notify_rfd >= 0)
		return;
	if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) < 0) {
		perror("main loop wakeup pipe");
		abort();
	}
	notify_rfd = fds[0];
	notify_wfd = fds[1];
}

void qemu_notify_event(void)
{
	uint64_t one = 1;
	int saved_errno = errno;
	/* A full eventfd or pipe already means "wake up", so a failed write loses nothing. */
	ssize_t ret = write(notify_wfd, &one, sizeof(one));

	(void)ret;
	errno = saved_errno;
}

static void notify_drain(void)
{
	uint64_t buf[8];

	while (read(notify_rfd, buf, sizeof(buf)) > 0)
		continue;
}

/* ---- fd handlers ---- */

static IOHandlerRecord *find_handler(int fd)
{
	for (guint i = 0; i < handlers->len; i++) {
		IOHandlerRecord *r = g_ptr_array_index(handlers, i);
		if (r->fd == fd && !r->deleted)
			return r;
	}
	return NULL;
}

/* Frees removed records, but never under a running dispatch that may still hold them. */
static void purge_handlers(void)
{
	guint i = 0;

	if (dispatch_depth > 0)
		return;
	while (i < handlers->len) {
		IOHandlerRecord *r = g_ptr_array_index(handlers, i);
		if (r->deleted) {
			g_ptr_array_remove_index(handlers, i);
			g_free(r);
		} else {
			i++;
		}
	}
}

void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write, void *opaque)
{
	IOHandlerRecord *r = find_handler(fd);

	if (!fd_read && !fd_write) {
		if (r) {
			r->deleted = true;
			purge_handlers();
		}
		return;
	}
	if (!r) {
		r = g_new0(IOHandlerRecord, 1);
		r->fd = fd;
		g_ptr_array_add(handlers, r);
	}
	r->fd_read = fd_read;
	r->fd_write = fd_write;
	r->opaque = opaque;
}

static void dispatch_one(IOHandlerRecord *r, short revents)
{
	if (r->deleted || !revents)
		return;
	if (revents & POLLNVAL) {
		/* The fd was closed under us: drop the stale handler instead of spinning on it. */
		r->deleted = true;
		return;
	}
	if ((revents & (POLLIN | POLLHUP | POLLERR)) && r->fd_read)
		r->fd_read(r->opaque);
	if (r->deleted)
		return;
	if ((revents & (POLLOUT | POLLHUP | POLLERR)) && r->fd_write)
		r->fd_write(r->opaque);
}

/* ---- timers ---- */

QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
	QEMUTimer *t = g_new0(QEMUTimer, 1);

	g_assert(type >= 0 && type < QEMU_CLOCK_MAX);
	t->type = type;
	t->cb = cb;
	t->opaque = opaque;
	return t;
}

void timer_del(QEMUTimer *t)
{
	QEMUTimer **p;

	if (!t || !t->pending)
		return;
	for (p = &timer_lists[t->type]; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	t->pending = false;
	t->next = NULL;
}

void timer_mod(QEMUTimer *t, int64_t expire_ns)
{
	QEMUTimer **p;

	timer_del(t);
	/* Equal deadlines keep the order they were armed in. */
	for (p = &timer_lists[t->type]; *p && (*p)->expire <= expire_ns; p = &(*p)->next)
		continue;
	t->expire = expire_ns;
	t->next = *p;
	*p = t;
	t->pending = true;
}

void timer_free(QEMUTimer *t)
{
	timer_del(t);
	g_free(t);
}

bool timer_pending(QEMUTimer *t)
{
	return t && t->pending;
}

int64_t timer_expire_time_ns(QEMUTimer *t)
{
	return timer_pending(t) ? t->expire : -1;
}

int64_t timer_deadline_ns(QEMUClockType type)
{
	int64_t left;

	if (!timer_lists[type])
		return -1;
	left = timer_lists[type]->expire - qemu_clock_get_ns(type);
	return left < 0 ? 0 : left;
}

int64_t qemu_timers_deadline_ns(void)
{
	int64_t deadline = -1;

	for (int type = 0; type < QEMU_CLOCK_MAX; type++) {
		/* under -icount virtual time does not pass while the main loop waits */
		int64_t left =
		    type == QEMU_CLOCK_VIRTUAL && icount_enabled() ? -1 : timer_deadline_ns(type);

		if (left >= 0 && (deadline < 0 || left < deadline))
			deadline = left;
	}
	return deadline;
}

static void run_timers(QEMUClockType type)
{
	int64_t now;
	QEMUTimer *t;

	if (!timer_lists[type])
		return;
	/* One reading of the clock, so a callback re-arming its timer for "now" waits a round. */
	now = qemu_clock_get_ns(type);
	while ((t = timer_lists[type]) && t->expire <= now) {
		timer_lists[type] = t->next;
		t->next = NULL;
		t->pending = false;
		t->cb(t->opaque);
	}
}

/* ---- the loop ---- */

static int64_t wait_timeout(int64_t timeout_ns)
{
	int64_t deadline = qemu_timers_deadline_ns();

	if (timeout_ns < 0)
		return deadline;
	if (deadline < 0)
		return timeout_ns;
	return MIN(timeout_ns, deadline);
}

static int do_poll(struct pollfd *pfds, guint n, int64_t timeout_ns)
{
	struct timespec ts;

	if (timeout_ns < 0)
		return ppoll(pfds, n, NULL, NULL);
	ts.tv_sec = timeout_ns / NANOSECONDS_PER_SECOND;
	ts.tv_nsec = timeout_ns % NANOSECONDS_PER_SECOND;
	return ppoll(pfds, n, &ts, NULL);
}

/* ---- poll hooks: libraries that hand over their own fds every round (libslirp) ---- */

typedef struct PollHook {
	MainLoopPollFill *fill;
	MainLoopPollDispatch *dispatch;
	void *opaque;
} PollHook;

static GArray *poll_hooks; /* PollHook */
static GArray *hook_pfds;  /* struct pollfd added by the hooks this round */
static bool poll_failed;

void main_loop_add_poll_hook(MainLoopPollFill *fill, MainLoopPollDispatch *dispatch, void *opaque)
{
	PollHook h = { fill, dispatch, opaque };

	if (!poll_hooks)
		poll_hooks = g_array_new(FALSE, FALSE, sizeof(PollHook));
	g_array_append_val(poll_hooks, h);
}

void main_loop_remove_poll_hook(void *opaque)
{
	for (guint i = 0; poll_hooks && i < poll_hooks->len; i++) {
		if (g_array_index(poll_hooks, PollHook, i).opaque == opaque) {
			g_array_remove_index(poll_hooks, i);
			return;
		}
	}
}

int main_loop_poll_add(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	g_array_append_val(hook_pfds, p);
	return hook_pfds->len - 1;
}

short main_loop_poll_revents(int idx)
{
	return idx >= 0 && (guint)idx < hook_pfds->len
		   ? g_array_index(hook_pfds, struct pollfd, idx).revents
		   : 0;
}

/* Asks every hook for its fds (they land after ours) and lowers the timeout to theirs. */
/* The hooks as they are now: a callback may add or remove hooks. */
static GArray *hooks_snapshot(void)
{
	GArray *copy = g_array_new(FALSE, FALSE, sizeof(PollHook));

	if (poll_hooks && poll_hooks->len)
		g_array_append_vals(copy, poll_hooks->data, poll_hooks->len);
	return copy;
}

static int64_t fill_hooks(int64_t timeout_ns)
{
	GArray *hooks = hooks_snapshot();

	if (!hook_pfds)
		hook_pfds = g_array_new(FALSE, FALSE, sizeof(struct pollfd));
	g_array_set_size(hook_pfds, 0);
	for (guint i = 0; i < hooks->len; i++) {
		PollHook h = g_array_index(hooks, PollHook, i);
		int64_t t = -1;

		h.fill(h.opaque, &t);
		if (t >= 0 && (timeout_ns < 0 || t < timeout_ns))
			timeout_ns = t;
	}
	g_array_free(hooks, TRUE);
	return timeout_ns;
}

static void dispatch_hooks(void)
{
	GArray *hooks = hooks_snapshot();

	for (guint i = 0; i < hooks->len; i++) {
		PollHook h = g_array_index(hooks, PollHook, i);

		h.dispatch(h.opaque, poll_failed);
	}
	g_array_free(hooks, TRUE);
}

void main_loop_wait(int64_t timeout_ns)
{
	guint n = 1, own;
	struct pollfd *pfds;
	IOHandlerRecord **recs = g_new0(IOHandlerRecord *, handlers->len + 1);
	int64_t timeout = fill_hooks(wait_timeout(timeout_ns));
	int ret;

	pfds = g_new0(struct pollfd, handlers->len + 1 + hook_pfds->len);
	dispatch_depth++;
	pfds[0].fd = notify_rfd;
	pfds[0].events = POLLIN;
	for (guint i = 0; i < handlers->len; i++) {
		IOHandlerRecord *r = g_ptr_array_index(handlers, i);
		if (r->deleted)
			continue;
		pfds[n].fd = r->fd;
		pfds[n].events = (r->fd_read ? POLLIN : 0) | (r->fd_write ? POLLOUT : 0);
		recs[n++] = r;
	}
	own = n;
	if (hook_pfds->len)
		memcpy(pfds + n, hook_pfds->data, hook_pfds->len * sizeof(*pfds));
	ret = do_poll(pfds, n + hook_pfds->len, timeout);
	poll_failed = ret < 0 && errno != EINTR;
	for (guint i = 0; i < hook_pfds->len; i++)
		g_array_index(hook_pfds, struct pollfd, i).revents =
		    ret > 0 ? pfds[own + i].revents : 0;
	if (ret > 0) {
		if (pfds[0].revents)
			notify_drain();
		for (guint i = 1; i < own; i++)
			dispatch_one(recs[i], pfds[i].revents);
	}
	dispatch_hooks();
	for (int type = 0; type < QEMU_CLOCK_MAX; type++)
		run_timers(type);
	dispatch_depth--;
	purge_handlers();
	g_free(pfds);
	g_free(recs);
}

/* ---- signals ---- */

static volatile sig_atomic_t termsig_seen;
static void (*volatile fatal_cleanup)(void);
static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT };
static struct sigaction fatal_old[ARRAY_SIZE(fatal_signals)];
static bool fatal_installed;

static void write_stderr(const char *s)
{
	if (write(STDERR_FILENO, s, strlen(s)) < 0)
		return;
}

/* Formats n in decimal into the end of buf; returns where the digits start. */
static char *format_num(char *buf, size_t size, long n)
{
	char *p = buf + size - 1;

	*p = '\0';
	do {
		*--p = '0' + n % 10;
		n /= 10;
	} while (n && p > buf);
	return p;
}

/* Writes the first word of /proc/PID/cmdline, as QEMU names the sender of a signal. */
static void write_pid_name(pid_t pid)
{
	char path[48] = "/proc/", num[24], name[256];
	ssize_t n = -1;
	int fd;

	strcat(path, format_num(num, sizeof(num), pid));
	strcat(path, "/cmdline");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, name, sizeof(name) - 1);
		close(fd);
	}
	if (n < 0) {
		write_stderr("<unknown process>");
		return;
	}
	name[n] = '\0';
	write_stderr(name);
}

/*
 * QEMU's "PROG: terminating on signal N[ from pid P (NAME)]", the sender only when there is
 * one (not for Ctrl-C at the terminal); built by hand since printf is not async-signal-safe.
 */
static void report_termsig(int sig, pid_t pid)
{
	char num[24];

	write_stderr(error_get_progname());
	write_stderr(": terminating on signal ");
	write_stderr(format_num(num, sizeof(num), sig));
	if (pid) {
		write_stderr(" from pid ");
		write_stderr(format_num(num, sizeof(num), pid));
		write_stderr(" (");
		write_pid_name(pid);
		write_stderr(")");
	}
	write_stderr("\n");
}

static void die_of_signal(int sig)
{
	if (fatal_cleanup)
		fatal_cleanup();
	signal(sig, SIG_DFL);
	/* Blocked while this handler runs, so it is delivered, fatally, as soon as we return. */
	raise(sig);
}

static void termsig_handler(int sig, siginfo_t *info, void *ctx)
{
	int saved_errno = errno;

	if (termsig_seen) {
		die_of_signal(sig);
	} else {
		termsig_seen = sig;
		report_termsig(sig, info->si_pid);
		qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
	}
	errno = saved_errno;
}

/*
 * Installs act for sig unless the program installed a handler of its own; an inherited
 * SIG_IGN counts only if keep_ignored (under nohup SIGHUP arrives ignored, and QEMU still
 * handles it).
 */
static void install_if_default(int sig, const struct sigaction *act, bool keep_ignored)
{
	struct sigaction old;

	if (sigaction(sig, NULL, &old) == 0 && !(old.sa_flags & SA_SIGINFO) &&
	    (old.sa_handler == SIG_DFL || (old.sa_handler == SIG_IGN && !keep_ignored)))
		sigaction(sig, act, NULL);
}

void qemu_init_signals(void)
{
	static const int term_signals[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction act = { 0 };

	act.sa_sigaction = termsig_handler;
	act.sa_flags = SA_RESTART | SA_SIGINFO;
	sigemptyset(&act.sa_mask);
	for (size_t i = 0; i < ARRAY_SIZE(term_signals); i++)
		install_if_default(term_signals[i], &act, false);
	act.sa_handler = SIG_IGN;
	act.sa_flags = 0;
	install_if_default(SIGPIPE, &act, true);
}

static void fatal_handler(int sig, siginfo_t *info, void *ctx)
{
	if (fatal_cleanup)
		fatal_cleanup();
	for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
		if (fatal_signals[i] == sig)
			sigaction(sig, &fatal_old[i], NULL);
	/* A fault re-triggers when we return; a sent signal (abort, kill) must be raised again. */
	if (info->si_code <= 0)
		raise(sig);
}

void qemu_set_fatal_signal_cleanup(void (*fn)(void))
{
	struct sigaction act = { 0 };

	fatal_cleanup = fn;
	if (fn && !fatal_installed) {
		act.sa_sigaction = fatal_handler;
		act.sa_flags = SA_SIGINFO;
		sigemptyset(&act.sa_mask);
		for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
			sigaction(fatal_signals[i], &act, &fatal_old[i]);
		fatal_installed = true;
	} else if (!fn && fatal_installed) {
		for (size_t i = 0; i < ARRAY_SIZE(fatal_signals); i++)
			sigaction(fatal_signals[i], &fatal_old[i], NULL);
		fatal_installed = false;
	}
}
