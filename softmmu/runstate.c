// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The machine's run state (what query-status reports, and whether the harts run), with the
 * STOP and RESUME events; pending shutdown/reset requests the main loop polls; the process's
 * exit status, exit notifiers and reset handlers.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "monitor/monitor.h"
#include "sysemu/runstate.h"
#include <signal.h>

static RunState current_state = RUN_STATE_RUNNING;
static RunState vmstop_state = RUN_STATE_RUNNING; /* a stop the main loop is yet to make */

RunState runstate_get(void)
{
	return current_state;
}

bool runstate_is_running(void)
{
	return current_state == RUN_STATE_RUNNING;
}

const char *runstate_name(RunState state)
{
	static const char *const names[] = {
		[RUN_STATE_PRELAUNCH] = "prelaunch", [RUN_STATE_RUNNING] = "running",
		[RUN_STATE_PAUSED] = "paused",	     [RUN_STATE_SHUTDOWN] = "shutdown",
		[RUN_STATE_DEBUG] = "debug",	     [RUN_STATE_IO_ERROR] = "io-error",
		[RUN_STATE_SAVE_VM] = "save-vm",     [RUN_STATE_RESTORE_VM] = "restore-vm",
	};
	return names[state];
}

void runstate_init(bool autostart)
{
	current_state = autostart ? RUN_STATE_RUNNING : RUN_STATE_PRELAUNCH;
}

typedef struct ChangeHandler {
	VMChangeStateHandler *fn;
	void *opaque;
} ChangeHandler;

static GArray *change_handlers;

void qemu_add_vm_change_state_handler(VMChangeStateHandler *fn, void *opaque)
{
	ChangeHandler h = { fn, opaque };

	if (!change_handlers)
		change_handlers = g_array_new(FALSE, FALSE, sizeof(ChangeHandler));
	g_array_append_val(change_handlers, h);
}

void qemu_del_vm_change_state_handler(VMChangeStateHandler *fn, void *opaque)
{
	for (guint i = 0; change_handlers && i < change_handlers->len; i++) {
		ChangeHandler *h = &g_array_index(change_handlers, ChangeHandler, i);
		if (h->fn == fn && h->opaque == opaque) {
			g_array_remove_index(change_handlers, i);
			return;
		}
	}
}

static void state_changed(bool running, RunState state)
{
	for (guint i = 0; change_handlers && i < change_handlers->len; i++) {
		ChangeHandler h = g_array_index(change_handlers, ChangeHandler, i);
		h.fn(h.opaque, running, state);
	}
}

void vm_start(void)
{
	vmstop_state = RUN_STATE_RUNNING; /* a stop asked for before this resume is void */
	if (current_state == RUN_STATE_RUNNING)
		return;
	current_state = RUN_STATE_RUNNING;
	qmp_event_send("RESUME", NULL);
	state_changed(true, RUN_STATE_RUNNING);
	qemu_notify_event();
}

void runstate_set(RunState state)
{
	g_assert(current_state != RUN_STATE_RUNNING && state != RUN_STATE_RUNNING);
	current_state = state;
}

void vm_stop(RunState state)
{
	if (current_state != RUN_STATE_RUNNING) {
		current_state = state == RUN_STATE_PAUSED ? current_state : state;
		return;
	}
	current_state = state;
	qmp_event_send("STOP", NULL);
	state_changed(false, state);
	qemu_notify_event();
}

const char *shutdown_cause_name(ShutdownCause cause)
{
	static const char *const names[] = {
		[SHUTDOWN_CAUSE_NONE] = "none",
		[SHUTDOWN_CAUSE_HOST_ERROR] = "host-error",
		[SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
		[SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET] = "host-qmp-system-reset",
		[SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
		[SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
		[SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
		[SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
		[SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
	};
	return names[cause];
}

bool shutdown_cause_is_guest(ShutdownCause cause)
{
	return cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN && cause <= SHUTDOWN_CAUSE_GUEST_PANIC;
}

static volatile int shutdown_cause, reset_cause;

void qemu_system_vmstop_request(RunState state)
{
	vmstop_state = state;
	qemu_notify_event();
}

RunState qemu_vmstop_requested(void)
{
	RunState s = vmstop_state;

	vmstop_state = RUN_STATE_RUNNING;
	return s;
}
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
