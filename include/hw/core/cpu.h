// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The CPU base type shared by all targets. A target's state struct starts with CPUCommonEnv,
 * which holds what the accelerator touches on every guest access: the pc, the block-local IR
 * temps and the software TLB. Keeping them at fixed offsets from the state pointer lets the
 * interpreter and generated code reach them with one base register.
 */
#ifndef HW_CORE_CPU_H
#define HW_CORE_CPU_H

#include <setjmp.h>
#include "hw/qdev-core.h"
#include "exec/memory.h"
#include "accel/tcg/ir.h"

#define TYPE_CPU "cpu"

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1ULL << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))

#define NB_MMU_MODES 4
#define TLB_BITS     12
#define TLB_SIZE     (1 << TLB_BITS)

/* Low bits of a TLB tag that force the slow path (the page-aligned tag never has them). */
#define TLB_INVALID (1ULL << 0)
#define TLB_MMIO    (1ULL << 1)
/* RAM page holding translated code: stores take the slow path and invalidate it. */
#define TLB_NOTDIRTY (1ULL << 2)
/* The page holds a debugger's watchpoint: accesses take the slow path, which checks them. */
#define TLB_WATCH (1ULL << 3)

typedef enum MMUAccessType {
	MMU_DATA_LOAD = 0,
	MMU_DATA_STORE = 1,
	MMU_INST_FETCH = 2
} MMUAccessType;

typedef struct CPUTLBEntry {
	uint64_t addr_read; /* page tag, or tag | TLB_* flags, or TLB_INVALID */
	uint64_t addr_write;
	uint64_t addr_code;
	uintptr_t addend; /* host address = addend + guest virtual address (RAM pages) */
} CPUTLBEntry;

typedef struct CPUTLBPhys {
	uint64_t paddr; /* physical page of the entry */
	bool nocache;	/* valid for the access that filled it only (sub-page protection) */
} CPUTLBPhys;

typedef struct CPUState CPUState;
typedef struct TranslationBlock TranslationBlock;
#define TB_JMP_CACHE_BITS 16
#define TB_JMP_CACHE_SIZE (1 << TB_JMP_CACHE_BITS)
#define TB_JMP_OFF_BITS	  9 /* a page's run of entries: 512, from offset bits 1-9 */
#define TB_JMP_PAGE_BITS  (TB_JMP_CACHE_BITS - TB_JMP_OFF_BITS)

typedef struct CPUCommonEnv {
	uint64_t pc;
	/*
	 * The slice's instruction budget, counted down by each block as it starts (a whole
	 * block at once); chained native code leaves when a block's count does not fit, or at
	 * once when cpu_stop_chain() zeroes it. Retired instructions: cpu_icount().
	 */
	int64_t icount_left;
	int64_t icount_slice; /* what icount_left was set to */
	uint64_t icount_base; /* instructions retired before that */
	uint64_t temps[IR_MAX_LOCALS];
	/* The last block per virtual pc (index: tb_jmp_cache_index); generated code reads it. */
	TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];
	CPUTLBEntry tlb[NB_MMU_MODES][TLB_SIZE];
	CPUTLBPhys tlb_phys[NB_MMU_MODES][TLB_SIZE];
	CPUState *cpu;
} CPUCommonEnv;

struct CPUState {
	DeviceState parent_obj;
	int cpu_index;
	CPUCommonEnv *env; /* the target state, which starts with CPUCommonEnv */
	AddressSpace *as;
	bool halted;			/* WFI: waiting for an interrupt */
	volatile int interrupt_request; /* non-zero: leave the block loop and look at interrupts */
	sigjmp_buf jmp_env;
	const struct CPUClass *cc; /* the class, cached: the execution loop asks it per block */
	bool jmp_run_used[1 << TB_JMP_PAGE_BITS]; /* a jump cache run may hold blocks */
	uint32_t tlb_modes_clean; /* MMU modes whose TLB no fill touched since a flush */
	/* The debugger (accel/tcg/debug.h): */
	bool singlestep;      /* run one instruction, then stop */
	bool debug_stopped;   /* stopped at a breakpoint or after a step; cleared on resume */
	bool skip_bp_once;    /* resuming at a breakpoint: do not stop there again at once */
	bool watch_hit;	      /* an access hit a watchpoint: stopped before the instruction */
	bool skip_watch_once; /* resuming from a hit: the instruction's own access goes through */
	uint64_t insn_pc;     /* debug mode: the pc of the one instruction being run */
	uint64_t watch_addr;  /* ... the watchpoint's address */
	int watch_flags;      /* ... and its kind (BP_MEM_READ/WRITE) */
};

typedef struct CPUClass {
	DeviceClass parent_class;
	/* The state bits that change how code translates (privilege, MMU mode, FS...). */
	uint32_t (*tb_flags)(CPUState *cpu);
	/* The MMU index instruction fetches use under flags. */
	int (*fetch_mmu_idx)(uint32_t flags);
	/* Translates one block; returns the guest instruction count (>= 1). */
	int (*translate)(CPUState *cpu, IRBlock *b, uint64_t pc, uint32_t flags,
			 uint64_t *guest_size);
	/* Guest virtual -> physical for an access; on failure raises the guest fault (never returns) */
	uint64_t (*translate_address)(CPUState *cpu, uint64_t vaddr, unsigned size,
				      MMUAccessType access, int mmu_idx, int *prot);
	/* The same without side effects: false where the guest would fault (debug accesses). */
	bool (*probe_address)(CPUState *cpu, uint64_t vaddr, MMUAccessType access, int mmu_idx,
			      uint64_t *paddr);
	/* Raises an access fault or misaligned-address fault on vaddr (never returns). */
	QEMU_NORETURN void (*raise_mem_fault)(CPUState *cpu, uint64_t vaddr, MMUAccessType access,
					      bool misaligned);
	/* Takes a pending enabled interrupt; true if one was taken. */
	bool (*exec_interrupt)(CPUState *cpu);
	/* An interrupt is pending that ends WFI. */
	bool (*has_work)(CPUState *cpu);
	void (*dump_state)(CPUState *cpu, FILE *f);
	void (*cpu_reset)(CPUState *cpu);
	/* e_machine of the ELF images this CPU runs (the generic loader checks it). */
	uint16_t elf_machine;
	/*
	 * The gdbstub's view: registers by gdb's number (appends the value's bytes, target
	 * order, to buf and returns their count; 0 for no such register), the count the
	 * 'g' packet carries, and the target description ("target.xml").
	 */
	int (*gdb_read_register)(CPUState *cpu, GByteArray *buf, int reg);
	int (*gdb_write_register)(CPUState *cpu, const uint8_t *buf, int reg);
	int gdb_num_core_regs;
	const char *(*gdb_target_xml)(CPUState *cpu);
} CPUClass;

#define CPU(obj)	   OBJECT_CHECK(CPUState, (obj), TYPE_CPU)
#define CPU_CLASS(klass)   OBJECT_CLASS_CHECK(CPUClass, (klass), TYPE_CPU)
#define CPU_GET_CLASS(obj) OBJECT_GET_CLASS(CPUClass, (obj), TYPE_CPU)

/* Every realized CPU, in index order. */
extern CPUState *cpus[];
extern int nb_cpus;

void cpu_register(CPUState *cpu);
QEMU_NORETURN void cpu_loop_exit(CPUState *cpu);
/* Makes the CPU look at its interrupts and halt state before its next block (also chained ones). */
void cpu_exit(CPUState *cpu);

/* Guest instructions retired so far (blocks count all theirs as they start). */
static inline uint64_t cpu_icount(const CPUCommonEnv *env)
{
	return env->icount_base + (uint64_t)(env->icount_slice - env->icount_left);
}

/* Starts a new budget of left instructions, keeping the count retired. */
static inline void cpu_icount_budget(CPUCommonEnv *env, int64_t left)
{
	env->icount_base = cpu_icount(env);
	env->icount_slice = env->icount_left = left;
}

/* Running native code leaves at its next block head (or loop turn). */
static inline void cpu_stop_chain(CPUCommonEnv *env)
{
	cpu_icount_budget(env, 0);
}
void cpu_reset(CPUState *cpu);
/*
 * A debugger's (or semihosting's) access to guest virtual memory through mmu_idx: no guest
 * fault, no A/D update; code pages written this way are invalidated as for any write. False
 * when some byte is not mapped or not memory.
 */
bool cpu_memory_rw_debug(CPUState *cpu, int mmu_idx, uint64_t vaddr, void *buf, size_t len,
			 bool is_write);
/* The MMU index of the hart's current instruction fetches: what a debugger reads through. */
static inline int cpu_debug_mmu_idx(CPUState *cpu)
{
	const CPUClass *cc = (const CPUClass *)OBJECT(cpu)->klass;

	return cc->fetch_mmu_idx(cc->tb_flags(cpu));
}
static inline void cpu_set_pc(CPUState *cpu, uint64_t pc)
{
	cpu->env->pc = pc;
}

#endif
