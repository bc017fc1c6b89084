// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Physical memory protection: 16 entries of (cfg, addr) checked in order, lowest match wins.
 * The TLB caches translations per page, so a check answers for a whole page when one entry
 * (or none) decides all of it; otherwise it answers for the access itself (all of whose
 * bytes one entry must hold) and the caller keeps the translation out of the TLB, so the next
 * access is checked again.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "pmp.h"

#define PMP_R	    1
#define PMP_W	    2
#define PMP_X	    4
#define PMP_A_SHIFT 3
#define PMP_L	    0x80
enum { PMP_OFF, PMP_TOR, PMP_NA4, PMP_NAPOT };

static uint8_t pmp_cfg(CPURISCVState *env, int i)
{
	return env->pmpcfg[i / 8] >> (8 * (i % 8));
}

/* The entry's range as [lo, hi] (inclusive); false when it is off or empty. */
static bool pmp_range(CPURISCVState *env, int i, uint64_t *lo, uint64_t *hi)
{
	uint8_t cfg = pmp_cfg(env, i);
	uint64_t a = env->pmpaddr[i];

	switch ((cfg >> PMP_A_SHIFT) & 3) {
	case PMP_TOR: {
		uint64_t base = i ? env->pmpaddr[i - 1] << 2 : 0;
		if ((a << 2) <= base)
			return false;
		*lo = base;
		*hi = (a << 2) - 1;
		return true;
	}
	case PMP_NA4:
		*lo = a << 2;
		*hi = *lo + 3;
		return true;
	case PMP_NAPOT: {
		uint64_t mask = a ^ (a + 1); /* the trailing ones and the zero above them */
		*lo = (a & ~mask) << 2;
		*hi = *lo + ((mask + 1) << 2) - 1;
		if (mask + 1 == 0 || ((mask + 1) << 2) == 0)
			*hi = UINT64_MAX;
		return true;
	}
	default:
		return false;
	}
}

/* Permissions an entry grants at priv, as PAGE_* style bits R=1 W=2 X=4. */
static int entry_prot(uint8_t cfg, int priv)
{
	if (priv == PRV_M && !(cfg & PMP_L))
		return PMP_R | PMP_W | PMP_X;
	return cfg & (PMP_R | PMP_W | PMP_X);
}

/* Decides [lo, hi]: the permission bits, or -1 when entries split the range. */
static int pmp_decide(CPURISCVState *env, uint64_t lo, uint64_t hi, int priv)
{
	for (int i = 0; i < PMP_ENTRIES; i++) {
		uint64_t elo, ehi;
		if (!pmp_range(env, i, &elo, &ehi) || ehi < lo || elo > hi)
			continue;
		if (elo <= lo && ehi >= hi)
			return entry_prot(pmp_cfg(env, i), priv);
		return -1;
	}
	/* No entry matches: M may go on; S and U may not (16 entries are implemented). */
	return priv == PRV_M ? PMP_R | PMP_W | PMP_X : 0;
}

bool riscv_pmp_any_active(CPURISCVState *env)
{
	for (int i = 0; i < PMP_ENTRIES; i++)
		if ((pmp_cfg(env, i) >> PMP_A_SHIFT) & 3)
			return true;
	return false;
}

int riscv_pmp_prot(CPURISCVState *env, uint64_t paddr, unsigned size, int priv, bool *whole_page)
{
	uint64_t page = paddr & TARGET_PAGE_MASK;
	int prot = pmp_decide(env, page, page + TARGET_PAGE_SIZE - 1, priv);

	*whole_page = prot >= 0;
	if (prot >= 0)
		return prot;
	/* Entries split the page: decide this access, all of whose bytes one entry must hold. */
	prot = pmp_decide(env, paddr, paddr + size - 1, priv);
	return prot < 0 ? 0 : prot;
}
