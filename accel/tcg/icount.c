// SPDX-License-Identifier: GPL-2.0-or-later
/* -icount: a virtual clock made of the guest instructions retired (see sysemu/cpu-timers.h). */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/option.h"
#include "qemu/cutils.h"
#include "hw/core/cpu.h"
#include "sysemu/cpu-timers.h"

#define MAX_ICOUNT_SHIFT 10
#define AUTO_START_SHIFT 3
#define ALIGN_SLACK_NS	 (10 * SCALE_MS) /* ahead of the host by less is not worth a sleep */

static bool enabled, adaptive, sleep_on = true, align_on;
static int shift;
static int64_t bias;	    /* virtual ns not made of instructions (warps, shift changes) */
static int64_t real_start;  /* realtime when the clock started, for auto and align */
static int64_t last_adjust; /* realtime of the last shift=auto look */

static uint64_t insns_retired(void)
{
	uint64_t n = 0;

	for (int i = 0; i < nb_cpus; i++)
		n += cpu_icount(cpus[i]->env);
	return n;
}

bool icount_enabled(void)
{
	return enabled;
}

int64_t icount_get_ns(void)
{
	return bias + (int64_t)(insns_retired() << shift);
}

void icount_set_ns(int64_t ns)
{
	bias = ns - (int64_t)(insns_retired() << shift);
}

bool icount_configure(const char *arg, Error **errp)
{
	QemuOpts *opts = qemu_opts_parse_noisily(arg, "shift", errp);
	const char *s, *rr;
	Error *err = NULL;
	bool ok = false;
	uint64_t n;

	if (!opts)
		return false;
	s = qemu_opt_get(opts, "shift");
	sleep_on = qemu_opt_get_bool(opts, "sleep", true, &err);
	if (!err)
		align_on = qemu_opt_get_bool(opts, "align", false, &err);
	rr = qemu_opt_get(opts, "rr");
	qemu_opt_get(opts, "rrfile");
	qemu_opt_get(opts, "rrsnapshot");
	if (err || !qemu_opts_check_unused(opts, &err)) {
		error_propagate(errp, err);
		goto out;
	}
	if (align_on && !s) {
		error_setg(errp, "Please specify shift option when using align");
		goto out;
	}
	if (align_on && !sleep_on) {
		error_setg(errp, "align=on and sleep=off are incompatible");
		goto out;
	}
	if (!s) {
		/* as QEMU 7.2: without shift= there is no icount at all */
		ok = true;
		goto out;
	}
	if (rr && strcmp(rr, "off")) {
		error_setg(errp, "record/replay (rr=%s) is not available in Quicksilver", rr);
		goto out;
	}
	if (!strcmp(s, "auto")) {
		adaptive = true;
		shift = AUTO_START_SHIFT;
	} else if (qemu_strtou64(s, &n) < 0 || n > MAX_ICOUNT_SHIFT) {
		error_setg(errp, "icount: Invalid shift value");
		goto out;
	} else {
		shift = n;
	}
	enabled = true;
	real_start = last_adjust = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
	ok = true;
out:
	qemu_opts_free(opts);
	return ok;
}

/* Instructions to the next virtual deadline, rounded up so the deadline is reached. */
int64_t icount_budget(int64_t max)
{
	int64_t left = timer_deadline_ns(QEMU_CLOCK_VIRTUAL);

	if (left < 0)
		return max;
	return MIN(max, (left + (1 << shift) - 1) >> shift);
}

void icount_idle(void)
{
	int64_t left = timer_deadline_ns(QEMU_CLOCK_VIRTUAL), t0, slept;

	if (!sleep_on) {
		/* Nothing runs until the next timer: it is now (nothing at all: wait for I/O). */
		if (left > 0)
			bias += left;
		main_loop_wait(left < 0 ? -1 : 0);
		return;
	}
	t0 = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
	main_loop_wait(left);
	slept = qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - t0;
	bias += left < 0 ? slept : MIN(slept, left);
}

void icount_account(void)
{
	int64_t real = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
	int64_t ahead = icount_get_ns() - (real - real_start);

	if (adaptive && real - last_adjust > 100 * SCALE_MS) {
		int64_t now = icount_get_ns();
		int old = shift;

		last_adjust = real;
		if (ahead > 0 && shift > 0)
			shift--;
		else if (ahead < 0 && shift < MAX_ICOUNT_SHIFT)
			shift++;
		if (shift != old)
			bias =
			    now - (int64_t)(insns_retired() << shift); /* the clock does not jump */
	}
	if (align_on && ahead > ALIGN_SLACK_NS)
		g_usleep(MIN(ahead, 100 * SCALE_MS) / SCALE_US);
}
