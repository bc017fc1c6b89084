// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The single-threaded main loop: file-descriptor handlers, timers on three clocks, and a
 * wakeup that is safe to trigger from signal handlers. The CPU loop calls main_loop_wait(0)
 * between execution slices and main_loop_wait(deadline) when every CPU is idle, so all host
 * I/O (character devices, the monitor) and all device timers run from here.
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#define NANOSECONDS_PER_SECOND 1000000000LL
#define SCALE_MS	       1000000
#define SCALE_US	       1000

typedef void IOHandler(void *opaque);

/* Calls fd_read when fd is readable (or hung up), fd_write when writable; both NULL removes. */
void qemu_set_fd_handler(int fd, IOHandler *fd_read, IOHandler *fd_write, void *opaque);

/*
 * Polls the handlers' fds, runs the ready handlers, then every expired timer. Waits at most
 * timeout_ns (and never past the next timer); a negative timeout waits until something
 * happens, 0 only polls. Returns early when qemu_notify_event() is called.
 */
void main_loop_wait(int64_t timeout_ns);

/*
 * Poll hooks, for libraries that hand over their file descriptors every round (libslirp):
 * before each poll fill() adds them with main_loop_poll_add() (which returns an index) and
 * may lower *timeout_ns (-1: no limit); after it dispatch() reads main_loop_poll_revents()
 * of those indexes (failed: the poll itself failed).
 */
typedef void MainLoopPollFill(void *opaque, int64_t *timeout_ns);
typedef void MainLoopPollDispatch(void *opaque, bool failed);
void main_loop_add_poll_hook(MainLoopPollFill *fill, MainLoopPollDispatch *dispatch, void *opaque);
void main_loop_remove_poll_hook(void *opaque);
int main_loop_poll_add(int fd, short events);
short main_loop_poll_revents(int idx);

/* Wakes main_loop_wait(); async-signal-safe. */
void qemu_notify_event(void);

typedef enum {
	QEMU_CLOCK_REALTIME, /* monotonic host time, runs even when the guest is stopped */
	QEMU_CLOCK_VIRTUAL,  /* guest time: monotonic, starts near 0 when the process starts */
	QEMU_CLOCK_HOST,     /* wall clock, may jump */
	QEMU_CLOCK_MAX
} QEMUClockType;

int64_t qemu_clock_get_ns(QEMUClockType type);
/* loadvm: the virtual clock reads ns from now on (timers keep their expiry times). */
void qemu_clock_set_virtual_ns(int64_t ns);

static inline int64_t qemu_clock_get_us(QEMUClockType type)
{
	return qemu_clock_get_ns(type) / SCALE_US;
}

static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
	return qemu_clock_get_ns(type) / SCALE_MS;
}

typedef void QEMUTimerCB(void *opaque);
typedef struct QEMUTimer QEMUTimer;

QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque);
/* Arms (or re-arms) the timer to fire once its clock reaches expire_ns. */
void timer_mod(QEMUTimer *t, int64_t expire_ns);
void timer_del(QEMUTimer *t);
/* Deletes and frees; safe from the timer's own callback. */
void timer_free(QEMUTimer *t);
bool timer_pending(QEMUTimer *t);
/* The time the timer fires at, -1 when it is not pending. */
int64_t timer_expire_time_ns(QEMUTimer *t);
/* Nanoseconds until the next timer fires (0 if one is already due), -1 if none is armed. */
int64_t qemu_timers_deadline_ns(void);
/* ns until the first timer of that clock expires (0 if due), -1 if none is armed. */
int64_t timer_deadline_ns(QEMUClockType type);

/*
 * Installs QEMU's signal behaviour for each signal the program does not handle itself:
 * SIGINT, SIGTERM and SIGHUP print "PROG: terminating on signal N[ from pid P (NAME)]" and
 * request a SHUTDOWN_CAUSE_HOST_SIGNAL shutdown (the main loop then just exits, status 0);
 * a second one kills the process at once, after the fatal-signal cleanup. SIGPIPE is ignored.
 * The stdio chardev calls it, so a raw terminal is never left behind by a Ctrl-C.
 */
void qemu_init_signals(void);

/*
 * An async-signal-safe function (the terminal restore) to run before the process dies of a
 * signal: the second termination signal, or a crash (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT).
 */
void qemu_set_fatal_signal_cleanup(void (*fn)(void));

#endif
