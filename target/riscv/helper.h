// SPDX-License-Identifier: GPL-2.0-or-later
/* The helpers translated code calls, declared once for the translator. */
#ifndef TARGET_RISCV_HELPER_H
#define TARGET_RISCV_HELPER_H

#include "accel/tcg/ir.h"

extern const IRHelper helper_raise_exception; /* (cause, tval) */
extern const IRHelper helper_csr;	      /* (csrno | write << 12, new, mask, insn) -> old */
extern const IRHelper helper_atomic;	      /* (addr, value, op | size << 8 | mmu << 16) */
extern const IRHelper helper_mret;	      /* (insn) */
extern const IRHelper helper_sret;	      /* (insn) */
extern const IRHelper helper_wfi;	      /* (insn) */
extern const IRHelper helper_sfence_vma;      /* (insn, vaddr) */
extern const IRHelper helper_fp;	      /* (a, b, c, op | rm << 8): see fpu_helper.h */
extern const IRHelper helper_cbo;	      /* (addr, op, insn): Zicbom/Zicboz */
extern const IRHelper helper_bitop;	      /* (a, b, op): orc.b, clmul, clmulh, clmulr */
extern const IRHelper helper_semihosting;     /* (): operation a0, arguments at a1 -> a0 */

/* helper_atomic's operations (the low byte of its third argument). */
enum {
	ATOMIC_LR,
	ATOMIC_SC,
	ATOMIC_SWAP,
	ATOMIC_ADD,
	ATOMIC_XOR,
	ATOMIC_AND,
	ATOMIC_OR,
	ATOMIC_MIN,
	ATOMIC_MAX,
	ATOMIC_MINU,
	ATOMIC_MAXU
};

#endif
