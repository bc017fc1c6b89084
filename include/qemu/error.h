// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Error objects and error reporting. Functions that can fail take an `Error **errp` last and
 * return false/NULL on failure; callers decide whether to report, propagate or abort, as in QEMU.
 * Reports are prefixed with the program name and, while a command-line option is being
 * processed, with that option ("qemu-system-riscv64: -device foo: ...").
 */
#ifndef QEMU_ERROR_H
#define QEMU_ERROR_H

typedef struct Error Error;

/* Pass &error_fatal to report and exit(1) on failure, &error_abort to abort(). */
extern Error *error_fatal;
extern Error *error_abort;

/* QMP's error classes; nearly everything is a GenericError. */
typedef enum ErrorClass {
	ERROR_CLASS_GENERIC_ERROR,
	ERROR_CLASS_COMMAND_NOT_FOUND,
	ERROR_CLASS_DEVICE_NOT_ACTIVE,
	ERROR_CLASS_DEVICE_NOT_FOUND,
	ERROR_CLASS_KVM_MISSING_CAP,
} ErrorClass;

void error_setg(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
void error_set(Error **errp, ErrorClass cls, const char *fmt, ...) QEMU_PRINTF(3, 4);
ErrorClass error_get_class(const Error *err);
/* "GenericError", "CommandNotFound", ... as QMP names them. */
const char *error_class_name(ErrorClass cls);
void error_setg_errno(Error **errp, int os_errno, const char *fmt, ...) QEMU_PRINTF(3, 4);
/* Adds a hint printed on the lines after the message. */
void error_append_hint(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
void error_prepend(Error **errp, const char *fmt, ...) QEMU_PRINTF(2, 3);
void error_propagate(Error **dst, Error *src);
const char *error_get_pretty(const Error *err);
void error_free(Error *err);
/* Prints the error (with hint and location) and frees it. */
void error_report_err(Error *err);

void error_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void warn_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
void info_report(const char *fmt, ...) QEMU_PRINTF(1, 2);
/* Raw text on the error stream, for hint lines after a report. */
void error_printf(const char *fmt, ...) QEMU_PRINTF(1, 2);

void error_set_progname(const char *name);
/* -msg timestamp=on (an ISO 8601 UTC time first) and guest-name=on (-name's guest name next). */
void error_set_message_format(bool timestamp, const char *guest_name);
const char *error_get_progname(void);
/* The command-line option being processed, e.g. ("-device", "foo,id=x"); NULL clears it. */
void loc_set_cmdline(const char *opt, const char *arg);
void loc_clear(void);
/* Where error text goes; tests point it at a buffer. NULL means stderr. */
void error_set_output(FILE *f);

#endif
