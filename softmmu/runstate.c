// SPDX-License-Identifier: GPL-2.0-or-later
/* Pending shutdown/reset requests and the process exit status; the main loop polls them. */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"
#include <signal.h>

static volatile int shutdown_cause, reset_cause;
static int exit_status;
static void (*exit_notifiers[16])(void);
static int n_exit_notifiers;

void qemu_system_shutdown_request(ShutdownCause cause)
{
	shutdown_cause = cause;
	qemu_notify_event();
}

void qemu_system_reset_request(ShutdownCause cause)
{
	reset_cause = cause;
	qemu_notify_event();
}

/* Read-and-clear in one atomic step, so a request from a signal handler is never lost. */
ShutdownCause qemu_shutdown_requested(void)
{
	return __atomic_exchange_n(&shutdown_cause, SHUTDOWN_CAUSE_NONE, __ATOMIC_SEQ_CST);
}

bool qemu_shutdown_pending(void)
{
	return shutdown_cause != SHUTDOWN_CAUSE_NONE;
}

ShutdownCause qemu_reset_requested(void)
{
	return __atomic_exchange_n(&reset_cause, SHUTDOWN_CAUSE_NONE, __ATOMIC_SEQ_CST);
}

void qemu_set_exit_status(int status)
{
	exit_status = status;
}

int qemu_exit_status(void)
{
	return exit_status;
}

void qemu_add_exit_notifier(void (*fn)(void))
{
	g_assert(n_exit_notifiers < (int)ARRAY_SIZE(exit_notifiers));
	exit_notifiers[n_exit_notifiers++] = fn;
}

void qemu_run_exit_notifiers(void)
{
	/* Run once, last registered first, so later layers undo before earlier ones. */
	while (n_exit_notifiers > 0)
		exit_notifiers[--n_exit_notifiers]();
}

/* Reset handlers: things outside the bus tree that a system reset must redo (-device loader). */
typedef struct ResetHandler {
	void (*fn)(void *opaque);
	void *opaque;
} ResetHandler;

static GArray *reset_handlers;

void qemu_register_reset(void (*fn)(void *opaque), void *opaque)
{
	ResetHandler h = { fn, opaque };

	if (!reset_handlers)
		reset_handlers = g_array_new(FALSE, FALSE, sizeof(ResetHandler));
	g_array_append_val(reset_handlers, h);
}

void qemu_unregister_reset(void (*fn)(void *opaque), void *opaque)
{
	for (guint i = 0; reset_handlers && i < reset_handlers->len; i++) {
		ResetHandler *h = &g_array_index(reset_handlers, ResetHandler, i);
		if (h->fn == fn && h->opaque == opaque)
			g_array_remove_index(reset_handlers, i--);
	}
}

void qemu_run_reset_handlers(void)
{
	for (guint i = 0; reset_handlers && i < reset_handlers->len; i++) {
		ResetHandler *h = &g_array_index(reset_handlers, ResetHandler, i);
		h->fn(h->opaque);
	}
}
