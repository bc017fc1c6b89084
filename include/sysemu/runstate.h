// SPDX-License-Identifier: GPL-2.0-or-later
/* Requests to stop, reset or quit the machine, made by devices, the UI or signals, acted on by the main loop. */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

typedef enum ShutdownCause {
	SHUTDOWN_CAUSE_NONE,
	SHUTDOWN_CAUSE_HOST_ERROR,  /* an error prevents further use of the guest */
	SHUTDOWN_CAUSE_HOST_SIGNAL, /* SIGINT, SIGTERM, SIGHUP */
	SHUTDOWN_CAUSE_HOST_UI,	    /* the console user asked (Ctrl-A x) */
	SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
	SHUTDOWN_CAUSE_GUEST_RESET,
	SHUTDOWN_CAUSE_GUEST_PANIC,
	SHUTDOWN_CAUSE_HOST_QMP_QUIT,	      /* QMP quit, HMP quit: always ends the process */
	SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET, /* QMP system_reset, HMP system_reset */
} ShutdownCause;

/* Where the machine is, as query-status reports it. */
typedef enum RunState {
	RUN_STATE_PRELAUNCH, /* -S: not started yet */
	RUN_STATE_RUNNING,
	RUN_STATE_PAUSED,     /* stop */
	RUN_STATE_SHUTDOWN,   /* -no-shutdown after a guest poweroff */
	RUN_STATE_DEBUG,      /* stopped by the debugger */
	RUN_STATE_IO_ERROR,   /* a disk request failed with werror/rerror=stop */
	RUN_STATE_SAVE_VM,    /* savevm at work */
	RUN_STATE_RESTORE_VM, /* loadvm at work */
} RunState;

RunState runstate_get(void);
bool runstate_is_running(void);
/* "running", "paused", ... as QMP spells them. */
const char *runstate_name(RunState state);
/* Starts or resumes the harts (RESUME event); nothing if already running. */
void vm_start(void);
/* Stops them in state (STOP event); nothing if already stopped. */
void vm_stop(RunState state);
/* Another stopped state, without events (the VM is not running and stays so). */
void runstate_set(RunState state);
/* fn(opaque, running, state) after every vm_start and vm_stop that changed something. */
typedef void VMChangeStateHandler(void *opaque, bool running, RunState state);
void qemu_add_vm_change_state_handler(VMChangeStateHandler *fn, void *opaque);
void qemu_del_vm_change_state_handler(VMChangeStateHandler *fn, void *opaque);
/* The initial state: running, or prelaunch under -S; no event. */
void runstate_init(bool autostart);
/* The cause's name in SHUTDOWN and RESET events ("guest-shutdown", ...). */
const char *shutdown_cause_name(ShutdownCause cause);
/* Whether a guest (not the host) asked. */
bool shutdown_cause_is_guest(ShutdownCause cause);

/*
 * Asks the main loop to stop the VM in state (devices call it from their request paths,
 * where stopping at once would drain under them); the main loop takes it with
 * qemu_vmstop_requested(), RUN_STATE_RUNNING meaning none.
 */
void qemu_system_vmstop_request(RunState state);
RunState qemu_vmstop_requested(void);
/* Safe to call from signal handlers: sets a flag and wakes the main loop. */
void qemu_system_shutdown_request(ShutdownCause cause);
void qemu_system_reset_request(ShutdownCause cause);
/* Returns and clears the pending request, SHUTDOWN_CAUSE_NONE if there is none. */
ShutdownCause qemu_shutdown_requested(void);
ShutdownCause qemu_reset_requested(void);
/* A shutdown is requested (not cleared): for loops that wait outside the main loop. */
bool qemu_shutdown_pending(void);
/* The exit status the process ends with (guest finishers set it). */
void qemu_set_exit_status(int status);
int qemu_exit_status(void);
/* Hooks run before exit on every path (terminal restore, flushing files). */
/* Run in registration order at every system reset, after the devices and the board. */
void qemu_register_reset(void (*fn)(void *opaque), void *opaque);
void qemu_unregister_reset(void (*fn)(void *opaque), void *opaque);
void qemu_run_reset_handlers(void);

void qemu_add_exit_notifier(void (*fn)(void));
void qemu_run_exit_notifiers(void);

#endif
