// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The GDB remote serial protocol server (-s, -gdb DEV, HMP gdbserver): one gdb at a time on
 * a chardev, all-stop, one thread per hart. See gdbstub/gdbstub.c.
 */
#ifndef EXEC_GDBSTUB_H
#define EXEC_GDBSTUB_H

#include "qemu/error.h"

/* -gdb DEV: "tcp::1234", "tcp:HOST:PORT", "unix:PATH", "chardev:ID" or "none". */
bool gdbserver_start(const char *device, Error **errp);

/* One protocol packet's payload, answered as the stub would (for the fuzz test): the reply
 * payloads are passed to out. */
void gdb_handle_packet_for_test(const char *payload, size_t len,
				void (*out)(void *opaque, const char *reply), void *opaque);

#endif
