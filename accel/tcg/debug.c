// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Breakpoints and single-stepping for the debugger: the set of breakpoint pcs (shared by all
 * harts, as gdb's are), each CPU's step flag, and the switch into and out of debug mode
 * (one-instruction blocks, no chaining), which flushes the translated code both ways.
 */
#include "qemu/osdep.h"
#include "accel/tcg/debug.h"
#include "accel/tcg/tb.h"

int tb_block_insn_limit = INT_MAX;
bool cpu_debug_mode;

static GArray *breakpoints; /* uint64_t pcs */
static int stepping;	    /* CPUs with single-step on */
static void (*stop_handler)(CPUState *cpu);

static void update_mode(void)
{
	bool on = stepping > 0 || (breakpoints && breakpoints->len);

	if (on == cpu_debug_mode)
		return;
	cpu_debug_mode = on;
	tb_block_insn_limit = on ? 1 : INT_MAX;
	tb_flush();
}

bool cpu_breakpoint_at(uint64_t pc)
{
	for (guint i = 0; breakpoints && i < breakpoints->len; i++)
		if (g_array_index(breakpoints, uint64_t, i) == pc)
			return true;
	return false;
}

bool cpu_breakpoint_insert(uint64_t pc)
{
	if (!breakpoints)
		breakpoints = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	if (!cpu_breakpoint_at(pc))
		g_array_append_val(breakpoints, pc);
	update_mode();
	return true;
}

bool cpu_breakpoint_remove(uint64_t pc)
{
	for (guint i = 0; breakpoints && i < breakpoints->len; i++) {
		if (g_array_index(breakpoints, uint64_t, i) == pc) {
			g_array_remove_index(breakpoints, i);
			update_mode();
			return true;
		}
	}
	return false;
}

void cpu_breakpoint_remove_all(void)
{
	if (breakpoints)
		g_array_set_size(breakpoints, 0);
	update_mode();
}

void cpu_single_step(CPUState *cpu, bool on)
{
	if (cpu->singlestep == on)
		return;
	cpu->singlestep = on;
	stepping += on ? 1 : -1;
	update_mode();
}

void cpu_set_debug_stop_handler(void (*fn)(CPUState *cpu))
{
	stop_handler = fn;
}

void cpu_debug_stopped(CPUState *cpu)
{
	if (stop_handler)
		stop_handler(cpu);
}
