// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Execution under a debugger: breakpoints on guest pcs and single-stepping. While either is
 * in use, blocks hold one instruction and never chain, so the CPU loop can stop exactly before
 * a breakpoint's instruction or after one step, on either backend. Leaving debug mode flushes
 * the cache so that normal blocks come back. A stop is reported to the handler the debugger
 * registered (the gdbstub), from the CPU loop, between blocks.
 */
#ifndef ACCEL_TCG_DEBUG_H
#define ACCEL_TCG_DEBUG_H

#include "hw/core/cpu.h"

/* Instructions a block may hold: 1 in debug mode, else unlimited (the frontend's own cap). */
extern int tb_block_insn_limit;
/* Debug mode: some breakpoint exists or some CPU steps. The CPU loop checks it per block. */
extern bool cpu_debug_mode;

bool cpu_breakpoint_insert(uint64_t pc);
bool cpu_breakpoint_remove(uint64_t pc);
/* Every breakpoint and watchpoint. */
void cpu_breakpoint_remove_all(void);
bool cpu_breakpoint_at(uint64_t pc);

/* Watchpoints: [addr, addr + len) for reads, writes or both. */
#define BP_MEM_READ  1
#define BP_MEM_WRITE 2
bool cpu_watchpoint_insert(uint64_t addr, uint64_t len, int flags);
bool cpu_watchpoint_remove(uint64_t addr, uint64_t len, int flags);
/* Whether the virtual page holds a watchpoint for that access (the TLB flags it). */
bool cpu_watchpoint_on_page(uint64_t vpage, MMUAccessType access);
/* From the memory slow path: records a hit (true) for cpu_watchpoint_stop() to act on. */
bool cpu_check_watchpoint(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access);
/* Abandons the instruction (pc back at it) and leaves to the CPU loop, which stops. */
QEMU_NORETURN void cpu_watchpoint_stop(CPUState *cpu);

/* The CPU executes one instruction (with interrupts held off) and then stops. */
void cpu_single_step(CPUState *cpu, bool on);

/* Called when a CPU stopped at a breakpoint or after its step. */
void cpu_set_debug_stop_handler(void (*fn)(CPUState *cpu));
/* For the CPU loop: the CPU stopped (cpu->debug_stopped is set); runs the handler. */
void cpu_debug_stopped(CPUState *cpu);

#endif
