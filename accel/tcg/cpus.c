// SPDX-License-Identifier: GPL-2.0-or-later
/* Runs every CPU round-robin on the main thread, one slice each, between main-loop polls. */
#include "qemu/osdep.h"
#include "accel/tcg/tb.h"
#include "sysemu/cpus.h"

#define SLICE_INSNS 100000

bool cpus_run_slice(void)
{
	bool all_idle = true;

	for (int i = 0; i < nb_cpus; i++) {
		CPUState *cpu = cpus[i];
		CPUClass *cc = CPU_GET_CLASS(cpu);

		if (cpu->halted && cc->has_work(cpu))
			cpu->halted = false;
		if (cpu->halted)
			continue;
		cpu_exec(cpu, SLICE_INSNS);
		if (!cpu->halted)
			all_idle = false;
	}
	return all_idle;
}
