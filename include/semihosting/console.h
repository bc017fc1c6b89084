// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The semihosting console: SYS_WRITEC, SYS_WRITE0 and SYS_READC, on the chardev=
 * of -semihosting-config, else on the host's stderr (output) and stdin (input), as QEMU 7.2.
 */
#ifndef SEMIHOSTING_CONSOLE_H
#define SEMIHOSTING_CONSOLE_H

typedef struct Chardev Chardev;

bool semihosting_console_init(Chardev *chr, Error **errp);
void semihosting_console_write(const void *buf, size_t len);
/* One byte of input, waiting for it; -1 when the input has ended. */
int semihosting_console_read_byte(void);

extern char *semihosting_cmdline; /* SYS_GET_CMDLINE's string, or NULL */

#endif
