// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The stdio backend: input from fd 0, output to fd 1. When stdin is a terminal it is put in
 * raw mode (keeping Ctrl-C as SIGINT unless signal=off) and restored on every way out: close,
 * exit(), the exit notifiers, termination signals and crashes. Output is non-blocking through
 * a file description of our own, so fd 1, which the shell and stderr usually share, is never
 * left non-blocking. Only one stdio chardev may exist.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "qom/property.h"
#include "sysemu/os-posix.h"
#include "sysemu/runstate.h"
#include <fcntl.h>
#include <signal.h>
#include <termios.h>
#include <sys/stat.h>

typedef struct StdioChardev {
	FdChardev parent;
	bool signal; /* property signal: Ctrl-C at the terminal is SIGINT (default) */
} StdioChardev;

static bool stdio_in_use;
static bool stdio_allow_signal;
static struct termios saved_tty;
static volatile sig_atomic_t tty_saved;
static volatile int saved_out_flags = -1; /* fd 1's flags, when we had to change them */

static bool fd_is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/*
 * A non-blocking fd for stdout. Reopening /proc/self/fd/1 gives a description of our own
 * for ttys and pipes; regular files never block and must keep sharing fd 1's offset.
 */
static int stdio_out_fd(bool *own)
{
	struct stat st;
	int fd;

	*own = false;
	if (!fd_is_open(STDOUT_FILENO))
		return -1;
	if (fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode))
		return STDOUT_FILENO;
	fd = open("/proc/self/fd/1", O_WRONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		*own = true;
		return fd;
	}
	/* Last resort (e.g. a socket): change fd 1 itself and undo it on the way out. */
	saved_out_flags = fcntl(STDOUT_FILENO, F_GETFL);
	if (saved_out_flags >= 0)
		fcntl(STDOUT_FILENO, F_SETFL, saved_out_flags | O_NONBLOCK);
	return STDOUT_FILENO;
}

/* Raw input, cooked output (so "\n" still returns the carriage); async-signal-safe. */
static void tty_set_raw(void)
{
	struct termios tty = saved_tty;

	tty.c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	tty.c_oflag |= OPOST;
	tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
	if (!stdio_allow_signal)
		tty.c_lflag &= ~ISIG;
	tty.c_cflag &= ~(CSIZE | PARENB);
	tty.c_cflag |= CS8;
	tty.c_cc[VMIN] = 1;
	tty.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

/* Puts the terminal and fd 1 back as we found them; async-signal-safe and repeatable. */
static void stdio_restore(void)
{
	if (tty_saved)
		tcsetattr(STDIN_FILENO, TCSANOW, &saved_tty);
	if (saved_out_flags >= 0)
		fcntl(STDOUT_FILENO, F_SETFL, saved_out_flags);
}

/* The shell restores its own terminal modes when it resumes us after Ctrl-Z. */
static void stdio_sigcont(int sig)
{
	int saved_errno = errno;

	if (tty_saved)
		tty_set_raw();
	errno = saved_errno;
}

static void stdio_register_restore(void)
{
	static bool done;
	struct sigaction act = { 0 };

	if (done)
		return;
	done = true;
	atexit(stdio_restore);
	qemu_add_exit_notifier(stdio_restore);
	act.sa_handler = stdio_sigcont;
	act.sa_flags = SA_RESTART;
	sigemptyset(&act.sa_mask);
	sigaction(SIGCONT, &act, NULL);
}

static bool stdio_open(Chardev *chr, Error **errp)
{
	bool allow_signal = container_of(chr, StdioChardev, parent.parent)->signal;
	bool own_out;
	int fd_in, fd_out;

	if (os_is_daemonized()) {
		error_setg(errp, "cannot use stdio with -daemonize");
		return false;
	}
	if (stdio_in_use) {
		error_setg(errp, "cannot use stdio by multiple character devices");
		return false;
	}
	stdio_in_use = true;
	stdio_allow_signal = allow_signal;
	fd_in = fd_is_open(STDIN_FILENO) ? STDIN_FILENO : -1;
	fd_out = stdio_out_fd(&own_out);
	qemu_init_signals();
	stdio_register_restore();
	if (fd_in >= 0 && tcgetattr(STDIN_FILENO, &saved_tty) == 0) {
		tty_saved = true;
		qemu_set_fatal_signal_cleanup(stdio_restore);
		tty_set_raw();
	}
	/* fd 0 stays blocking: it is only read after poll() said so. */
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), fd_in, false, fd_out, own_out);
	chr->be_open = true;
	return true;
}

static void stdio_close(Chardev *chr)
{
	qemu_chr_fd_close(chr);
	stdio_restore();
	tty_saved = false;
	saved_out_flags = -1;
	qemu_set_fatal_signal_cleanup(NULL);
	stdio_in_use = false;
}

static const Property stdio_props[] = {
	/* its default is set in instance_init: QEMU's help shows none */
	PROP("signal", prop_info_bool, StdioChardev, signal),
	PROP_END,
};

static void stdio_init(Object *obj)
{
	container_of(CHARDEV(obj), StdioChardev, parent.parent)->signal = true;
}

static void stdio_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = stdio_open;
	cc->close = stdio_close;
	object_class_add_props(oc, stdio_props);
}

static void stdio_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "stdio",
		.parent = TYPE_CHARDEV_FD,
		.instance_size = sizeof(StdioChardev),
		.class_init = stdio_class_init,
		.instance_init = stdio_init,
	};
	type_register(&info);
}
type_init(stdio_register_types)
