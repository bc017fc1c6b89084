// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The translation-block cache: blocks keyed by (physical pc, virtual pc, state flags) in a
 * hash table shared by all CPUs, plus a small direct-mapped cache per CPU by virtual pc that
 * answers most lookups with one compare. Each physical page holding code lists its blocks;
 * a write to such a page (a guest store, DMA, the loader) invalidates them, so FENCE.I has
 * nothing left to do. Invalid blocks keep their memory until the cache is flushed whole.
 * A block's goto_tb exits are chained to their successors (native code jumps straight
 * there); each block lists the blocks chained to it so invalidating it can unchain them.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/debug.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/native.h"
#include "accel/tcg/optimize.h"
#include "disas/host.h"

#define TB_HASH_BITS  18
#define TB_MAX_BLOCKS (1 << 18) /* past this many the cache starts over */

static TranslationBlock *tb_hash[1 << TB_HASH_BITS];
static TranslationBlock *tb_all;
static uint64_t nb_tbs;
static uint64_t flush_count;   /* lets a caller notice that its block pointers died */
static IRBlock ir_scratch;     /* translation is single-threaded */
static GHashTable *code_pages; /* physical page -> GPtrArray of its blocks */
/* Blocks may run into each other without the loop: off while the loop must see every block. */
static bool chaining;

/* Blocks are compiled to host code where a native backend exists; -accel tcg,backend= picks. */
bool tcg_native = TCG_HAS_NATIVE;

bool tcg_set_backend(const char *name, Error **errp)
{
	if (!strcmp(name, "interp")) {
		tcg_native = false;
		return true;
	}
	if (!strcmp(name, "native") && TCG_HAS_NATIVE) {
		tcg_native = true;
		return true;
	}
	error_setg(errp, "Parameter 'backend' does not accept value '%s'", name);
	error_append_hint(errp, TCG_HAS_NATIVE
				    ? "Backends: native, interp\n"
				    : "Backends: interp (no native backend for this host)\n");
	return false;
}

static unsigned tb_hash_of(uint64_t phys_pc, uint64_t pc, uint32_t flags)
{
	uint64_t h = (phys_pc ^ (pc << 7) ^ ((uint64_t)flags << 29)) * 0x9e3779b97f4a7c15ULL;
	return h >> (64 - TB_HASH_BITS);
}

static void tb_jmp_cache_clear_run(CPUState *cpu, unsigned run)
{
	if (!cpu->jmp_run_used[run])
		return;
	memset(&cpu->env->jmp_cache[run << TB_JMP_OFF_BITS], 0,
	       sizeof(TranslationBlock *) << TB_JMP_OFF_BITS);
	cpu->jmp_run_used[run] = false;
}

/* Only the runs used since they were last emptied (the cache is 512 KiB). */
void tb_jmp_cache_clear(CPUState *cpu)
{
	for (unsigned run = 0; run < ARRAY_SIZE(cpu->jmp_run_used); run++)
		tb_jmp_cache_clear_run(cpu, run);
}

static void tb_jmp_cache_set(CPUState *cpu, unsigned j, TranslationBlock *tb)
{
	cpu->env->jmp_cache[j] = tb;
	cpu->jmp_run_used[j >> TB_JMP_OFF_BITS] = true;
}

void tb_jmp_cache_clear_page(CPUState *cpu, uint64_t vaddr)
{
	/* The runs of vaddr's page and of the page before, whose blocks may end on it. */
	tb_jmp_cache_clear_run(cpu, tb_jmp_cache_index(vaddr) >> TB_JMP_OFF_BITS);
	tb_jmp_cache_clear_run(cpu,
			       tb_jmp_cache_index(vaddr - TARGET_PAGE_SIZE) >> TB_JMP_OFF_BITS);
}

/* No CPU's jump cache may hand out tb any more. */
static void tb_jmp_cache_remove(TranslationBlock *tb)
{
	unsigned j = tb_jmp_cache_index(tb->pc);

	for (int i = 0; i < nb_cpus; i++)
		if (cpus[i]->env->jmp_cache[j] == tb)
			cpus[i]->env->jmp_cache[j] = NULL;
}

uint64_t tb_count(void)
{
	return nb_tbs;
}

void tb_flush(void)
{
	while (tb_all) {
		TranslationBlock *next = tb_all->all_next;
		interp_free(tb_all->code);
		native_free(tb_all->native);
		g_free(tb_all);
		tb_all = next;
	}
	native_reset();
	memset(tb_hash, 0, sizeof(tb_hash));
	nb_tbs = 0;
	flush_count++;
	if (code_pages)
		g_hash_table_remove_all(code_pages);
	/* TLB entries may carry TLB_NOTDIRTY for pages that hold no code any more. */
	for (int i = 0; i < nb_cpus; i++)
		tlb_flush(cpus[i]);
}

bool tb_page_has_code(uint64_t ppage)
{
	return code_pages && g_hash_table_contains(code_pages, GSIZE_TO_POINTER(ppage));
}

/* Sets or clears TLB_NOTDIRTY on every CPU's write entries for ppage. */
static void tlb_mark_code_page(uint64_t ppage, bool has_code)
{
	for (int c = 0; c < nb_cpus; c++) {
		CPUCommonEnv *env = cpus[c]->env;
		for (int m = 0; m < NB_MMU_MODES; m++) {
			for (int i = 0; i < TLB_SIZE; i++) {
				CPUTLBEntry *e = &env->tlb[m][i];
				if (env->tlb_phys[m][i].paddr != ppage ||
				    (e->addr_write & TLB_INVALID) || (e->addr_write & TLB_MMIO))
					continue;
				if (has_code)
					e->addr_write |= TLB_NOTDIRTY;
				else
					e->addr_write &= ~TLB_NOTDIRTY;
			}
		}
	}
}

static void page_add_tb(uint64_t ppage, TranslationBlock *tb)
{
	GPtrArray *list;

	if (!code_pages) {
		code_pages = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
						   (GDestroyNotify)g_ptr_array_unref);
		/* Device and loader writes to memory invalidate code too. */
		address_space_set_write_notifier(tb_invalidate_phys_range);
	}
	list = g_hash_table_lookup(code_pages, GSIZE_TO_POINTER(ppage));
	if (!list) {
		list = g_ptr_array_new();
		g_hash_table_insert(code_pages, GSIZE_TO_POINTER(ppage), list);
		tlb_mark_code_page(ppage, true);
	}
	g_ptr_array_add(list, tb);
}

static void tb_hash_remove(TranslationBlock *tb)
{
	TranslationBlock **p = &tb_hash[tb_hash_of(tb->phys_pc, tb->pc, tb->flags)];

	for (; *p; p = &(*p)->hash_next) {
		if (*p == tb) {
			*p = tb->hash_next;
			return;
		}
	}
}

static const CPUClass *cpu_class(CPUState *cpu)
{
	if (unlikely(!cpu->cc))
		cpu->cc = CPU_GET_CLASS(cpu);
	return cpu->cc;
}

/* Chains from's goto_tb slot to to: native code jumps there, the loop follows jmp_dest. */
static void tb_add_jump(TranslationBlock *from, int slot, TranslationBlock *to)
{
	if (from->jmp_dest[slot])
		return;
	from->jmp_dest[slot] = to;
	from->jmp_next[slot] = to->jmp_incoming;
	to->jmp_incoming = (uintptr_t)from | slot;
	if (from->native && to->native)
		native_set_jump(from, slot, to);
}

/* Takes the link (from, slot) out of the list of the block it points at. */
static void tb_remove_jump(TranslationBlock *from, int slot)
{
	TranslationBlock *to = from->jmp_dest[slot];
	uintptr_t *link = &to->jmp_incoming, me = (uintptr_t)from | slot;

	while (*link != me) {
		TranslationBlock *t = (TranslationBlock *)(*link & ~(uintptr_t)1);
		link = &t->jmp_next[*link & 1];
	}
	*link = from->jmp_next[slot];
	from->jmp_dest[slot] = NULL;
	if (from->native)
		native_set_jump(from, slot, NULL);
}

/* Nothing may run into tb any more, and it points nowhere. */
static void tb_unchain(TranslationBlock *tb)
{
	while (tb->jmp_incoming) {
		TranslationBlock *from = (TranslationBlock *)(tb->jmp_incoming & ~(uintptr_t)1);
		tb_remove_jump(from, tb->jmp_incoming & 1);
	}
	for (int slot = 0; slot < 2; slot++)
		if (tb->jmp_dest[slot])
			tb_remove_jump(tb, slot);
}

static void tb_invalidate_page(uint64_t ppage)
{
	GPtrArray *list = g_hash_table_lookup(code_pages, GSIZE_TO_POINTER(ppage));

	for (guint i = 0; i < list->len; i++) {
		TranslationBlock *tb = g_ptr_array_index(list, i);
		if (tb->invalid)
			continue;
		tb->invalid = true;
		tb_hash_remove(tb);
		tb_unchain(tb);
		tb_jmp_cache_remove(tb);
	}
	g_hash_table_remove(code_pages, GSIZE_TO_POINTER(ppage));
	tlb_mark_code_page(ppage, false);
	/*
	 * A block looping in its own code cannot be unchained: whoever wrote (a guest store, a
	 * device's DMA), running native code stops at its next block head or loop turn.
	 */
	for (int i = 0; i < nb_cpus; i++)
		cpu_stop_chain(cpus[i]->env);
}

void tb_invalidate_phys_range(uint64_t paddr, uint64_t len)
{
	uint64_t first = paddr & TARGET_PAGE_MASK;
	uint64_t last = (paddr + len - 1) & TARGET_PAGE_MASK;

	if (!code_pages || !g_hash_table_size(code_pages) || !len)
		return;
	for (uint64_t p = first;; p += TARGET_PAGE_SIZE) {
		if (tb_page_has_code(p))
			tb_invalidate_page(p);
		if (p == last)
			break;
	}
}

TranslationBlock *tb_lookup(CPUState *cpu, uint64_t pc, uint64_t phys_pc, uint32_t flags)
{
	TranslationBlock *tb = tb_hash[tb_hash_of(phys_pc, pc, flags)];

	for (; tb; tb = tb->hash_next)
		if (tb->pc == pc && tb->phys_pc == phys_pc && tb->flags == flags)
			return tb;
	return NULL;
}

/*
 * -d out_asm: a natively compiled block's host code under QEMU's "OUT: [size=N]" header. A
 * block the interpreter runs has no host code; a note says so, so no block goes missing.
 */
static FILE *perfmap;

bool tcg_perfmap_open(Error **errp)
{
	char *path = g_strdup_printf("/tmp/perf-%d.map", getpid());

	perfmap = fopen(path, "w");
	if (!perfmap)
		error_setg_errno(errp, errno, "could not open '%s'", path);
	g_free(path);
	return perfmap != NULL;
}

static void perfmap_add(const TranslationBlock *tb)
{
	const void *start;
	size_t size;

	native_code_span(tb->native, &start, &size);
	fprintf(perfmap, "%" PRIxPTR " %zx guest-0x%" PRIx64 "\n", (uintptr_t)start, size, tb->pc);
	fflush(perfmap);
}

static void log_out_asm(const NativeCode *code)
{
	const void *start = NULL;
	size_t size = 0;

	if (code)
		native_code_span(code, &start, &size);
	if (!start) {
		qemu_log("OUT: [interpreted, no host code]\n\n");
		return;
	}
	qemu_log("OUT: [size=%zu]\n", size);
	host_disas(qemu_log_file(), start, size);
	qemu_log("\n");
}

TranslationBlock *tb_gen_code(CPUState *cpu, uint64_t pc, uint64_t phys_pc, uint32_t flags)
{
	CPUClass *cc = CPU_GET_CLASS(cpu);
	unsigned h = tb_hash_of(phys_pc, pc, flags);
	TranslationBlock *tb;
	uint64_t size;
	int icount;

	/* Translating may fault (a fetch on the next page) and long-jump away: allocate after. */
	ir_block_init(&ir_scratch);
	icount = cc->translate(cpu, &ir_scratch, pc, flags, &size);
	tb = g_new0(TranslationBlock, 1);
	tb->pc = pc;
	tb->phys_pc = phys_pc;
	tb->flags = flags;
	tb->icount = icount;
	tb->size = size;
	tb->fetch_mmu_idx = cc->fetch_mmu_idx(flags);
	/* A frontend must end blocks before the IR runs out of room; running one would be wrong. */
	if (ir_scratch.overflow) {
		fprintf(stderr, "IR block overflow translating 0x%" PRIx64 "\n", pc);
		abort();
	}
	if (qemu_loglevel_mask(CPU_LOG_TB_OP)) {
		qemu_log("OP: block at 0x%" PRIx64 "\n", pc);
		ir_dump(&ir_scratch, qemu_log_file());
		qemu_log("\n");
	}
	/* backend=interp runs the IR as translated: the reference for the optimizer too. */
	if (tcg_native) {
		ir_optimize(&ir_scratch);
		if (qemu_loglevel_mask(CPU_LOG_TB_OP_OPT)) {
			qemu_log("OP after optimization: block at 0x%" PRIx64 "\n", pc);
			ir_dump(&ir_scratch, qemu_log_file());
			qemu_log("\n");
		}
		tb->native = native_compile(&ir_scratch, tb);
	}
	if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM))
		log_out_asm(tb->native);
	if (perfmap && tb->native)
		perfmap_add(tb);
	if (!tb->native)
		tb->code = interp_compile(&ir_scratch);
	tb->host_entry = tb->native ? native_chain_entry(tb) : native_exit_code();
	tb->phys_page2 = -1;
	if (((pc ^ (pc + tb->size - 1)) & TARGET_PAGE_MASK) != 0)
		tb->phys_page2 = cpu_code_phys(cpu, pc + tb->size - 1, cc->fetch_mmu_idx(flags)) &
				 TARGET_PAGE_MASK;
	page_add_tb(phys_pc & TARGET_PAGE_MASK, tb);
	if (tb->phys_page2 != (uint64_t)-1)
		page_add_tb(tb->phys_page2, tb);
	tb->hash_next = tb_hash[h];
	tb_hash[h] = tb;
	tb->all_next = tb_all;
	tb_all = tb;
	nb_tbs++;
	return tb;
}

/*
 * The block translated for pc and flags: from the jump cache, else from the hash table by
 * the physical address (which the jump cache then learns), else NULL with that address in
 * *phys. Faults in fetching do not return.
 */
static TranslationBlock *tb_find_translated(CPUState *cpu, uint64_t pc, uint32_t flags,
					    uint64_t *phys)
{
	unsigned j = tb_jmp_cache_index(pc);
	TranslationBlock *tb = cpu->env->jmp_cache[j];

	if (likely(tb && tb->pc == pc && tb->flags == flags))
		return tb;
	*phys = cpu_code_phys(cpu, pc, cpu_class(cpu)->fetch_mmu_idx(flags));
	tb = tb_lookup(cpu, pc, *phys, flags);
	if (tb)
		tb_jmp_cache_set(cpu, j, tb);
	return tb;
}

/* The block to run at the CPU's pc, translated if new. Faults in fetching do not return. */
static TranslationBlock *tb_find(CPUState *cpu)
{
	uint64_t pc = cpu->env->pc, phys;
	uint32_t flags = cpu_class(cpu)->tb_flags(cpu);
	TranslationBlock *tb = tb_find_translated(cpu, pc, flags, &phys);

	if (tb)
		return tb;
	if (nb_tbs >= TB_MAX_BLOCKS || native_code_full())
		tb_flush();
	tb = tb_gen_code(cpu, pc, phys, flags);
	tb_jmp_cache_set(cpu, tb_jmp_cache_index(pc), tb);
	return tb;
}

/* Runs tb (and, natively, what it chains to); *last is the block that left, slot its exit. */
static int tb_run(CPUState *cpu, TranslationBlock *tb, TranslationBlock **last)
{
	/* Chained native blocks count in their heads; the loop enters past that. */
	cpu->env->icount_left -= tb->icount;
	if (tb->native)
		return native_exec(cpu, tb, last);
	*last = tb;
	return interp_exec(cpu, tb);
}

int tb_exec(CPUState *cpu, TranslationBlock *tb)
{
	TranslationBlock *last;

	return tb_run(cpu, tb, &last);
}

/*
 * A direct jump may skip the lookup only within the page the block started in, to a block
 * that stays on that page (a remapped page is noticed by the lookup, not by a patched jump).
 */
static bool can_chain(TranslationBlock *from, TranslationBlock *to)
{
	return ((from->pc ^ to->pc) & TARGET_PAGE_MASK) == 0 && to->phys_page2 == (uint64_t)-1 &&
	       from->flags == to->flags;
}

bool tb_native_chaining(void)
{
	return !qemu_loglevel_mask(CPU_LOG_EXEC | CPU_LOG_TB_CPU | CPU_LOG_TB_NOCHAIN);
}

/*
 * The native block for the CPU's state when one is translated, else NULL: the loop
 * translates it (generated code must not be replaced under its feet).
 */
static TranslationBlock *tb_native_next(CPUCommonEnv *env)
{
	CPUState *cpu = env->cpu;
	TranslationBlock *tb;
	uint64_t phys;

	if (!chaining)
		return NULL;
	tb = tb_find_translated(cpu, env->pc, cpu_class(cpu)->tb_flags(cpu), &phys);
	return tb && tb->native ? tb : NULL;
}

const void *tb_native_lookup(CPUCommonEnv *env)
{
	TranslationBlock *tb = tb_native_next(env);

	return tb ? native_chain_entry(tb) : native_exit_code();
}

const void *tb_native_goto(CPUCommonEnv *env, uintptr_t from_slot)
{
	TranslationBlock *from = (TranslationBlock *)(from_slot & ~(uintptr_t)1);
	TranslationBlock *tb = tb_native_next(env);
	int slot = from_slot & 1;

	if (!tb)
		return native_slot_exit(from, slot);
	if (can_chain(from, tb)) {
		tb_add_jump(from, slot, tb);
	} else if (from->flags == tb->flags && tb->phys_page2 == (uint64_t)-1) {
		/*
		 * Across pages, the patched code checks that the code TLB maps the page to tb's
		 * before going: refill the entry, which data accesses or a flush may have taken
		 * (blocks found in the jump cache are not fetched again), or it would never pass.
		 */
		cpu_code_phys(env->cpu, env->pc, tb->fetch_mmu_idx);
		/* The walk may have set an A bit on a page holding code, invalidating either block. */
		if (from->invalid || tb->invalid)
			return native_exit_code();
		tb_add_jump(from, slot, tb);
	}
	return native_chain_entry(tb);
}

/* The block after last left through slot: its chained successor, or found and chained now. */
static TranslationBlock *tb_next(CPUState *cpu, TranslationBlock *last, int slot)
{
	TranslationBlock *next = last->jmp_dest[slot];
	uint64_t flushes = flush_count;

	/* A successor on another page is trusted only by native code, which checks the TLB. */
	if (next && next->pc == cpu->env->pc && can_chain(last, next))
		return next;
	next = tb_find(cpu);
	/* Patched native jumps would hide blocks from -d exec,cpu: no chaining while tracing. */
	if (chaining && flushes == flush_count && can_chain(last, next))
		tb_add_jump(last, slot, next);
	return next;
}

/* Debug mode: stop before the instruction at a breakpoint (unless resuming from it). */
static bool debug_stop_before(CPUState *cpu)
{
	bool skip = cpu->skip_bp_once;

	cpu->skip_bp_once = false;
	if (skip || !cpu_breakpoint_at(cpu->env->pc))
		return false;
	cpu->debug_stopped = true;
	return true;
}

int64_t cpu_exec(CPUState *cpu, int64_t budget)
{
	const CPUClass *cc = cpu_class(cpu);
	CPUCommonEnv *env = cpu->env;
	const uint64_t start = cpu_icount(env);
	volatile int64_t faults = 0;
	TranslationBlock *tb, *last;
	bool trace = qemu_loglevel_mask(CPU_LOG_EXEC | CPU_LOG_TB_CPU);
	int slot;

	chaining = tb_native_chaining() && !cpu_debug_mode;
	/* Guest exceptions long-jump back here with the trap already taken. */
	/* A fault counts as work done, so even a guest stuck in a fault loop yields to the main loop. */
	if (sigsetjmp(cpu->jmp_env, 0)) {
		faults++;
		if (cpu->watch_hit) { /* stopped before an access to a watched address */
			cpu->debug_stopped = true;
			return cpu_icount(env) - start + faults;
		}
		/* a step that trapped has stepped: it stops at the handler's first instruction */
		if (cpu->singlestep) {
			cpu->debug_stopped = true;
			return cpu_icount(env) - start + faults;
		}
	}
	tb = NULL;
	while ((int64_t)(cpu_icount(env) - start) + faults < budget) {
		if (unlikely(cpu_debug_mode) && debug_stop_before(cpu))
			break;
		/* a step runs with interrupts held off, as QEMU's gdbstub steps */
		if (cpu->interrupt_request && !cpu->singlestep) {
			cpu->interrupt_request = 0;
			tb = NULL;
			if (cc->exec_interrupt(cpu))
				cpu->halted = false;
		}
		if (cpu->halted)
			break;
		cpu_icount_budget(env, budget - faults - (int64_t)(cpu_icount(env) - start));
		if (!tb)
			tb = tb_find(cpu);
		if (trace && qemu_loglevel_mask(CPU_LOG_EXEC))
			qemu_log("Trace %d: 0x%" PRIx64 "\n", cpu->cpu_index, tb->pc);
		if (trace && qemu_loglevel_mask(CPU_LOG_TB_CPU))
			cc->dump_state(cpu, qemu_log_file());
		if (unlikely(cpu_debug_mode))
			cpu->insn_pc = env->pc;
		slot = tb_run(cpu, tb, &last);
		if (unlikely(cpu_debug_mode)) {
			tb = NULL; /* one instruction per block: look at the next pc first */
			cpu->skip_watch_once = false;
			if (cpu->singlestep) {
				cpu->debug_stopped = true;
				break;
			}
			continue;
		}
		tb = slot >= 0 && !qemu_loglevel_mask(CPU_LOG_TB_NOCHAIN) ? tb_next(cpu, last, slot)
									  : NULL;
	}
	return cpu_icount(env) - start + faults;
}
