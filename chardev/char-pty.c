// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pty backend: a new pseudo-terminal whose name is printed as QEMU prints it ("char
 * device redirected to /dev/pts/N (label ID)"), for screen, minicom or socat to open. We
 * keep the terminal side open ourselves, in raw mode, so that output written before anyone
 * attaches waits in the terminal (and our queue) rather than being lost, and a peer that
 * closes and reopens it does not end the chardev.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "qemu/main-loop.h"
#include <fcntl.h>
#include <sys/ioctl.h>
#include <termios.h>

#define PTY_CLOSE_WAIT_MS 2000

typedef struct PtyChardev {
	FdChardev parent;
	int slave; /* held open: see above */
	char *path;
} PtyChardev;

static PtyChardev *to_pty(Chardev *chr)
{
	return container_of(chr, PtyChardev, parent.parent);
}

static bool pty_open(Chardev *chr, Error **errp)
{
	PtyChardev *s = to_pty(chr);
	struct termios tty;
	int master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	const char *name;

	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(name = ptsname(master))) {
		error_setg_errno(errp, errno, "Failed to create PTY");
		if (master >= 0)
			close(master);
		return false;
	}
	s->path = g_strdup(name);
	s->slave = open(s->path, O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (s->slave >= 0 && tcgetattr(s->slave, &tty) == 0) {
		cfmakeraw(&tty);
		tcsetattr(s->slave, TCSAFLUSH, &tty);
	}
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), master, true, master, true);
	chr->be_open = true;
	error_printf("char device redirected to %s (label %s)\n", s->path, chr->label);
	return true;
}

/*
 * Closing the master discards what the terminal still holds, so first give a reader the
 * same bounded time to take it as the fd core gives a slow pipe.
 */
static int pty_pending(PtyChardev *s)
{
	int master = s->parent.fd_out, in_slave = 0, in_master = 0;

	if (s->slave < 0 || ioctl(s->slave, FIONREAD, &in_slave) < 0)
		return 0;
	if (master >= 0)
		ioctl(master, TIOCOUTQ, &in_master);
	return in_slave + in_master;
}

static void pty_wait_read(PtyChardev *s)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + PTY_CLOSE_WAIT_MS;
	int quiet = 0;

	/* twice empty in a row: the kernel moves data between the two ends in steps */
	while (quiet < 2 && qemu_clock_get_ms(QEMU_CLOCK_REALTIME) < end) {
		quiet = pty_pending(s) ? 0 : quiet + 1;
		g_usleep(10 * 1000);
	}
}

static void pty_close(Chardev *chr)
{
	PtyChardev *s = to_pty(chr);

	qemu_chr_fd_drain(chr);
	pty_wait_read(s);
	qemu_chr_fd_close(chr);
	if (s->slave >= 0)
		close(s->slave);
	g_free(s->path);
}

static char *pty_filename(Chardev *chr)
{
	return g_strdup_printf("pty:%s", to_pty(chr)->path);
}

static void pty_init(Object *obj)
{
	to_pty(CHARDEV(obj))->slave = -1;
}

static void pty_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = pty_open;
	cc->close = pty_close;
	cc->filename = pty_filename;
}

static void pty_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "pty",
		.parent = TYPE_CHARDEV_FD,
		.instance_size = sizeof(PtyChardev),
		.instance_init = pty_init,
		.class_init = pty_class_init,
	};
	type_register(&info);
}
type_init(pty_register_types)
