// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Traps, interrupts and address translation of the privileged architecture (1.12): trap
 * entry with delegation, interrupt priority, and the Sv39/Sv48/Sv57 page-table walk with
 * hardware A/D updates. Every guest value read here (PTEs, satp) is checked before use.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "cpu.h"
#include "accel/tcg/cputlb.h"
#include "pmp.h"

#define PAGE_READ    1
#define PAGE_WRITE   2
#define PAGE_EXEC    4
#define PAGE_NOCACHE 8

#define PTE_V	      (1ULL << 0)
#define PTE_R	      (1ULL << 1)
#define PTE_W	      (1ULL << 2)
#define PTE_X	      (1ULL << 3)
#define PTE_U	      (1ULL << 4)
#define PTE_A	      (1ULL << 6)
#define PTE_D	      (1ULL << 7)
#define PTE_PPN_SHIFT 10
#define PTE_PPN_MASK  ((1ULL << 44) - 1)
#define PTE_PBMT      (3ULL << 61)
#define PTE_N	      (1ULL << 63)
#define PTE_RESERVED  (0x7fULL << 54)

void riscv_set_mode(CPURISCVState *env, uint64_t priv)
{
	env->priv = priv;
	/* A new privilege may unmask interrupts: look at them before the next block. */
	cpu_exit(&env_cpu(env)->parent_obj);
}

static uint64_t set_field(uint64_t reg, uint64_t mask, uint64_t val)
{
	return (reg & ~mask) | ((val * (mask & -mask)) & mask);
}

static uint64_t get_field(uint64_t reg, uint64_t mask)
{
	return (reg & mask) / (mask & -mask);
}

void riscv_do_trap(CPURISCVState *env, bool interrupt, int cause, uint64_t tval)
{
	uint64_t deleg = interrupt ? env->mideleg : env->medeleg;
	uint64_t causeval = cause | (interrupt ? 1ULL << 63 : 0);
	uint64_t pc = env->common.pc;
	uint64_t s = env->mstatus;

	if (qemu_loglevel_mask(CPU_LOG_INT))
		qemu_log("riscv_cpu_do_interrupt: hart:%d, async:%d, cause:%016" PRIx64
			 ", epc:0x%016" PRIx64 ", tval:0x%016" PRIx64 "\n",
			 (int)env->mhartid, interrupt, causeval, pc, tval);
	if (env->priv <= PRV_S && ((deleg >> cause) & 1)) {
		uint64_t vec = (env->stvec & 3) == 1 && interrupt ? 4 * cause : 0;
		env->scause = causeval;
		env->sepc = pc;
		env->stval = tval;
		s = set_field(s, MSTATUS_SPIE, get_field(s, MSTATUS_SIE));
		s = set_field(s, MSTATUS_SPP, env->priv);
		s &= ~MSTATUS_SIE;
		env->mstatus = s;
		env->common.pc = (env->stvec & ~3ULL) + vec;
		riscv_set_mode(env, PRV_S);
	} else {
		uint64_t vec = (env->mtvec & 3) == 1 && interrupt ? 4 * cause : 0;
		env->mcause = causeval;
		env->mepc = pc;
		env->mtval = tval;
		s = set_field(s, MSTATUS_MPIE, get_field(s, MSTATUS_MIE));
		s = set_field(s, MSTATUS_MPP, env->priv);
		s &= ~MSTATUS_MIE;
		env->mstatus = s;
		env->common.pc = (env->mtvec & ~3ULL) + vec;
		riscv_set_mode(env, PRV_M);
	}
	env->load_res = -1;
}

void riscv_raise_exception(CPURISCVState *env, int cause, uint64_t tval)
{
	riscv_do_trap(env, false, cause, tval);
	cpu_loop_exit(&env_cpu(env)->parent_obj);
}

/* The hart's major interrupts in the AIA's default priority order, highest first. */
static const int default_order[] = { IRQ_M_EXT, IRQ_M_SOFT, IRQ_M_TIMER,
				     IRQ_S_EXT, IRQ_S_SOFT, IRQ_S_TIMER };

static unsigned default_rank(int irq)
{
	for (unsigned i = 0; i < ARRAY_SIZE(default_order); i++)
		if (default_order[i] == irq)
			return i;
	g_assert_not_reached();
}

/*
 * The number the level's external interrupt (xei) ranks with: its controller's priority
 * (the IMSIC's top identity, a direct APLIC's IPRIO), 256 when the controller has none.
 */
static uint32_t xei_number(CPURISCVState *env, int prv)
{
	RISCVIntFile *f = &env_cpu(env)->intfile[prv];
	uint32_t top = f->topei ? f->topei(f->opaque, false) : 0;

	return top ? top & 0x7ff : 256;
}

/*
 * AIA ranking (Smaia/Ssaia): an interrupt whose iprio byte is zero keeps its default place,
 * above or below all numbered ones as it defaults above or below xei; a nonzero byte ranks it
 * as xei would rank with that number; ties go by default order. The key sorts that way.
 */
static uint32_t rank_key(const uint8_t *iprio, int irq, int xei, uint32_t xei_num, unsigned *cls,
			 uint32_t *num)
{
	*num = irq == xei ? xei_num : iprio[irq];
	if (irq == xei || *num)
		*cls = 1;
	else
		*cls = default_rank(irq) < default_rank(xei) ? 0 : 2;
	return *cls << 20 | *num << 8 | default_rank(irq);
}

static uint32_t top_interrupt(CPURISCVState *env, const uint8_t *iprio, uint64_t irqs, int prv)
{
	int xei = prv == PRV_M ? IRQ_M_EXT : IRQ_S_EXT;
	uint32_t xei_num = irqs & (1ULL << xei) ? xei_number(env, prv) : 256;
	uint32_t best_key = UINT32_MAX, best_field = 0;
	int best = 0;

	for (unsigned i = 0; i < ARRAY_SIZE(default_order); i++) {
		int irq = default_order[i];
		unsigned cls;
		uint32_t num, key;

		if (!(irqs & (1ULL << irq)))
			continue;
		key = rank_key(iprio, irq, xei, xei_num, &cls, &num);
		if (key < best_key) {
			best_key = key;
			best = irq;
			best_field = cls == 0 ? 0 : cls == 2 ? 255 : MIN(num, 255);
		}
	}
	return best ? (uint32_t)best << 16 | best_field : 0;
}

uint32_t riscv_aia_topi(CPURISCVState *env, int prv)
{
	uint64_t pending = env->mip & env->mie;

	if (prv == PRV_M)
		return top_interrupt(env, env->miprio, pending & ~env->mideleg, PRV_M);
	return top_interrupt(env, env->siprio, pending & env->mideleg, PRV_S);
}

/* The interrupt to take now, by the priority order above, or -1. */
static int pending_interrupt(CPURISCVState *env)
{
	uint64_t pending = env->mip & env->mie;
	bool m_on = env->priv < PRV_M || (env->mstatus & MSTATUS_MIE);
	bool s_on = env->priv < PRV_S || (env->priv == PRV_S && (env->mstatus & MSTATUS_SIE));
	uint64_t m_irqs = m_on ? pending & ~env->mideleg : 0;
	uint64_t s_irqs = s_on ? pending & env->mideleg : 0;

	if (m_irqs)
		return top_interrupt(env, env->miprio, m_irqs, PRV_M) >> 16;
	if (s_irqs)
		return top_interrupt(env, env->siprio, s_irqs, PRV_S) >> 16;
	return -1;
}

bool riscv_cpu_exec_interrupt(CPUState *cs)
{
	CPURISCVState *env = cpu_riscv_env(cs);
	int irq = pending_interrupt(env);

	if (irq < 0)
		return false;
	riscv_do_trap(env, true, irq, 0);
	return true;
}

bool riscv_cpu_has_work(CPUState *cs)
{
	CPURISCVState *env = cpu_riscv_env(cs);
	return (env->mip & env->mie) != 0;
}

static QEMU_NORETURN void mem_fault(CPURISCVState *env, MMUAccessType access, uint64_t vaddr,
				    bool page)
{
	static const int page_causes[] = { EXCP_LOAD_PAGE_FAULT, EXCP_STORE_PAGE_FAULT,
					   EXCP_INST_PAGE_FAULT };
	static const int access_causes[] = { EXCP_LOAD_ACCESS_FAULT, EXCP_STORE_AMO_ACCESS_FAULT,
					     EXCP_INST_ACCESS_FAULT };
	riscv_raise_exception(env, page ? page_causes[access] : access_causes[access], vaddr);
}

void riscv_raise_mem_fault(CPUState *cs, uint64_t vaddr, MMUAccessType access, bool misaligned)
{
	static const int mis_causes[] = { EXCP_LOAD_ADDR_MIS, EXCP_STORE_AMO_ADDR_MIS,
					  EXCP_INST_ADDR_MIS };
	CPURISCVState *env = cpu_riscv_env(cs);

	if (misaligned)
		riscv_raise_exception(env, mis_causes[access], vaddr);
	mem_fault(env, access, vaddr, false);
}

static int mmu_idx_priv(int mmu_idx)
{
	return mmu_idx == MMU_IDX_U ? PRV_U : mmu_idx == MMU_IDX_M ? PRV_M : PRV_S;
}

/* Whether a leaf PTE allows the access at this privilege; sets the TLB protection. */
static bool leaf_allows(CPURISCVState *env, uint64_t pte, MMUAccessType access, int mmu_idx,
			int *prot)
{
	bool user_page = pte & PTE_U;
	bool mxr = env->mstatus & MSTATUS_MXR;

	if (mmu_idx == MMU_IDX_U && !user_page)
		return false;
	if (mmu_idx != MMU_IDX_U && user_page &&
	    (access == MMU_INST_FETCH || mmu_idx != MMU_IDX_S_SUM))
		return false;
	*prot = 0;
	if ((pte & PTE_R) || (mxr && (pte & PTE_X)))
		*prot |= PAGE_READ;
	/* Not dirty yet: map read-only so the first store walks again and sets D. */
	if ((pte & PTE_W) && (pte & PTE_D))
		*prot |= PAGE_WRITE;
	if (pte & PTE_X)
		*prot |= PAGE_EXEC;
	switch (access) {
	case MMU_DATA_LOAD:
		return *prot & PAGE_READ;
	case MMU_DATA_STORE:
		return pte & PTE_W;
	default:
		return pte & PTE_X;
	}
}

/* Page-table accesses are implicit S-mode accesses, checked by PMP like any other. */
static bool pmp_allows(CPURISCVState *env, uint64_t paddr, int access_bit)
{
	bool whole;
	return riscv_pmp_prot(env, paddr, 8, PRV_S, &whole) & access_bit;
}

static int satp_levels(uint64_t mode)
{
	switch (mode) {
	case 8:
		return 3; /* Sv39 */
	case 9:
		return 4; /* Sv48 */
	case 10:
		return 5; /* Sv57 */
	default:
		return 0;
	}
}

/*
 * The Sv39/48/57 walk. With probe (a debugger's or semihosting's look) it has no side effect:
 * a failure returns false instead of raising the guest's fault, and A/D bits stay as they are.
 */
static bool walk(CPURISCVState *env, uint64_t vaddr, MMUAccessType access, int mmu_idx, int *prot,
		 bool probe, uint64_t *paddr)
{
	CPUState *cs = &env_cpu(env)->parent_obj;
	int levels = satp_levels(env->satp >> 60);
	int va_bits = 12 + 9 * levels;
	uint64_t table = (env->satp & PTE_PPN_MASK) << 12;
	/* PBMT bits are reserved unless Svpbmt exists and M-mode enabled it (menvcfg.PBMTE). */
	bool pbmt = env_cpu(env)->cfg.ext_svpbmt && (env->menvcfg >> 62) & 1;
	uint64_t reserved = PTE_RESERVED | PTE_N | (pbmt ? 0 : PTE_PBMT);

	/* The address must be sign-extended from its top translated bit. */
	if ((int64_t)(vaddr << (64 - va_bits)) >> (64 - va_bits) != (int64_t)vaddr)
		goto page_fault;
	for (int level = levels - 1; level >= 0; level--) {
		uint64_t idx = (vaddr >> (12 + 9 * level)) & 511;
		uint64_t pte_addr = table + idx * 8, pte;
		uint64_t ppn, mask;

		if (!pmp_allows(env, pte_addr, PAGE_READ) ||
		    address_space_load(cs->as, pte_addr, 8, &pte) != MEMTX_OK)
			goto access_fault;
		if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) || (pte & reserved))
			goto page_fault;
		ppn = (pte >> PTE_PPN_SHIFT) & PTE_PPN_MASK;
		if (!(pte & (PTE_R | PTE_X))) {
			if (pte & (PTE_A | PTE_D | PTE_U))
				goto page_fault;
			table = ppn << 12;
			continue;
		}
		mask = (1ULL << (9 * level)) - 1;
		if ((ppn & mask) || !leaf_allows(env, pte, access, mmu_idx, prot))
			goto page_fault;
		if (!probe && (!(pte & PTE_A) || (access == MMU_DATA_STORE && !(pte & PTE_D)))) {
			uint64_t updated = pte | PTE_A | (access == MMU_DATA_STORE ? PTE_D : 0);
			if (!pmp_allows(env, pte_addr, PAGE_WRITE) ||
			    address_space_store(cs->as, pte_addr, 8, updated) != MEMTX_OK)
				goto access_fault;
			if (access == MMU_DATA_STORE)
				*prot |= PAGE_WRITE;
		}
		*paddr = ((ppn & ~mask) << 12) | (vaddr & ((mask << 12) | 0xfff));
		return true;
	}
page_fault:
	if (!probe)
		mem_fault(env, access, vaddr, true);
	return false;
access_fault:
	if (!probe)
		mem_fault(env, access, vaddr, false);
	return false;
}

static uint64_t page_walk(CPURISCVState *env, uint64_t vaddr, MMUAccessType access, int mmu_idx,
			  int *prot)
{
	uint64_t paddr = 0;

	walk(env, vaddr, access, mmu_idx, prot, false, &paddr);
	return paddr;
}

bool riscv_probe_address(CPUState *cs, uint64_t vaddr, MMUAccessType access, int mmu_idx,
			 uint64_t *paddr)
{
	CPURISCVState *env = cpu_riscv_env(cs);
	int prot;

	if (mmu_idx_priv(mmu_idx) == PRV_M || satp_levels(env->satp >> 60) == 0) {
		*paddr = vaddr;
		return true;
	}
	return walk(env, vaddr, access, mmu_idx, &prot, true, paddr);
}

uint64_t riscv_translate_address(CPUState *cs, uint64_t vaddr, unsigned size, MMUAccessType access,
				 int mmu_idx, int *prot)
{
	static const int needed[] = { PAGE_READ, PAGE_WRITE, PAGE_EXEC };
	CPURISCVState *env = cpu_riscv_env(cs);
	int priv = mmu_idx_priv(mmu_idx);
	uint64_t paddr;
	bool whole_page;
	int pmp;

	if (priv == PRV_M || satp_levels(env->satp >> 60) == 0) {
		*prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
		paddr = vaddr;
	} else {
		paddr = page_walk(env, vaddr, access, mmu_idx, prot);
	}
	pmp = riscv_pmp_prot(env, paddr, size, priv, &whole_page);
	if (!(pmp & needed[access]))
		mem_fault(env, access, vaddr, false);
	*prot &= pmp;
	if (!whole_page)
		*prot |= PAGE_NOCACHE;
	return paddr;
}

int riscv_data_mmu_idx(CPURISCVState *env)
{
	uint64_t priv = env->priv;

	if (priv == PRV_M && (env->mstatus & MSTATUS_MPRV))
		priv = get_field(env->mstatus, MSTATUS_MPP);
	if (priv == PRV_M)
		return MMU_IDX_M;
	if (priv == PRV_S)
		return (env->mstatus & MSTATUS_SUM) ? MMU_IDX_S_SUM : MMU_IDX_S;
	return MMU_IDX_U;
}

uint32_t riscv_tb_flags(CPUState *cs)
{
	CPURISCVState *env = cpu_riscv_env(cs);
	return env->priv << TB_FLAG_PRIV_SHIFT |
	       get_field(env->mstatus, MSTATUS_FS) << TB_FLAG_FS_SHIFT |
	       riscv_data_mmu_idx(env) << TB_FLAG_MMU_SHIFT;
}
