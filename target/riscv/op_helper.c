// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Helpers for instructions the translator does not expand inline: exceptions, CSR access,
 * atomics, returns from traps, WFI and fences. Each takes the CPU state and up to four
 * values, and may raise a guest exception, which unwinds to the execution loop.
 */
#include "qemu/osdep.h"
#include "semihosting/semihost.h"
#include "cpu.h"
#include "helper.h"
#include "pmp.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/tb.h"

#define HELPER(name)                                                                               \
	static uint64_t do_##name(void *opaque, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
#define DEFINE_HELPER(name) const IRHelper helper_##name = { do_##name, #name }
/* A helper that leaves the registers, the pc and mstatus alone (backends keep them cached). */
#define DEFINE_HELPER_NO_GLOBAL_WRITES(name)                                                       \
	const IRHelper helper_##name = { do_##name, #name, IR_HELPER_NO_GLOBAL_WRITES }

static uint64_t get_field(uint64_t reg, uint64_t mask)
{
	return (reg & mask) / (mask & -mask);
}

/* Writes a0: the backends reload the registers after it. */
HELPER(semihosting)
{
	CPURISCVState *env = opaque;

	env->gpr[10] = semihosting_call(&env_cpu(env)->parent_obj, riscv_data_mmu_idx(env), 8,
					env->gpr[10], env->gpr[11]);
	return 0;
}
DEFINE_HELPER(semihosting);

HELPER(raise_exception)
{
	riscv_raise_exception(opaque, a, b);
}
DEFINE_HELPER(raise_exception);

HELPER(csr)
{
	CPURISCVState *env = opaque;
	uint64_t old;

	if (!riscv_csr_rw(env, a & 0xfff, &old, b, c, (a >> 12) & 1))
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, d);
	return old;
}
DEFINE_HELPER(csr);

static uint64_t amo_compute(int op, uint64_t old, uint64_t val, int size)
{
	int64_t so = size == 4 ? (int32_t)old : (int64_t)old;
	int64_t sv = size == 4 ? (int32_t)val : (int64_t)val;
	uint64_t uo = size == 4 ? (uint32_t)old : old, uv = size == 4 ? (uint32_t)val : val;

	switch (op) {
	case ATOMIC_SWAP:
		return val;
	case ATOMIC_ADD:
		return old + val;
	case ATOMIC_XOR:
		return old ^ val;
	case ATOMIC_AND:
		return old & val;
	case ATOMIC_OR:
		return old | val;
	case ATOMIC_MIN:
		return so < sv ? old : val;
	case ATOMIC_MAX:
		return so > sv ? old : val;
	case ATOMIC_MINU:
		return uo < uv ? old : val;
	default:
		return uo > uv ? old : val;
	}
}

/* a = address, b = value, c = op | size << 8 | mmu_idx << 16; returns rd. */
HELPER(atomic)
{
	CPURISCVState *env = opaque;
	CPUState *cs = &env_cpu(env)->parent_obj;
	int op = c & 0xff, size = (c >> 8) & 0xff, mmu_idx = c >> 16;
	unsigned memop = (size == 8 ? MO_64 : MO_SL) | MO_ALIGN;
	uint64_t old;

	if (a & (size - 1))
		riscv_raise_exception(
		    env, op == ATOMIC_LR ? EXCP_LOAD_ADDR_MIS : EXCP_STORE_AMO_ADDR_MIS, a);
	if (op == ATOMIC_LR) {
		old = cpu_load(cs, a, memop, mmu_idx);
		env->load_res = a;
		env->load_val = old;
		return old;
	}
	/* Store/AMO faults take precedence: check writability before reading. */
	cpu_probe_access(cs, a, size, MMU_DATA_STORE, mmu_idx);
	old = cpu_load(cs, a, memop, mmu_idx);
	if (op == ATOMIC_SC) {
		bool ok = env->load_res == a && env->load_val == old;
		env->load_res = -1;
		if (!ok)
			return 1;
		cpu_store(cs, a, b, memop, mmu_idx);
		return 0;
	}
	cpu_store(cs, a, amo_compute(op, old, b, size), memop, mmu_idx);
	return old;
}
DEFINE_HELPER_NO_GLOBAL_WRITES(atomic);

/* mret and sret: the pc of the instruction itself is in common.pc for faults. */
HELPER(mret)
{
	CPURISCVState *env = opaque;
	uint64_t s = env->mstatus;
	uint64_t mpp = get_field(s, MSTATUS_MPP);

	if (env->priv != PRV_M)
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, a);
	/* QEMU refuses to leave M while no PMP entry is set (S/U could not run anyway); so do we. */
	if (mpp != PRV_M && !riscv_pmp_any_active(env))
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, a);
	s = (s & ~MSTATUS_MIE) | ((s & MSTATUS_MPIE) ? MSTATUS_MIE : 0);
	s |= MSTATUS_MPIE;
	s &= ~MSTATUS_MPP;
	if (mpp != PRV_M)
		s &= ~MSTATUS_MPRV;
	env->mstatus = s;
	env->common.pc = env->mepc & ~1ULL;
	riscv_set_mode(env, mpp);
	return 0;
}
DEFINE_HELPER(mret);

HELPER(sret)
{
	CPURISCVState *env = opaque;
	uint64_t s = env->mstatus;
	uint64_t spp = get_field(s, MSTATUS_SPP);

	if (env->priv < PRV_S || (env->priv == PRV_S && (s & MSTATUS_TSR)))
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, a);
	s = (s & ~MSTATUS_SIE) | ((s & MSTATUS_SPIE) ? MSTATUS_SIE : 0);
	s |= MSTATUS_SPIE;
	s &= ~MSTATUS_SPP;
	s &= ~MSTATUS_MPRV; /* returning to S or U always leaves M */
	env->mstatus = s;
	env->common.pc = env->sepc & ~1ULL;
	riscv_set_mode(env, spp);
	return 0;
}
DEFINE_HELPER(sret);

HELPER(wfi)
{
	CPURISCVState *env = opaque;
	CPUState *cs = &env_cpu(env)->parent_obj;

	if (env->priv == PRV_U || (env->priv == PRV_S && (env->mstatus & MSTATUS_TW)))
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, a);
	if (!riscv_cpu_has_work(cs)) {
		cs->halted = true;
		cpu_exit(cs); /* leave the block loop now */
	}
	return 0;
}
DEFINE_HELPER(wfi);

HELPER(sfence_vma)
{
	CPURISCVState *env = opaque;
	CPUState *cs = &env_cpu(env)->parent_obj;

	if (env->priv == PRV_U || (env->priv == PRV_S && (env->mstatus & MSTATUS_TVM)))
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, a);
	/* rs1 = x0 flushes everything; otherwise only the page holding the address in rs1. */
	if ((a >> 15) & 31)
		tlb_flush_page(cs, b);
	else
		tlb_flush(cs);
	return 0;
}
DEFINE_HELPER(sfence_vma);

/* Carry-less multiply: the 128-bit product of a and b over GF(2). */
static void clmul128(uint64_t a, uint64_t b, uint64_t *lo, uint64_t *hi)
{
	uint64_t l = 0, h = 0;
	for (int i = 0; i < 64; i++) {
		if ((b >> i) & 1) {
			l ^= a << i;
			h ^= i ? a >> (64 - i) : 0;
		}
	}
	*lo = l;
	*hi = h;
}

/* c: 0 orc.b, 1 clmul, 2 clmulh, 3 clmulr */
HELPER(bitop)
{
	uint64_t lo, hi, r = 0;

	if (c == 0) {
		for (int i = 0; i < 64; i += 8)
			if ((a >> i) & 0xff)
				r |= 0xffULL << i;
		return r;
	}
	clmul128(a, b, &lo, &hi);
	if (c == 1)
		return lo;
	if (c == 2)
		return hi;
	return hi << 1 | lo >> 63; /* bits 126..63 */
}
DEFINE_HELPER_NO_GLOBAL_WRITES(bitop);

/*
 * Cache-block operations on a machine without caches: permissions as the spec sets them
 * (menvcfg for S and U, senvcfg for U), an address check like a store, and for cbo.zero the
 * 64 zero bytes. b = 0 inval, 1 clean, 2 flush, 4 zero; c = the instruction for mtval.
 */
#define CBO_BLOCK 64

static bool cbo_enabled(CPURISCVState *env, int op)
{
	uint64_t bits;
	int shift = op == 4 ? 7 : op == 0 ? 4 : 6; /* CBZE, CBIE (2 bits), CBCFE */
	uint64_t mask = op == 0 ? 3 : 1;

	if (env->priv == PRV_M)
		return true;
	bits = (env->menvcfg >> shift) & mask;
	if (env->priv == PRV_U)
		bits &= (env->senvcfg >> shift) & mask;
	return bits != 0;
}

HELPER(cbo)
{
	CPURISCVState *env = opaque;
	CPUState *cs = &env_cpu(env)->parent_obj;
	int mmu_idx = riscv_data_mmu_idx(env);
	uint64_t base = a & ~(uint64_t)(CBO_BLOCK - 1);

	if (!cbo_enabled(env, b))
		riscv_raise_exception(env, EXCP_ILLEGAL_INST, c);
	cpu_probe_access(cs, base, CBO_BLOCK, MMU_DATA_STORE, mmu_idx);
	if (b == 4)
		for (int i = 0; i < CBO_BLOCK; i += 8)
			cpu_store(cs, base + i, 0, MO_64, mmu_idx);
	return 0;
}
DEFINE_HELPER_NO_GLOBAL_WRITES(cbo);
