// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QMP commands. Each subsystem registers the commands it owns from its own file with a
 * table of QmpCommand: the name, the arguments (name, type, optional) the dispatcher checks
 * with QEMU's error texts before the handler runs, and the handler, which gets the arguments
 * as a dict and fills in the return value (an empty dict when it leaves it untouched).
 */
#ifndef MONITOR_QMP_H
#define MONITOR_QMP_H

#include "qom/qvalue.h"

#define QMP_ANY QV_NONE /* an argument of any JSON type */

typedef struct QmpArg {
	const char *name;
	QValueKind kind; /* QV_INT takes any integer; QMP_ANY takes anything */
	bool optional;
} QmpArg;

typedef void QmpCommandFn(const QValue *args, QValue *ret, Error **errp);

typedef struct QmpCommand {
	const char *name;
	QmpCommandFn *fn;
	const QmpArg *args; /* ends with a NULL name; NULL for none; a "*" entry takes any other */
} QmpCommand;

/* {"error": {"class": ..., "desc": ...}} for err, which it frees. */
QValue qmp_error_reply(Error *err);
/* query-version's reply: {"qemu": {"micro", "minor", "major"}, "package"}; also the greeting's. */
QValue qmp_version_info(void);

/* memsave (cpu: virtual addresses through it) and pmemsave (cpu NULL: physical). */
typedef struct CPUState CPUState;
bool qmp_save_memory(const char *filename, uint64_t addr, int64_t size, CPUState *cpu,
		     Error **errp);

/* Registers a table ending with a NULL name (call from a qmp_init function). */
void qmp_register_commands(const QmpCommand *table);
/* Every registered command's name, for query-commands. */
GPtrArray *qmp_command_names(void);
/* Runs one request object as a monitor would; the reply dict ("return" or "error", "id"). */
QValue qmp_dispatch(const QValue *request);
/* The same for a monitor still negotiating capabilities (only qmp_capabilities runs). */
QValue qmp_dispatch_gated(const QValue *request, bool negotiating);

#define qmp_init(fn)                                                                               \
	static void __attribute__((constructor)) fn##_ctor(void)                                   \
	{                                                                                          \
		fn();                                                                              \
	}

#endif
