// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The software TLB: per MMU mode, a direct-mapped table from guest virtual pages to host
 * pointers for RAM, or to the memory API for MMIO. Blocks load and store through
 * cpu_load/cpu_store; a hit is a compare and a host access, a miss walks the guest page tables.
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include "hw/core/cpu.h"

uint64_t cpu_load_slow(CPUState *cpu, uint64_t addr, unsigned memop, int mmu_idx);
void cpu_store_slow(CPUState *cpu, uint64_t addr, uint64_t val, unsigned memop, int mmu_idx);
/* Instruction fetch of 2 or 4 bytes (may cross a page). */
uint32_t cpu_fetch_code(CPUState *cpu, uint64_t addr, unsigned size, int mmu_idx);
/* The physical address of pc for fetching, raising the guest's fault when unmapped. */
uint64_t cpu_code_phys(CPUState *cpu, uint64_t pc, int mmu_idx);
/* Makes sure [addr, addr+size) allows access, raising the guest's fault if not (AMOs, SC). */
void cpu_probe_access(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
		      int mmu_idx);
void tlb_flush(CPUState *cpu);
/* Every CPU on address space as (all CPUs for NULL): the memory map under them changed. */
void tlb_flush_as(AddressSpace *as);
void tlb_flush_page(CPUState *cpu, uint64_t vaddr);

static inline CPUTLBEntry *tlb_entry(CPUCommonEnv *env, int mmu_idx, uint64_t addr)
{
	return &env->tlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
}

static inline uint64_t host_load(const void *p, unsigned memop)
{
	switch (memop & (MO_SIZE | MO_SIGN)) {
	case MO_UB:
		return *(const uint8_t *)p;
	case MO_SB:
		return (uint64_t) * (const int8_t *)p;
	case MO_UW: {
		uint16_t v;
		memcpy(&v, p, 2);
		return v;
	}
	case MO_SW: {
		int16_t v;
		memcpy(&v, p, 2);
		return (uint64_t)v;
	}
	case MO_UL: {
		uint32_t v;
		memcpy(&v, p, 4);
		return v;
	}
	case MO_SL: {
		int32_t v;
		memcpy(&v, p, 4);
		return (uint64_t)v;
	}
	default: {
		uint64_t v;
		memcpy(&v, p, 8);
		return v;
	}
	}
}

static inline void host_store(void *p, uint64_t v, unsigned memop)
{
	switch (memop & MO_SIZE) {
	case MO_8:
		*(uint8_t *)p = v;
		break;
	case MO_16: {
		uint16_t x = v;
		memcpy(p, &x, 2);
		break;
	}
	case MO_32: {
		uint32_t x = v;
		memcpy(p, &x, 4);
		break;
	}
	default:
		memcpy(p, &v, 8);
		break;
	}
}

/* The hot path: a hit on a RAM page that the access does not cross. */
static inline uint64_t cpu_load(CPUState *cpu, uint64_t addr, unsigned memop, int mmu_idx)
{
	CPUTLBEntry *e = tlb_entry(cpu->env, mmu_idx, addr);
	unsigned size = 1u << (memop & MO_SIZE);

	if (likely(e->addr_read == (addr & TARGET_PAGE_MASK) &&
		   (addr & ~TARGET_PAGE_MASK) <= TARGET_PAGE_SIZE - size &&
		   (!(memop & MO_ALIGN) || !(addr & (size - 1)))))
		return host_load((void *)(e->addend + addr), memop);
	return cpu_load_slow(cpu, addr, memop, mmu_idx);
}

static inline void cpu_store(CPUState *cpu, uint64_t addr, uint64_t val, unsigned memop,
			     int mmu_idx)
{
	CPUTLBEntry *e = tlb_entry(cpu->env, mmu_idx, addr);
	unsigned size = 1u << (memop & MO_SIZE);

	if (likely(e->addr_write == (addr & TARGET_PAGE_MASK) &&
		   (addr & ~TARGET_PAGE_MASK) <= TARGET_PAGE_SIZE - size &&
		   (!(memop & MO_ALIGN) || !(addr & (size - 1))))) {
		host_store((void *)(e->addend + addr), val, memop);
		return;
	}
	cpu_store_slow(cpu, addr, val, memop, mmu_idx);
}

#endif
