// SPDX-License-Identifier: GPL-2.0-or-later
/* Translation blocks, their cache, and the execution loop that runs them. */
#ifndef ACCEL_TCG_TB_H
#define ACCEL_TCG_TB_H

#include "hw/core/cpu.h"

typedef struct InterpCode InterpCode;
typedef struct NativeCode NativeCode;

struct TranslationBlock {
	uint64_t pc;	  /* guest virtual address of the first instruction */
	uint64_t phys_pc; /* its physical address: the cache key with pc and flags */
	uint32_t flags;
	uint32_t icount;	/* guest instructions in the block */
	uint8_t fetch_mmu_idx;	/* the TLB its instructions are fetched through */
	uint64_t size;		/* guest bytes */
	uint64_t phys_page2;	/* second physical page for a block ending across a page, or -1 */
	bool invalid;		/* its code was overwritten: never run or chain to it again */
	InterpCode *code;	/* the interpreter's form, or NULL when native is set */
	NativeCode *native;	/* host code, when the native backend compiled the block */
	const void *host_entry; /* where native jumps to it go: its chained entry, or the exit */
	TranslationBlock *jmp_dest[2]; /* chained successors for goto_tb slots */
	/* The blocks chained to this one, as tagged (block | slot) links through their jmp_next. */
	uintptr_t jmp_incoming;
	uintptr_t jmp_next[2];
	TranslationBlock *hash_next;
	TranslationBlock *all_next;
};

/*
 * A CPU's jump cache index for a block at pc: the high bits from the page number, the low
 * ones from the offset in the page, so that a page's blocks share one run of entries and a
 * page flush clears two runs (the page's and the one before, whose blocks may end on it).
 * The offset bits are used as they are, so blocks within 1 KiB never collide (folding them
 * made pairs in one loop evict each other). Generated code computes the same
 * (accel/tcg/x86_64/backend.c).
 */
#define TB_JMP_OFF_MASK	 ((1u << TB_JMP_OFF_BITS) - 1)
#define TB_JMP_PAGE_MASK ((1u << TB_JMP_PAGE_BITS) - 1)
#define TB_JMP_HI_SHIFT	 (TARGET_PAGE_BITS - TB_JMP_OFF_BITS)
static inline unsigned tb_jmp_cache_index(uint64_t pc)
{
	/* Page bits 0-6 ^ 7-13 above offset bits 1-9. */
	unsigned hi = ((pc ^ pc >> TB_JMP_PAGE_BITS) >> TB_JMP_HI_SHIFT) &
		      (TB_JMP_PAGE_MASK << TB_JMP_OFF_BITS);
	unsigned lo = (pc >> 1) & TB_JMP_OFF_MASK;

	return hi | lo;
}

/* Result of running a block: which goto_tb slot it left through, or -1 (exit_tb). */
int interp_exec(CPUState *cpu, TranslationBlock *tb);
InterpCode *interp_compile(const IRBlock *b);
void interp_free(InterpCode *code);

TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t phys_pc, uint32_t flags);
TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t phys_pc, uint32_t flags);
/* Drops every block (cache full); safe only between blocks. */
void tb_flush(void);
/* Invalidates the blocks translated from [paddr, paddr + len): their guest code changed. */
void tb_invalidate_phys_range(uint64_t paddr, uint64_t len);
/* Whether a physical page holds translated code (its stores must invalidate). */
bool tb_page_has_code(uint64_t ppage);
uint64_t tb_count(void);
/* Empties one CPU's virtual-pc lookup cache (after a TLB flush). */
void tb_jmp_cache_clear(CPUState *cpu);
/* Forgets the entries for blocks starting in vaddr's page (a block may run into the next). */
void tb_jmp_cache_clear_page(CPUState *cpu, uint64_t vaddr);

/* Runs one block with whichever backend compiled it; returns the goto_tb slot or -1. */
int tb_exec(CPUState *cpu, TranslationBlock *tb);
/* -accel tcg,backend=native|interp; errors name the parameter as QEMU's do. */
bool tcg_set_backend(const char *name, Error **errp);

/* -perfmap: each native block's code range goes to /tmp/perf-PID.map for perf to name. */
bool tcg_perfmap_open(Error **errp);

/* Runs the CPU for about budget instructions; returns how many it ran. */
int64_t cpu_exec(CPUState *cpu, int64_t budget);

#endif
