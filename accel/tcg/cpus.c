// SPDX-License-Identifier: GPL-2.0-or-later
/* Runs every CPU round-robin on the main thread, one slice each, between main-loop polls. */
#include "qemu/osdep.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/debug.h"
#include "sysemu/cpus.h"
#include "sysemu/cpu-timers.h"

#define SLICE_INSNS 100000

bool cpus_run_slice(void)
{
	bool all_idle = true;

	for (int i = 0; i < nb_cpus; i++) {
		CPUState *cpu = cpus[i];
		CPUClass *cc = CPU_GET_CLASS(cpu);
		int64_t budget;

		if (cpu->halted && cc->has_work(cpu))
			cpu->halted = false;
		if (cpu->halted)
			continue;
		/* -icount: no further than the next virtual timer, which then fires on time */
		budget = icount_enabled() ? icount_budget(SLICE_INSNS) : SLICE_INSNS;
		if (budget <= 0) {
			all_idle = false; /* a timer is due: the main loop runs it first */
			break;
		}
		cpu_exec(cpu, budget);
		if (!cpu->halted)
			all_idle = false;
		/* a breakpoint or a step: the debugger stops every hart (all-stop) */
		if (unlikely(cpu->debug_stopped)) {
			cpu_debug_stopped(cpu);
			break;
		}
	}
	if (icount_enabled())
		icount_account();
	return all_idle;
}
