// SPDX-License-Identifier: GPL-2.0-or-later
/* -pidfile and -daemonize, as QEMU does them on POSIX hosts. */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "sysemu/os-posix.h"

static char *pidfile;
static int daemon_pipe = -1; /* the daemon's end: one byte tells the parent it is ready */
static bool daemonizing;

static void pidfile_remove(void)
{
	if (pidfile)
		unlink(pidfile);
}

bool os_pidfile_create(const char *path, Error **errp)
{
	char buf[32];
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int len;

	if (fd < 0) {
		error_setg_errno(errp, errno, "Could not create '%s'", path);
		return false;
	}
	/* A second instance with the same pidfile is refused while the first runs. */
	if (lockf(fd, F_TLOCK, 0)) {
		error_setg_errno(errp, errno, "Cannot lock pid file");
		close(fd);
		return false;
	}
	len = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (ftruncate(fd, 0) || write(fd, buf, len) != len) {
		error_setg_errno(errp, errno, "Failed to write pid file");
		close(fd);
		return false;
	}
	/* fd stays open: the lock lasts as long as the process */
	pidfile = g_canonicalize_filename(path, NULL); /* the daemon leaves the cwd */
	atexit(pidfile_remove);
	return true;
}

void os_daemonize(void)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe2(fds, O_CLOEXEC)) {
		error_report("cannot daemonize: %s", strerror(errno));
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		error_report("cannot daemonize: %s", strerror(errno));
		exit(1);
	}
	if (pid > 0) {
		/* one byte: the daemon is up; end of file: it gave up (and said why) */
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 0 : 1);
	}
	close(fds[0]);
	/* A new session, then a second fork: the daemon is no session leader, as QEMU's. */
	setsid();
	pid = fork();
	if (pid < 0) {
		error_report("cannot daemonize: %s", strerror(errno));
		exit(1);
	}
	if (pid > 0)
		_exit(0);
	umask(027);
	daemon_pipe = fds[1];
	daemonizing = true;
}

void os_daemonize_done(void)
{
	int null;

	if (daemon_pipe < 0)
		return;
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	if (chdir("/")) {
		/* nothing to report to: stderr is gone; the daemon runs where it was */
	}
	if (write(daemon_pipe, "", 1) != 1) {
		/* the parent is gone already */
	}
	close(daemon_pipe);
	daemon_pipe = -1;
}

bool os_is_daemonized(void)
{
	return daemonizing;
}
