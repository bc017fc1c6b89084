// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Breakpoints and single-stepping for the debugger: the set of breakpoint pcs (shared by all
 * harts, as gdb's are), each CPU's step flag, and the switch into and out of debug mode
 * (one-instruction blocks, no chaining), which flushes the translated code both ways.
 */
#include "qemu/osdep.h"
#include "accel/tcg/debug.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"

int tb_block_insn_limit = INT_MAX;
bool cpu_debug_mode;

typedef struct Watchpoint {
	uint64_t addr, len;
	int flags;
} Watchpoint;

static GArray *breakpoints; /* uint64_t pcs */
static GArray *watchpoints; /* Watchpoint */
static int stepping;	    /* CPUs with single-step on */
static void (*stop_handler)(CPUState *cpu);

static void update_mode(void)
{
	bool on =
	    stepping > 0 || (breakpoints && breakpoints->len) || (watchpoints && watchpoints->len);

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

/* The TLB flags watched pages; entries made before a change must go. */
static void watchpoints_changed(void)
{
	update_mode();
	for (int i = 0; i < nb_cpus; i++)
		tlb_flush(cpus[i]);
}

bool cpu_watchpoint_insert(uint64_t addr, uint64_t len, int flags)
{
	Watchpoint w = { addr, len ? len : 1, flags };

	if (!watchpoints)
		watchpoints = g_array_new(FALSE, FALSE, sizeof(Watchpoint));
	g_array_append_val(watchpoints, w);
	watchpoints_changed();
	return true;
}

bool cpu_watchpoint_remove(uint64_t addr, uint64_t len, int flags)
{
	for (guint i = 0; watchpoints && i < watchpoints->len; i++) {
		Watchpoint *w = &g_array_index(watchpoints, Watchpoint, i);

		if (w->addr == addr && w->len == (len ? len : 1) && w->flags == flags) {
			g_array_remove_index(watchpoints, i);
			watchpoints_changed();
			return true;
		}
	}
	return false;
}

static bool overlaps(const Watchpoint *w, uint64_t addr, uint64_t len)
{
	/* inclusive ends: a range at the top of the address space does not wrap */
	return addr <= w->addr + (w->len - 1) && w->addr <= addr + (len - 1);
}

static int access_flag(MMUAccessType access)
{
	return access == MMU_DATA_STORE ? BP_MEM_WRITE : BP_MEM_READ;
}

bool cpu_watchpoint_on_page(uint64_t vpage, MMUAccessType access)
{
	for (guint i = 0; watchpoints && i < watchpoints->len; i++) {
		Watchpoint *w = &g_array_index(watchpoints, Watchpoint, i);

		if ((w->flags & access_flag(access)) && overlaps(w, vpage, TARGET_PAGE_SIZE))
			return true;
	}
	return false;
}

/*
 * A hit stops the hart before the instruction takes effect, with pc at it, as gdb's RISC-V
 * target expects (it steps over the instruction itself): the access is abandoned through the
 * CPU loop's long jump, like a fault that changes nothing.
 */
bool cpu_check_watchpoint(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access)
{
	if (cpu->skip_watch_once)
		return false;
	for (guint i = 0; watchpoints && i < watchpoints->len; i++) {
		Watchpoint *w = &g_array_index(watchpoints, Watchpoint, i);

		if ((w->flags & access_flag(access)) && overlaps(w, addr, size)) {
			cpu->watch_hit = true;
			cpu->watch_addr = w->addr;
			cpu->watch_flags = w->flags;
			return true;
		}
	}
	return false;
}

void cpu_watchpoint_stop(CPUState *cpu)
{
	cpu->env->pc = cpu->insn_pc;
	siglongjmp(cpu->jmp_env, 1);
}

void cpu_breakpoint_remove_all(void)
{
	bool had_watch = watchpoints && watchpoints->len;

	if (breakpoints)
		g_array_set_size(breakpoints, 0);
	if (watchpoints)
		g_array_set_size(watchpoints, 0);
	if (had_watch)
		watchpoints_changed();
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
