// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The process as a service: -pidfile (written and locked, removed at exit) and -daemonize (the
 * parent returns to the shell once the machine is built: 0, or 1 when the daemon gave up).
 */
#ifndef SYSEMU_OS_POSIX_H
#define SYSEMU_OS_POSIX_H

bool os_pidfile_create(const char *path, Error **errp);
/* Forks; the parent waits in here for the child's os_daemonize_done() or exit. */
void os_daemonize(void);
/* In the daemon, once start-up succeeded: detach from the terminal and release the parent. */
void os_daemonize_done(void);
bool os_is_daemonized(void);

#endif
