// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V F and D computational operations as pure helpers: each takes raw
 * IEEE 754 binary32/binary64 bit patterns (integers for the conversions), a
 * rounding mode already resolved by the caller (dynamic rm replaced by frm,
 * reserved values rejected), and ORs the exception flags it raises into
 * *fflags. Results follow the RISC-V unprivileged spec (canonical NaNs,
 * saturating conversions, minimumNumber/maximumNumber for fmin/fmax, tininess
 * detected after rounding) and never depend on the host. Integer results are
 * returned as the 64-bit register value, 32-bit ones sign-extended.
 */
#ifndef RISCV_FPU_H
#define RISCV_FPU_H

#include <stdint.h>

enum {
	RV_RM_RNE = 0,
	RV_RM_RTZ = 1,
	RV_RM_RDN = 2,
	RV_RM_RUP = 3,
	RV_RM_RMM = 4,
};

enum {
	RV_FFLAG_NX = 1,
	RV_FFLAG_UF = 2,
	RV_FFLAG_OF = 4,
	RV_FFLAG_DZ = 8,
	RV_FFLAG_NV = 16,
};

/* fclass result bits */
enum {
	RV_FCLASS_NEG_INF = 1 << 0,
	RV_FCLASS_NEG_NORMAL = 1 << 1,
	RV_FCLASS_NEG_SUBNORMAL = 1 << 2,
	RV_FCLASS_NEG_ZERO = 1 << 3,
	RV_FCLASS_POS_ZERO = 1 << 4,
	RV_FCLASS_POS_SUBNORMAL = 1 << 5,
	RV_FCLASS_POS_NORMAL = 1 << 6,
	RV_FCLASS_POS_INF = 1 << 7,
	RV_FCLASS_SNAN = 1 << 8,
	RV_FCLASS_QNAN = 1 << 9,
};

#define RV_CANONICAL_NAN_S 0x7fc00000u
#define RV_CANONICAL_NAN_D 0x7ff8000000000000ull

/* Single precision (F) */
uint32_t rv_fadd_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t rv_fsub_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t rv_fmul_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t rv_fdiv_s(uint32_t a, uint32_t b, int rm, uint32_t *fflags);
uint32_t rv_fsqrt_s(uint32_t a, int rm, uint32_t *fflags);
uint32_t rv_fmin_s(uint32_t a, uint32_t b, uint32_t *fflags);
uint32_t rv_fmax_s(uint32_t a, uint32_t b, uint32_t *fflags);
uint32_t rv_fmadd_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags);
uint32_t rv_fmsub_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags);
uint32_t rv_fnmadd_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags);
uint32_t rv_fnmsub_s(uint32_t a, uint32_t b, uint32_t c, int rm, uint32_t *fflags);
uint64_t rv_feq_s(uint32_t a, uint32_t b, uint32_t *fflags);
uint64_t rv_flt_s(uint32_t a, uint32_t b, uint32_t *fflags);
uint64_t rv_fle_s(uint32_t a, uint32_t b, uint32_t *fflags);
uint64_t rv_fclass_s(uint32_t a);
uint64_t rv_fcvt_w_s(uint32_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_wu_s(uint32_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_l_s(uint32_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_lu_s(uint32_t a, int rm, uint32_t *fflags);
uint32_t rv_fcvt_s_w(int32_t a, int rm, uint32_t *fflags);
uint32_t rv_fcvt_s_wu(uint32_t a, int rm, uint32_t *fflags);
uint32_t rv_fcvt_s_l(int64_t a, int rm, uint32_t *fflags);
uint32_t rv_fcvt_s_lu(uint64_t a, int rm, uint32_t *fflags);

/* Double precision (D) */
uint64_t rv_fadd_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t rv_fsub_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t rv_fmul_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t rv_fdiv_d(uint64_t a, uint64_t b, int rm, uint32_t *fflags);
uint64_t rv_fsqrt_d(uint64_t a, int rm, uint32_t *fflags);
uint64_t rv_fmin_d(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t rv_fmax_d(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t rv_fmadd_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags);
uint64_t rv_fmsub_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags);
uint64_t rv_fnmadd_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags);
uint64_t rv_fnmsub_d(uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fflags);
uint64_t rv_feq_d(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t rv_flt_d(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t rv_fle_d(uint64_t a, uint64_t b, uint32_t *fflags);
uint64_t rv_fclass_d(uint64_t a);
uint64_t rv_fcvt_w_d(uint64_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_wu_d(uint64_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_l_d(uint64_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_lu_d(uint64_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_d_w(int32_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_d_wu(uint32_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_d_l(int64_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_d_lu(uint64_t a, int rm, uint32_t *fflags);

/* Between the formats: narrowing rounds, widening is exact */
uint32_t rv_fcvt_s_d(uint64_t a, int rm, uint32_t *fflags);
uint64_t rv_fcvt_d_s(uint32_t a, uint32_t *fflags);

#endif
