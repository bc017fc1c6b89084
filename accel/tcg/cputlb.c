// SPDX-License-Identifier: GPL-2.0-or-later
/* The software TLB's slow paths: refills through the target's page walk, MMIO, page crossings. */
#include "qemu/osdep.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/debug.h"
#include "accel/tcg/tb.h"

#define PAGE_READ    1
#define PAGE_WRITE   2
#define PAGE_EXEC    4
#define PAGE_NOCACHE 8 /* the permission holds for this access only: do not keep the entry */

void tlb_flush(CPUState *cpu)
{
	/* A table is 128 KiB: those no fill touched since the last flush are empty already. */
	for (int i = 0; i < NB_MMU_MODES; i++)
		if (!(cpu->tlb_modes_clean & (1u << i)))
			memset(cpu->env->tlb[i], 0xff, sizeof(cpu->env->tlb[i]));
	cpu->tlb_modes_clean = (1u << NB_MMU_MODES) - 1;
	tb_jmp_cache_clear(cpu);
}

void tlb_flush_as(AddressSpace *as)
{
	for (int i = 0; i < nb_cpus; i++)
		if (!as || cpus[i]->as == as)
			tlb_flush(cpus[i]);
}

void tlb_flush_page(CPUState *cpu, uint64_t vaddr)
{
	for (int i = 0; i < NB_MMU_MODES; i++)
		memset(tlb_entry(cpu->env, i, vaddr), 0xff, sizeof(CPUTLBEntry));
	/* Blocks are looked up by virtual pc; a remapped page must not reuse them. */
	tb_jmp_cache_clear_page(cpu, vaddr);
}

/* Walks the guest tables and fills the entry for addr's page; faults do not return. */
static CPUTLBEntry *tlb_fill(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
			     int mmu_idx)
{
	CPUClass *cc = CPU_GET_CLASS(cpu);
	uint64_t vpage = addr & TARGET_PAGE_MASK;
	int prot = 0;
	uint64_t ppage =
	    cc->translate_address(cpu, addr, size, access, mmu_idx, &prot) & TARGET_PAGE_MASK;
	MemoryRegionSection s = address_space_lookup(cpu->as, ppage);
	CPUTLBEntry *e = tlb_entry(cpu->env, mmu_idx, addr);
	bool whole_ram_page =
	    s.mr && memory_region_is_ram(s.mr) && s.offset_within_address_space <= ppage &&
	    ppage - s.offset_within_address_space + TARGET_PAGE_SIZE - 1 <= s.size - 1;
	uint64_t tag = whole_ram_page ? vpage : vpage | TLB_MMIO;

	cpu->tlb_modes_clean &= ~(1u << mmu_idx);
	e->addr_read = (prot & PAGE_READ) ? tag : TLB_INVALID;
	e->addr_code = (prot & PAGE_EXEC) ? tag : TLB_INVALID;
	/* ROM pages take writes through the memory API, which drops them. */
	e->addr_write = (prot & PAGE_WRITE)
			    ? (whole_ram_page && !s.readonly ? vpage : vpage | TLB_MMIO)
			    : TLB_INVALID;
	if (e->addr_write == vpage && tb_page_has_code(ppage))
		e->addr_write |= TLB_NOTDIRTY;
	if (unlikely(cpu_debug_mode)) {
		if (!(e->addr_read & TLB_INVALID) && cpu_watchpoint_on_page(vpage, MMU_DATA_LOAD))
			e->addr_read |= TLB_WATCH;
		if (!(e->addr_write & TLB_INVALID) && cpu_watchpoint_on_page(vpage, MMU_DATA_STORE))
			e->addr_write |= TLB_WATCH;
	}
	e->addend = 0;
	if (whole_ram_page) {
		uint8_t *host = (uint8_t *)memory_region_get_ram_ptr(s.mr) +
				s.offset_within_region + (ppage - s.offset_within_address_space);
		e->addend = (uintptr_t)host - vpage;
	}
	cpu->env->tlb_phys[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)].paddr = ppage;
	cpu->env->tlb_phys[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)].nocache =
	    prot & PAGE_NOCACHE;
	return e;
}

static uint64_t entry_tag(CPUTLBEntry *e, MMUAccessType access)
{
	return access == MMU_DATA_LOAD	  ? e->addr_read
	       : access == MMU_DATA_STORE ? e->addr_write
					  : e->addr_code;
}

/* The entry for addr with the access allowed, refilled if needed. */
static CPUTLBEntry *tlb_get(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
			    int mmu_idx)
{
	CPUTLBEntry *e = tlb_entry(cpu->env, mmu_idx, addr);
	if ((entry_tag(e, access) & ~(TLB_MMIO | TLB_NOTDIRTY | TLB_WATCH)) !=
	    (addr & TARGET_PAGE_MASK))
		e = tlb_fill(cpu, addr, size, access, mmu_idx);
	return e;
}

/* Drops an entry that was good for one access only (see PAGE_NOCACHE). */
static void tlb_done(CPUState *cpu, int mmu_idx, uint64_t addr)
{
	if (cpu->env->tlb_phys[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)].nocache)
		memset(tlb_entry(cpu->env, mmu_idx, addr), 0xff, sizeof(CPUTLBEntry));
}

static uint64_t phys_of(CPUState *cpu, int mmu_idx, uint64_t addr)
{
	return cpu->env->tlb_phys[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)].paddr |
	       (addr & ~TARGET_PAGE_MASK);
}

static uint64_t sign_extend(uint64_t v, unsigned memop)
{
	switch (memop & (MO_SIZE | MO_SIGN)) {
	case MO_SB:
		return (uint64_t)(int8_t)v;
	case MO_SW:
		return (uint64_t)(int16_t)v;
	case MO_SL:
		return (uint64_t)(int32_t)v;
	default:
		return v;
	}
}

static uint64_t load_in_page(CPUState *cpu, uint64_t addr, unsigned size, int mmu_idx)
{
	CPUTLBEntry *e = tlb_get(cpu, addr, size, MMU_DATA_LOAD, mmu_idx);
	uint64_t v = 0;
	MemTxResult r = MEMTX_OK;

	if (unlikely(e->addr_read & TLB_WATCH) &&
	    cpu_check_watchpoint(cpu, addr, size, MMU_DATA_LOAD)) {
		tlb_done(cpu, mmu_idx, addr);
		cpu_watchpoint_stop(cpu);
	}
	if (!(e->addr_read & TLB_MMIO))
		v = host_load((void *)(e->addend + addr), __builtin_ctz(size));
	else
		r = address_space_load(cpu->as, phys_of(cpu, mmu_idx, addr), size, &v);
	tlb_done(cpu, mmu_idx, addr);
	if (r != MEMTX_OK)
		CPU_GET_CLASS(cpu)->raise_mem_fault(cpu, addr, MMU_DATA_LOAD, false);
	return v;
}

static void store_in_page(CPUState *cpu, uint64_t addr, uint64_t val, unsigned size, int mmu_idx)
{
	CPUTLBEntry *e = tlb_get(cpu, addr, size, MMU_DATA_STORE, mmu_idx);
	MemTxResult r = MEMTX_OK;

	if (unlikely(e->addr_write & TLB_WATCH) &&
	    cpu_check_watchpoint(cpu, addr, size, MMU_DATA_STORE)) {
		tlb_done(cpu, mmu_idx, addr);
		cpu_watchpoint_stop(cpu);
	}
	if (!(e->addr_write & TLB_MMIO)) {
		host_store((void *)(e->addend + addr), val, __builtin_ctz(size));
		/* A store over translated code: those blocks are stale now. */
		if (e->addr_write & TLB_NOTDIRTY)
			tb_invalidate_phys_range(phys_of(cpu, mmu_idx, addr), size);
	} else
		r = address_space_store(cpu->as, phys_of(cpu, mmu_idx, addr), size, val);
	tlb_done(cpu, mmu_idx, addr);
	if (r != MEMTX_OK)
		CPU_GET_CLASS(cpu)->raise_mem_fault(cpu, addr, MMU_DATA_STORE, false);
}

uint64_t cpu_load_slow(CPUState *cpu, uint64_t addr, unsigned memop, int mmu_idx)
{
	unsigned size = 1u << (memop & MO_SIZE);
	unsigned in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);
	uint64_t v = 0;

	if ((memop & MO_ALIGN) && (addr & (size - 1)))
		CPU_GET_CLASS(cpu)->raise_mem_fault(cpu, addr, MMU_DATA_LOAD, true);
	if (size <= in_page)
		return sign_extend(load_in_page(cpu, addr, size, mmu_idx), memop);
	/* Crossing a page: byte by byte, little-endian; loads have no side effects to undo. */
	for (unsigned i = 0; i < size; i++)
		v |= load_in_page(cpu, addr + i, 1, mmu_idx) << (8 * i);
	return sign_extend(v, memop);
}

void cpu_store_slow(CPUState *cpu, uint64_t addr, uint64_t val, unsigned memop, int mmu_idx)
{
	unsigned size = 1u << (memop & MO_SIZE);
	unsigned in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);

	if ((memop & MO_ALIGN) && (addr & (size - 1)))
		CPU_GET_CLASS(cpu)->raise_mem_fault(cpu, addr, MMU_DATA_STORE, true);
	if (size <= in_page) {
		store_in_page(cpu, addr, val, size, mmu_idx);
		return;
	}
	/* Both pages must be writable before any byte changes, so a fault leaves memory intact. */
	tlb_get(cpu, addr, in_page, MMU_DATA_STORE, mmu_idx);
	tlb_get(cpu, addr + in_page, size - in_page, MMU_DATA_STORE, mmu_idx);
	for (unsigned i = 0; i < size; i++)
		store_in_page(cpu, addr + i, val >> (8 * i), 1, mmu_idx);
}

void cpu_probe_access(CPUState *cpu, uint64_t addr, unsigned size, MMUAccessType access,
		      int mmu_idx)
{
	unsigned in_page = TARGET_PAGE_SIZE - (addr & ~TARGET_PAGE_MASK);

	tlb_get(cpu, addr, MIN(size, in_page), access, mmu_idx);
	if (size > in_page)
		tlb_get(cpu, addr + in_page, size - in_page, access, mmu_idx);
}

/*
 * A page the TLB could not map whole (a device region shares it with RAM, as HTIF at a
 * program's tohost symbol does) still runs the code in its RAM part.
 */
static bool code_is_memory(CPUState *cpu, uint64_t phys)
{
	MemoryRegionSection s = address_space_lookup(cpu->as, phys);

	return s.mr && memory_region_is_ram(s.mr) && s.offset_within_address_space <= phys &&
	       phys - s.offset_within_address_space + 1 < s.size;
}

uint64_t cpu_code_phys(CPUState *cpu, uint64_t pc, int mmu_idx)
{
	CPUTLBEntry *e = tlb_get(cpu, pc, 2, MMU_INST_FETCH, mmu_idx);
	uint64_t phys = phys_of(cpu, mmu_idx, pc);
	bool mmio = e->addr_code & TLB_MMIO;

	tlb_done(cpu, mmu_idx, pc);
	/* Code runs from RAM or ROM only; fetching from a device is an access fault. */
	if (mmio && !code_is_memory(cpu, phys))
		CPU_GET_CLASS(cpu)->raise_mem_fault(cpu, pc, MMU_INST_FETCH, false);
	return phys;
}

uint32_t cpu_fetch_code(CPUState *cpu, uint64_t addr, unsigned size, int mmu_idx)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < size; i += 2) {
		CPUTLBEntry *e = tlb_get(cpu, addr + i, 2, MMU_INST_FETCH, mmu_idx);
		uint64_t phys = phys_of(cpu, mmu_idx, addr + i);
		uint16_t half;
		if (e->addr_code & TLB_MMIO) {
			tlb_done(cpu, mmu_idx, addr + i);
			if (!code_is_memory(cpu, phys) ||
			    address_space_read(cpu->as, phys, &half, 2) != MEMTX_OK)
				CPU_GET_CLASS(cpu)->raise_mem_fault(cpu, addr + i, MMU_INST_FETCH,
								    false);
			v |= (uint32_t)half << (8 * i);
			continue;
		}
		memcpy(&half, (void *)(e->addend + addr + i), 2);
		tlb_done(cpu, mmu_idx, addr + i);
		v |= (uint32_t)half << (8 * i);
	}
	return v;
}
