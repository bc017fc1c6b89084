// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The riscv64 CPU state: registers, CSRs and the bits of the privileged architecture the
 * translator, the CSR file and the trap logic share. Field layout matters only in that
 * CPUCommonEnv comes first (see hw/core/cpu.h).
 */
#ifndef TARGET_RISCV_CPU_H
#define TARGET_RISCV_CPU_H

#include "hw/core/cpu.h"
#include "hw/irq.h"
#include "qemu/main-loop.h"

#define TYPE_RISCV_CPU	      "riscv-cpu"
#define RISCV_CPU_TYPE_SUFFIX "-" TYPE_RISCV_CPU
#define TYPE_RISCV_CPU_RV64   "rv64" RISCV_CPU_TYPE_SUFFIX

enum { PRV_U = 0, PRV_S = 1, PRV_M = 3 };

/* MMU indexes: U, S, S with SUM (may touch user pages), M. */
enum { MMU_IDX_U = 0, MMU_IDX_S = 1, MMU_IDX_S_SUM = 2, MMU_IDX_M = 3 };

/* mstatus */
#define MSTATUS_SIE  (1ULL << 1)
#define MSTATUS_MIE  (1ULL << 3)
#define MSTATUS_SPIE (1ULL << 5)
#define MSTATUS_UBE  (1ULL << 6)
#define MSTATUS_MPIE (1ULL << 7)
#define MSTATUS_SPP  (1ULL << 8)
#define MSTATUS_MPP  (3ULL << 11)
#define MSTATUS_FS   (3ULL << 13)
#define MSTATUS_XS   (3ULL << 15)
#define MSTATUS_MPRV (1ULL << 17)
#define MSTATUS_SUM  (1ULL << 18)
#define MSTATUS_MXR  (1ULL << 19)
#define MSTATUS_TVM  (1ULL << 20)
#define MSTATUS_TW   (1ULL << 21)
#define MSTATUS_TSR  (1ULL << 22)
#define MSTATUS_UXL  (3ULL << 32)
#define MSTATUS_SXL  (3ULL << 34)
#define MSTATUS_SD   (1ULL << 63)

/* interrupts (mip/mie bits and cause numbers) */
enum {
	IRQ_S_SOFT = 1,
	IRQ_M_SOFT = 3,
	IRQ_S_TIMER = 5,
	IRQ_M_TIMER = 7,
	IRQ_S_EXT = 9,
	IRQ_M_EXT = 11,
};
#define MIP_SSIP	  (1ULL << IRQ_S_SOFT)
#define MIP_MSIP	  (1ULL << IRQ_M_SOFT)
#define MIP_STIP	  (1ULL << IRQ_S_TIMER)
#define MIP_MTIP	  (1ULL << IRQ_M_TIMER)
#define MIP_SEIP	  (1ULL << IRQ_S_EXT)
#define MIP_MEIP	  (1ULL << IRQ_M_EXT)
#define S_MODE_INTERRUPTS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define M_MODE_INTERRUPTS (MIP_MSIP | MIP_MTIP | MIP_MEIP)

/* exception causes */
enum {
	EXCP_INST_ADDR_MIS = 0,
	EXCP_INST_ACCESS_FAULT = 1,
	EXCP_ILLEGAL_INST = 2,
	EXCP_BREAKPOINT = 3,
	EXCP_LOAD_ADDR_MIS = 4,
	EXCP_LOAD_ACCESS_FAULT = 5,
	EXCP_STORE_AMO_ADDR_MIS = 6,
	EXCP_STORE_AMO_ACCESS_FAULT = 7,
	EXCP_U_ECALL = 8,
	EXCP_S_ECALL = 9,
	EXCP_M_ECALL = 11,
	EXCP_INST_PAGE_FAULT = 12,
	EXCP_LOAD_PAGE_FAULT = 13,
	EXCP_STORE_PAGE_FAULT = 15,
};

/* Extensions, by their misa letter where they have one. */
#define RVA (1 << ('A' - 'A'))
#define RVC (1 << ('C' - 'A'))
#define RVD (1 << ('D' - 'A'))
#define RVF (1 << ('F' - 'A'))
#define RVI (1 << ('I' - 'A'))
#define RVM (1 << ('M' - 'A'))
#define RVS (1 << ('S' - 'A'))
#define RVU (1 << ('U' - 'A'))

typedef struct RISCVCPUConfig {
	bool ext_a, ext_c, ext_d, ext_f, ext_m, ext_s, ext_u;
	bool ext_zba, ext_zbb, ext_zbc, ext_zbs, ext_zicond, ext_zicsr, ext_zifencei;
	bool ext_sstc, ext_svpbmt, ext_zicbom, ext_zicboz, ext_zihintpause;
	bool ext_smaia, ext_ssaia; /* AIA CSRs (QEMU 7.2 spells the switches x-smaia, x-ssaia) */
	bool mmu, pmp;
	uint32_t pmp_regions;
} RISCVCPUConfig;

typedef struct CPURISCVState {
	CPUCommonEnv common; /* first: pc, IR temps, TLB */
	uint64_t gpr[32];
	uint64_t fpr[32];
	uint64_t priv;
	uint64_t load_res; /* LR reservation address, -1 when none */
	uint64_t load_val;
	uint32_t fflags, frm;

	uint64_t mstatus, misa, medeleg, mideleg, mie, mip;
	uint64_t mtvec, stvec, mepc, sepc, mcause, scause, mtval, stval;
	uint64_t mscratch, sscratch, satp, mcounteren, scounteren;
	uint64_t menvcfg, senvcfg, mcountinhibit, stimecmp;
	uint64_t mhartid;
	uint64_t mcycle_offset, minstret_offset; /* counter = icount + offset */
	uint64_t pmpcfg[2];			 /* pmpcfg0 and pmpcfg2 on RV64 */
	uint64_t pmpaddr[16];
	/* AIA: *iselect, and the major-interrupt priority arrays (M level, S level) */
	uint64_t miselect, siselect;
	uint8_t miprio[64], siprio[64];
	/* mip.SEIP is the OR of the bit software writes and the external controller's line */
	bool seip_sw, seip_hw;

	/* Board hooks: the time CSR (ACLINT mtime). */
	uint64_t (*rdtime_fn)(void *opaque);
	void *rdtime_opaque;
	uint64_t timebase_freq;
} CPURISCVState;

/*
 * An IMSIC interrupt file of the hart, as its *iselect and *ireg (registers 0x70-0xff) and *topei
 * reach it. The board's IMSIC fills one in per privilege level it serves.
 */
struct RISCVIntFile {
	/* Read-modify-write of register isel; false if it does not exist (illegal instruction).
	 * NULL for a direct-mode APLIC, which only gives topei. */
	bool (*rmw)(void *opaque, unsigned isel, uint64_t *ret, uint64_t val, uint64_t mask);
	/* The top interrupt, identity << 16 | priority (0 if none); claim clears it (IMSIC). */
	uint32_t (*topei)(void *opaque, bool claim);
	void *opaque;
};
typedef struct RISCVIntFile RISCVIntFile;

typedef struct RISCVCPU {
	CPUState parent_obj;
	CPURISCVState env;
	RISCVCPUConfig cfg;
	uint64_t resetvec;
	uint64_t vm_cycle, vm_instret; /* savevm: the counters, which live as icount offsets */
	bool vm_halted;
	QEMUTimer *stimer;	 /* Sstc: raises STIP at stimecmp */
	RISCVIntFile intfile[4]; /* indexed by PRV_S or PRV_M; rmw NULL when absent */
} RISCVCPU;

#define RISCV_CPU(obj) OBJECT_CHECK(RISCVCPU, (obj), TYPE_RISCV_CPU)

static inline RISCVCPU *env_cpu(CPURISCVState *env)
{
	return container_of(env, RISCVCPU, env);
}

/* The state of a CPU known to be a RISC-V one, without a checked cast (hot paths). */
static inline CPURISCVState *cpu_riscv_env(CPUState *cs)
{
	return container_of(cs->env, CPURISCVState, common);
}

/* The ISA string ("rv64imafdc_zicsr_...") for the device tree; g_free it. */
char *riscv_isa_string(RISCVCPU *cpu);
/* Adds the cpu node at path with its interrupt controller; returns the controller's phandle. */
uint32_t riscv_cpu_fdt(RISCVCPU *cpu, void *fdt, const char *path);

/* Interrupt lines the board wires devices to (IRQ_* numbers). */
qemu_irq riscv_cpu_irq(RISCVCPU *cpu, int irq);
/* Sets or clears mip bits from hardware (CLINT, PLIC, Sstc) and wakes the CPU. */
void riscv_cpu_update_mip(CPURISCVState *env, uint64_t mask, uint64_t value);
/* Sstc: re-evaluates STIP against stimecmp and arms the timer for it. */
void riscv_stimer_update(CPURISCVState *env);

/* AIA: mtopi (prv PRV_M) or stopi (PRV_S), IID << 16 | IPRIO; 0 when nothing is pending. */
uint32_t riscv_aia_topi(CPURISCVState *env, int prv);

/* Traps: take an exception at the current instruction (env->common.pc); never return. */
QEMU_NORETURN void riscv_raise_exception(CPURISCVState *env, int cause, uint64_t tval);
void riscv_do_trap(CPURISCVState *env, bool interrupt, int cause, uint64_t tval);
bool riscv_cpu_exec_interrupt(CPUState *cs);
bool riscv_cpu_has_work(CPUState *cs);
/* vaddr's physical address for the access, without faults or A/D updates; false if none. */
bool riscv_probe_address(CPUState *cs, uint64_t vaddr, MMUAccessType access, int mmu_idx,
			 uint64_t *paddr);
uint64_t riscv_translate_address(CPUState *cs, uint64_t vaddr, unsigned size, MMUAccessType access,
				 int mmu_idx, int *prot);
QEMU_NORETURN void riscv_raise_mem_fault(CPUState *cs, uint64_t vaddr, MMUAccessType access,
					 bool misaligned);
void riscv_set_mode(CPURISCVState *env, uint64_t priv);

/* CSRs: false for an illegal access (the caller raises the exception). */
bool riscv_csr_rw(CPURISCVState *env, int csrno, uint64_t *ret, uint64_t new_value,
		  uint64_t write_mask, bool write);
uint64_t riscv_mstatus_sd(uint64_t mstatus);
/* The gdbstub's register access and target description (gdbstub.c). */
int riscv_gdb_read_register(CPUState *cs, GByteArray *buf, int reg);
int riscv_gdb_write_register(CPUState *cs, const uint8_t *buf, int reg);
const char *riscv_gdb_target_xml(CPUState *cs);
/* The debugger's access: as machine mode, whatever mode the hart is in. */
bool riscv_csr_debug(CPURISCVState *env, int csrno, uint64_t *val, bool write);

/* Translation-block flags: what changes how instructions translate. */
#define TB_FLAG_PRIV_SHIFT 0 /* 2 bits */
#define TB_FLAG_FS_SHIFT   2 /* 2 bits: mstatus.FS */
#define TB_FLAG_MMU_SHIFT  4 /* 2 bits: data MMU index */
uint32_t riscv_tb_flags(CPUState *cs);
int riscv_translate(CPUState *cs, IRBlock *b, uint64_t pc, uint32_t flags, uint64_t *size);
int riscv_data_mmu_idx(CPURISCVState *env);

#endif
