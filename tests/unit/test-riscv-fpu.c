// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the RISC-V floating-point core (target/riscv/fpu.c). Each
 * operation has a table of hand-checked vectors (operands, rounding mode,
 * expected bits and expected flags) covering every rounding mode and flag,
 * signed zeros, infinities, quiet and signalling NaNs, subnormals, overflow,
 * underflow with tininess after rounding, RMM ties, single rounding in fused
 * multiply-add and integer conversion limits; every vector is a test case of
 * its own. A randomized part then compares round-to-nearest add, sub, mul,
 * div, sqrt and fma with the host's IEEE arithmetic, results and flags, and
 * checks that the host fast path agrees with the soft-float.
 */
#include "qemu/osdep.h"
#include <fenv.h>
#include <float.h>
#include <math.h>
#include "fpu.h"

#define RNE RV_RM_RNE
#define RTZ RV_RM_RTZ
#define RDN RV_RM_RDN
#define RUP RV_RM_RUP
#define RMM RV_RM_RMM

#define NX RV_FFLAG_NX
#define UF RV_FFLAG_UF
#define OF RV_FFLAG_OF
#define DZ RV_FFLAG_DZ
#define NV RV_FFLAG_NV

/* Single precision encodings */
#define S_ZERO	0x00000000u
#define S_NZERO	0x80000000u
#define S_ONE	0x3f800000u
#define S_NONE	0xbf800000u
#define S_TWO	0x40000000u
#define S_HALF	0x3f000000u
#define S_NHALF	0xbf000000u
#define S_INF	0x7f800000u
#define S_NINF	0xff800000u
#define S_QNAN	0x7fc00000u	/* the canonical NaN */
#define S_NQNAN	0xffc00001u	/* negative, with a payload */
#define S_SNAN	0x7f800001u
#define S_NSNAN	0xffa00000u
#define S_MAX	0x7f7fffffu
#define S_NMAX	0xff7fffffu
#define S_MIN	0x00800000u	/* smallest normal, 2^-126 */
#define S_DMIN	0x00000001u	/* smallest subnormal, 2^-149 */
#define S_DMAX	0x007fffffu

/* Double precision encodings */
#define D_ZERO	0x0000000000000000ull
#define D_NZERO	0x8000000000000000ull
#define D_ONE	0x3ff0000000000000ull
#define D_NONE	0xbff0000000000000ull
#define D_TWO	0x4000000000000000ull
#define D_THREE	0x4008000000000000ull
#define D_HALF	0x3fe0000000000000ull
#define D_NHALF	0xbfe0000000000000ull
#define D_INF	0x7ff0000000000000ull
#define D_NINF	0xfff0000000000000ull
#define D_QNAN	0x7ff8000000000000ull
#define D_NQNAN	0xfff8000000000001ull
#define D_SNAN	0x7ff0000000000001ull
#define D_NSNAN	0xfff4000000000000ull
#define D_MAX	0x7fefffffffffffffull
#define D_NMAX	0xffefffffffffffffull
#define D_MIN	0x0010000000000000ull
#define D_DMIN	0x0000000000000001ull
#define D_DMAX	0x000fffffffffffffull

/* Sign-extended 32-bit register values */
#define W(x)	((uint64_t)(int64_t)(int32_t)(uint32_t)(x))

enum op {
	FADD_S, FSUB_S, FMUL_S, FDIV_S, FSQRT_S, FMIN_S, FMAX_S,
	FMADD_S, FMSUB_S, FNMADD_S, FNMSUB_S, FEQ_S, FLT_S, FLE_S, FCLASS_S,
	FCVT_W_S, FCVT_WU_S, FCVT_L_S, FCVT_LU_S,
	FCVT_S_W, FCVT_S_WU, FCVT_S_L, FCVT_S_LU,
	FADD_D, FSUB_D, FMUL_D, FDIV_D, FSQRT_D, FMIN_D, FMAX_D,
	FMADD_D, FMSUB_D, FNMADD_D, FNMSUB_D, FEQ_D, FLT_D, FLE_D, FCLASS_D,
	FCVT_W_D, FCVT_WU_D, FCVT_L_D, FCVT_LU_D,
	FCVT_D_W, FCVT_D_WU, FCVT_D_L, FCVT_D_LU,
	FCVT_S_D, FCVT_D_S,
};

/* One vector: operands a, b, c (unused ones 0), expected bits and flags */
struct vec {
	int rm;
	uint64_t a, b, c;
	uint64_t want;
	uint32_t flags;
};

static uint64_t run(enum op op, const struct vec *v, uint32_t *fl)
{
	int rm = v->rm;

	switch (op) {
	case FADD_S: return rv_fadd_s(v->a, v->b, rm, fl);
	case FSUB_S: return rv_fsub_s(v->a, v->b, rm, fl);
	case FMUL_S: return rv_fmul_s(v->a, v->b, rm, fl);
	case FDIV_S: return rv_fdiv_s(v->a, v->b, rm, fl);
	case FSQRT_S: return rv_fsqrt_s(v->a, rm, fl);
	case FMIN_S: return rv_fmin_s(v->a, v->b, fl);
	case FMAX_S: return rv_fmax_s(v->a, v->b, fl);
	case FMADD_S: return rv_fmadd_s(v->a, v->b, v->c, rm, fl);
	case FMSUB_S: return rv_fmsub_s(v->a, v->b, v->c, rm, fl);
	case FNMADD_S: return rv_fnmadd_s(v->a, v->b, v->c, rm, fl);
	case FNMSUB_S: return rv_fnmsub_s(v->a, v->b, v->c, rm, fl);
	case FEQ_S: return rv_feq_s(v->a, v->b, fl);
	case FLT_S: return rv_flt_s(v->a, v->b, fl);
	case FLE_S: return rv_fle_s(v->a, v->b, fl);
	case FCLASS_S: return rv_fclass_s(v->a);
	case FCVT_W_S: return rv_fcvt_w_s(v->a, rm, fl);
	case FCVT_WU_S: return rv_fcvt_wu_s(v->a, rm, fl);
	case FCVT_L_S: return rv_fcvt_l_s(v->a, rm, fl);
	case FCVT_LU_S: return rv_fcvt_lu_s(v->a, rm, fl);
	case FCVT_S_W: return rv_fcvt_s_w(v->a, rm, fl);
	case FCVT_S_WU: return rv_fcvt_s_wu(v->a, rm, fl);
	case FCVT_S_L: return rv_fcvt_s_l(v->a, rm, fl);
	case FCVT_S_LU: return rv_fcvt_s_lu(v->a, rm, fl);
	case FADD_D: return rv_fadd_d(v->a, v->b, rm, fl);
	case FSUB_D: return rv_fsub_d(v->a, v->b, rm, fl);
	case FMUL_D: return rv_fmul_d(v->a, v->b, rm, fl);
	case FDIV_D: return rv_fdiv_d(v->a, v->b, rm, fl);
	case FSQRT_D: return rv_fsqrt_d(v->a, rm, fl);
	case FMIN_D: return rv_fmin_d(v->a, v->b, fl);
	case FMAX_D: return rv_fmax_d(v->a, v->b, fl);
	case FMADD_D: return rv_fmadd_d(v->a, v->b, v->c, rm, fl);
	case FMSUB_D: return rv_fmsub_d(v->a, v->b, v->c, rm, fl);
	case FNMADD_D: return rv_fnmadd_d(v->a, v->b, v->c, rm, fl);
	case FNMSUB_D: return rv_fnmsub_d(v->a, v->b, v->c, rm, fl);
	case FEQ_D: return rv_feq_d(v->a, v->b, fl);
	case FLT_D: return rv_flt_d(v->a, v->b, fl);
	case FLE_D: return rv_fle_d(v->a, v->b, fl);
	case FCLASS_D: return rv_fclass_d(v->a);
	case FCVT_W_D: return rv_fcvt_w_d(v->a, rm, fl);
	case FCVT_WU_D: return rv_fcvt_wu_d(v->a, rm, fl);
	case FCVT_L_D: return rv_fcvt_l_d(v->a, rm, fl);
	case FCVT_LU_D: return rv_fcvt_lu_d(v->a, rm, fl);
	case FCVT_D_W: return rv_fcvt_d_w(v->a, rm, fl);
	case FCVT_D_WU: return rv_fcvt_d_wu(v->a, rm, fl);
	case FCVT_D_L: return rv_fcvt_d_l(v->a, rm, fl);
	case FCVT_D_LU: return rv_fcvt_d_lu(v->a, rm, fl);
	case FCVT_S_D: return rv_fcvt_s_d(v->a, rm, fl);
	case FCVT_D_S: return rv_fcvt_d_s(v->a, fl);
	}
	g_assert_not_reached();
}

static const struct vec fadd_s[] = {
	{ RNE, S_ONE, S_ONE, 0, S_TWO, 0 },
	/* 1 + 2^-24 is a tie between 1 and 1 + 2^-23 */
	{ RNE, S_ONE, 0x33800000, 0, S_ONE, NX },
	{ RTZ, S_ONE, 0x33800000, 0, S_ONE, NX },
	{ RDN, S_ONE, 0x33800000, 0, S_ONE, NX },
	{ RUP, S_ONE, 0x33800000, 0, 0x3f800001, NX },
	{ RMM, S_ONE, 0x33800000, 0, 0x3f800001, NX },
	/* the same tie from an odd neighbour: RNE goes up too */
	{ RNE, 0x3f800001, 0x33800000, 0, 0x3f800002, NX },
	{ RMM, 0x3f800001, 0x33800000, 0, 0x3f800002, NX },
	{ RTZ, 0x3f800001, 0x33800000, 0, 0x3f800001, NX },
	/* negative tie: directed modes go by sign */
	{ RNE, S_NONE, 0xb3800000, 0, S_NONE, NX },
	{ RMM, S_NONE, 0xb3800000, 0, 0xbf800001, NX },
	{ RDN, S_NONE, 0xb3800000, 0, 0xbf800001, NX },
	{ RUP, S_NONE, 0xb3800000, 0, S_NONE, NX },
	{ RTZ, S_NONE, 0xb3800000, 0, S_NONE, NX },
	/* three quarters of an ulp rounds up */
	{ RNE, S_ONE, 0x33c00000, 0, 0x3f800001, NX },
	{ RDN, S_ONE, 0x33c00000, 0, S_ONE, NX },
	/* exact zero sums: +0 except when rounding down */
	{ RNE, S_ONE, S_NONE, 0, S_ZERO, 0 },
	{ RDN, S_ONE, S_NONE, 0, S_NZERO, 0 },
	{ RUP, S_ONE, S_NONE, 0, S_ZERO, 0 },
	{ RNE, S_ZERO, S_NZERO, 0, S_ZERO, 0 },
	{ RDN, S_ZERO, S_NZERO, 0, S_NZERO, 0 },
	{ RNE, S_NZERO, S_NZERO, 0, S_NZERO, 0 },
	{ RUP, S_NZERO, S_NZERO, 0, S_NZERO, 0 },
	{ RNE, S_NZERO, S_ONE, 0, S_ONE, 0 },
	{ RNE, S_DMIN, S_NZERO, 0, S_DMIN, 0 },
	/* infinities */
	{ RNE, S_INF, S_NINF, 0, S_QNAN, NV },
	{ RNE, S_NINF, S_INF, 0, S_QNAN, NV },
	{ RNE, S_INF, S_INF, 0, S_INF, 0 },
	{ RNE, S_NINF, S_ONE, 0, S_NINF, 0 },
	{ RNE, S_MAX, S_INF, 0, S_INF, 0 },
	/* NaNs come out canonical; only signalling ones are invalid */
	{ RNE, S_QNAN, S_ONE, 0, S_QNAN, 0 },
	{ RNE, S_NQNAN, S_ONE, 0, S_QNAN, 0 },
	{ RNE, S_ONE, S_NQNAN, 0, S_QNAN, 0 },
	{ RNE, S_SNAN, S_ONE, 0, S_QNAN, NV },
	{ RNE, S_ONE, S_NSNAN, 0, S_QNAN, NV },
	{ RNE, S_QNAN, S_SNAN, 0, S_QNAN, NV },
	{ RNE, S_INF, S_QNAN, 0, S_QNAN, 0 },
	/* overflow: infinity or the largest finite, by mode and sign */
	{ RNE, S_MAX, S_MAX, 0, S_INF, OF | NX },
	{ RMM, S_MAX, S_MAX, 0, S_INF, OF | NX },
	{ RTZ, S_MAX, S_MAX, 0, S_MAX, OF | NX },
	{ RDN, S_MAX, S_MAX, 0, S_MAX, OF | NX },
	{ RUP, S_MAX, S_MAX, 0, S_INF, OF | NX },
	{ RNE, S_NMAX, S_NMAX, 0, S_NINF, OF | NX },
	{ RTZ, S_NMAX, S_NMAX, 0, S_NMAX, OF | NX },
	{ RDN, S_NMAX, S_NMAX, 0, S_NINF, OF | NX },
	{ RUP, S_NMAX, S_NMAX, 0, S_NMAX, OF | NX },
	/* max + half an ulp: a tie that overflows, but not when truncated */
	{ RNE, S_MAX, 0x73000000, 0, S_INF, OF | NX },
	{ RTZ, S_MAX, 0x73000000, 0, S_MAX, NX },
	{ RNE, S_MAX, 0x72800000, 0, S_MAX, NX },
	/* subnormal sums are exact and raise nothing */
	{ RNE, S_DMIN, S_DMIN, 0, 0x00000002, 0 },
	{ RNE, S_DMAX, S_DMIN, 0, S_MIN, 0 },
	{ RNE, 0x00800001, 0x80800000, 0, S_DMIN, 0 },
	{ RNE, 0x00400000, 0x00400000, 0, S_MIN, 0 },
};

static const struct vec fsub_s[] = {
	{ RNE, S_TWO, S_ONE, 0, S_ONE, 0 },
	{ RNE, S_ONE, S_ONE, 0, S_ZERO, 0 },
	{ RDN, S_ONE, S_ONE, 0, S_NZERO, 0 },
	{ RNE, S_NZERO, S_ZERO, 0, S_NZERO, 0 },
	{ RNE, S_ZERO, S_ZERO, 0, S_ZERO, 0 },
	{ RDN, S_ZERO, S_ZERO, 0, S_NZERO, 0 },
	/* 1 - 2^-25 is a tie between 1 - 2^-24 and 1 */
	{ RNE, S_ONE, 0x33000000, 0, S_ONE, NX },
	{ RTZ, S_ONE, 0x33000000, 0, 0x3f7fffff, NX },
	{ RDN, S_ONE, 0x33000000, 0, 0x3f7fffff, NX },
	{ RUP, S_ONE, 0x33000000, 0, S_ONE, NX },
	{ RMM, S_ONE, 0x33000000, 0, S_ONE, NX },
	/* cancellation is exact */
	{ RNE, 0x3f800001, S_ONE, 0, 0x34000000, 0 },
	{ RNE, S_MIN, S_DMAX, 0, S_DMIN, 0 },
	{ RNE, S_INF, S_INF, 0, S_QNAN, NV },
	{ RNE, S_INF, S_NINF, 0, S_INF, 0 },
	{ RNE, S_SNAN, S_SNAN, 0, S_QNAN, NV },
	{ RNE, S_ONE, S_QNAN, 0, S_QNAN, 0 },
	{ RUP, S_NMAX, S_MAX, 0, S_NMAX, OF | NX },
	{ RDN, S_NMAX, S_MAX, 0, S_NINF, OF | NX },
};

static const struct vec fmul_s[] = {
	{ RNE, S_TWO, 0x40400000, 0, 0x40c00000, 0 },
	/* (1 + 2^-23)^2 = 1 + 2^-22 + 2^-46 */
	{ RNE, 0x3f800001, 0x3f800001, 0, 0x3f800002, NX },
	{ RUP, 0x3f800001, 0x3f800001, 0, 0x3f800003, NX },
	{ RTZ, 0x3f800001, 0x3f800001, 0, 0x3f800002, NX },
	/* (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24, a tie */
	{ RNE, 0x3f800800, 0x3f800800, 0, 0x3f801000, NX },
	{ RMM, 0x3f800800, 0x3f800800, 0, 0x3f801001, NX },
	{ RDN, 0x3f800800, 0xbf800800, 0, 0xbf801001, NX },
	{ RUP, 0x3f800800, 0xbf800800, 0, 0xbf801000, NX },
	/* zeros and infinities */
	{ RNE, S_ZERO, S_INF, 0, S_QNAN, NV },
	{ RNE, S_NINF, S_NZERO, 0, S_QNAN, NV },
	{ RNE, S_INF, 0xc0000000, 0, S_NINF, 0 },
	{ RNE, S_NZERO, 0x40a00000, 0, S_NZERO, 0 },
	{ RNE, S_NZERO, S_NZERO, 0, S_ZERO, 0 },
	{ RNE, S_DMIN, S_NZERO, 0, S_NZERO, 0 },
	{ RNE, S_QNAN, S_ZERO, 0, S_QNAN, 0 },
	{ RNE, S_SNAN, S_ZERO, 0, S_QNAN, NV },
	{ RNE, S_INF, S_NSNAN, 0, S_QNAN, NV },
	/* overflow */
	{ RNE, S_MAX, S_TWO, 0, S_INF, OF | NX },
	{ RTZ, S_MAX, S_TWO, 0, S_MAX, OF | NX },
	{ RUP, S_NMAX, S_TWO, 0, S_NMAX, OF | NX },
	{ RDN, S_NMAX, S_TWO, 0, S_NINF, OF | NX },
	{ RMM, S_NMAX, S_TWO, 0, S_NINF, OF | NX },
	/* tiny but exact: no underflow flag */
	{ RNE, S_MIN, S_HALF, 0, 0x00400000, 0 },
	{ RNE, S_DMAX, S_TWO, 0, 0x00fffffe, 0 },
	/* half the smallest subnormal: a tie between 0 and it */
	{ RNE, S_DMIN, S_HALF, 0, S_ZERO, UF | NX },
	{ RTZ, S_DMIN, S_HALF, 0, S_ZERO, UF | NX },
	{ RUP, S_DMIN, S_HALF, 0, S_DMIN, UF | NX },
	{ RMM, S_DMIN, S_HALF, 0, S_DMIN, UF | NX },
	{ RNE, S_DMIN, S_NHALF, 0, S_NZERO, UF | NX },
	{ RDN, S_DMIN, S_NHALF, 0, 0x80000001, UF | NX },
	{ RNE, S_DMIN, 0x3f400000, 0, S_DMIN, UF | NX },
	{ RNE, 0x00000003, S_HALF, 0, 0x00000002, UF | NX },
	{ RNE, S_MIN, 0x00800000, 0, S_ZERO, UF | NX },
	/*
	 * (1 + 2^-23)(2^-126 - 2^-149) = (1 - 2^-46) 2^-126 rounds to 2^-126
	 * even with an unbounded exponent: not tiny, so no underflow.
	 */
	{ RNE, 0x3f800001, S_DMAX, 0, S_MIN, NX },
	{ RUP, 0x3f800001, S_DMAX, 0, S_MIN, NX },
	{ RMM, 0x3f800001, S_DMAX, 0, S_MIN, NX },
	{ RTZ, 0x3f800001, S_DMAX, 0, S_DMAX, UF | NX },
	{ RDN, 0x3f800001, S_DMAX, 0, S_DMAX, UF | NX },
	/*
	 * (1 - 8000000 * 2^-47) 2^-126: at 24 bits it rounds to 1 - 2^-24,
	 * still tiny, yet at subnormal precision it rounds up to 2^-126.
	 */
	{ RNE, 0x3f7ff060, 0x008007d0, 0, S_MIN, UF | NX },
	{ RUP, 0x3f7ff060, 0x008007d0, 0, S_MIN, NX },
	{ RTZ, 0x3f7ff060, 0x008007d0, 0, S_DMAX, UF | NX },
};

static const struct vec fdiv_s[] = {
	{ RNE, 0x40c00000, S_TWO, 0, 0x40400000, 0 },
	{ RNE, S_ONE, 0x40400000, 0, 0x3eaaaaab, NX },
	{ RTZ, S_ONE, 0x40400000, 0, 0x3eaaaaaa, NX },
	{ RDN, S_ONE, 0x40400000, 0, 0x3eaaaaaa, NX },
	{ RUP, S_ONE, 0x40400000, 0, 0x3eaaaaab, NX },
	{ RMM, S_ONE, 0x40400000, 0, 0x3eaaaaab, NX },
	{ RDN, S_NONE, 0x40400000, 0, 0xbeaaaaab, NX },
	{ RUP, S_NONE, 0x40400000, 0, 0xbeaaaaaa, NX },
	{ RNE, S_TWO, 0x40400000, 0, 0x3f2aaaab, NX },
	/* division by zero only for a finite nonzero dividend */
	{ RNE, S_ONE, S_ZERO, 0, S_INF, DZ },
	{ RNE, S_NONE, S_ZERO, 0, S_NINF, DZ },
	{ RNE, S_ONE, S_NZERO, 0, S_NINF, DZ },
	{ RNE, S_DMIN, S_NZERO, 0, S_NINF, DZ },
	{ RNE, S_INF, S_ZERO, 0, S_INF, 0 },
	{ RNE, S_ZERO, S_ZERO, 0, S_QNAN, NV },
	{ RNE, S_INF, S_NINF, 0, S_QNAN, NV },
	{ RNE, S_ZERO, S_INF, 0, S_ZERO, 0 },
	{ RNE, S_NONE, S_INF, 0, S_NZERO, 0 },
	{ RNE, S_NZERO, S_ONE, 0, S_NZERO, 0 },
	{ RNE, S_QNAN, S_ZERO, 0, S_QNAN, 0 },
	{ RNE, S_SNAN, S_ONE, 0, S_QNAN, NV },
	{ RNE, S_ONE, S_SNAN, 0, S_QNAN, NV },
	/* overflow and underflow */
	{ RNE, S_MAX, S_HALF, 0, S_INF, OF | NX },
	{ RTZ, S_MAX, S_HALF, 0, S_MAX, OF | NX },
	{ RNE, S_ONE, S_DMIN, 0, S_INF, OF | NX },
	{ RNE, S_MIN, 0x40400000, 0, 0x002aaaab, UF | NX },
	{ RTZ, S_MIN, 0x40400000, 0, 0x002aaaaa, UF | NX },
	{ RNE, S_MIN, S_TWO, 0, 0x00400000, 0 },
	{ RNE, S_DMIN, S_TWO, 0, S_ZERO, UF | NX },
	{ RUP, S_DMIN, S_TWO, 0, S_DMIN, UF | NX },
	{ RNE, S_DMIN, S_MAX, 0, S_ZERO, UF | NX },
	/* subnormal operands */
	{ RNE, S_DMIN, S_DMIN, 0, S_ONE, 0 },
	{ RNE, S_DMAX, S_MIN, 0, 0x3f7ffffe, 0 },
};

static const struct vec fsqrt_s[] = {
	{ RNE, 0x40800000, 0, 0, S_TWO, 0 },
	{ RNE, S_ONE, 0, 0, S_ONE, 0 },
	/* sqrt(2) = 1.41421356..., between 0x3fb504f3 and 0x3fb504f4 */
	{ RNE, S_TWO, 0, 0, 0x3fb504f3, NX },
	{ RTZ, S_TWO, 0, 0, 0x3fb504f3, NX },
	{ RDN, S_TWO, 0, 0, 0x3fb504f3, NX },
	{ RUP, S_TWO, 0, 0, 0x3fb504f4, NX },
	{ RMM, S_TWO, 0, 0, 0x3fb504f3, NX },
	{ RNE, S_ZERO, 0, 0, S_ZERO, 0 },
	{ RNE, S_NZERO, 0, 0, S_NZERO, 0 },
	{ RNE, S_INF, 0, 0, S_INF, 0 },
	{ RNE, S_NINF, 0, 0, S_QNAN, NV },
	{ RNE, S_NONE, 0, 0, S_QNAN, NV },
	{ RNE, 0x80000001, 0, 0, S_QNAN, NV },
	{ RNE, S_QNAN, 0, 0, S_QNAN, 0 },
	{ RNE, S_NQNAN, 0, 0, S_QNAN, 0 },
	{ RNE, S_SNAN, 0, 0, S_QNAN, NV },
	/* subnormal inputs give normal roots */
	{ RNE, 0x00000002, 0, 0, 0x1a800000, 0 },
	{ RNE, S_DMIN, 0, 0, 0x1a3504f3, NX },
	{ RUP, S_DMIN, 0, 0, 0x1a3504f4, NX },
	{ RNE, S_MAX, 0, 0, 0x5f7fffff, NX },
};

static const struct vec fmin_s[] = {
	{ RNE, S_ONE, S_TWO, 0, S_ONE, 0 },
	{ RNE, S_TWO, S_ONE, 0, S_ONE, 0 },
	{ RNE, S_NONE, S_ONE, 0, S_NONE, 0 },
	{ RNE, S_NZERO, S_ZERO, 0, S_NZERO, 0 },
	{ RNE, S_ZERO, S_NZERO, 0, S_NZERO, 0 },
	{ RNE, S_NINF, S_INF, 0, S_NINF, 0 },
	{ RNE, S_DMIN, 0x80000001, 0, 0x80000001, 0 },
	/* a NaN loses to a number */
	{ RNE, S_QNAN, S_ONE, 0, S_ONE, 0 },
	{ RNE, S_ONE, S_NQNAN, 0, S_ONE, 0 },
	{ RNE, S_SNAN, S_ONE, 0, S_ONE, NV },
	{ RNE, S_NINF, S_NSNAN, 0, S_NINF, NV },
	{ RNE, S_QNAN, S_QNAN, 0, S_QNAN, 0 },
	{ RNE, S_NQNAN, S_NQNAN, 0, S_QNAN, 0 },
	{ RNE, S_SNAN, S_QNAN, 0, S_QNAN, NV },
};

static const struct vec fmax_s[] = {
	{ RNE, S_ONE, S_TWO, 0, S_TWO, 0 },
	{ RNE, S_NONE, 0xc0000000, 0, S_NONE, 0 },
	{ RNE, S_NZERO, S_ZERO, 0, S_ZERO, 0 },
	{ RNE, S_ZERO, S_NZERO, 0, S_ZERO, 0 },
	{ RNE, S_MAX, S_INF, 0, S_INF, 0 },
	{ RNE, S_NQNAN, S_TWO, 0, S_TWO, 0 },
	{ RNE, S_NINF, S_QNAN, 0, S_NINF, 0 },
	{ RNE, S_SNAN, S_NINF, 0, S_NINF, NV },
	{ RNE, S_ZERO, S_SNAN, 0, S_ZERO, NV },
	{ RNE, S_QNAN, S_NSNAN, 0, S_QNAN, NV },
};

static const struct vec fmadd_s[] = {
	/* (1 + 2^-12)^2 - 1: fused keeps the 2^-24 term a separate mul drops */
	{ RNE, 0x3f800800, 0x3f800800, S_NONE, 0x3a000400, 0 },
	/* the product's tie broken by a tiny addend, in both directions */
	{ RNE, 0x3f800800, 0x3f800800, S_ZERO, 0x3f801000, NX },
	{ RMM, 0x3f800800, 0x3f800800, S_ZERO, 0x3f801001, NX },
	{ RNE, 0x3f800800, 0x3f800800, S_DMIN, 0x3f801001, NX },
	{ RNE, 0x3f800800, 0x3f800800, 0x80000001, 0x3f801000, NX },
	{ RUP, 0x3f800800, 0x3f800800, 0x80000001, 0x3f801001, NX },
	{ RTZ, 0x3f800800, 0x3f800800, S_DMIN, 0x3f801000, NX },
	/* (1 + 2^-23)^2 - (1 + 2^-22) = 2^-46 exactly */
	{ RNE, 0x3f800001, 0x3f800001, 0xbf800002, 0x28800000, 0 },
	/* 2 * max - max does not overflow when fused */
	{ RNE, S_MAX, S_TWO, S_NMAX, S_MAX, 0 },
	{ RNE, S_MAX, S_TWO, S_ZERO, S_INF, OF | NX },
	/* zeros */
	{ RNE, S_ONE, S_ONE, S_NONE, S_ZERO, 0 },
	{ RDN, S_ONE, S_ONE, S_NONE, S_NZERO, 0 },
	{ RNE, S_ZERO, S_ONE, S_NZERO, S_ZERO, 0 },
	{ RDN, S_ZERO, S_ONE, S_NZERO, S_NZERO, 0 },
	{ RNE, S_NZERO, S_ONE, S_NZERO, S_NZERO, 0 },
	{ RNE, S_NZERO, S_NZERO, S_NZERO, S_ZERO, 0 },
	{ RNE, S_ZERO, S_INF - 1, S_DMIN, S_DMIN, 0 },
	{ RNE, S_DMIN, S_DMIN, S_NZERO, S_ZERO, UF | NX },
	{ RUP, S_DMIN, S_DMIN, S_NZERO, S_DMIN, UF | NX },
	{ RNE, S_DMIN, S_NHALF, S_ZERO, S_NZERO, UF | NX },
	/* infinities and NaNs */
	{ RNE, S_INF, S_ZERO, S_QNAN, S_QNAN, NV },
	{ RNE, S_ZERO, S_NINF, S_NQNAN, S_QNAN, NV },
	{ RNE, S_INF, S_ZERO, S_ONE, S_QNAN, NV },
	{ RNE, S_INF, S_ONE, S_NINF, S_QNAN, NV },
	{ RNE, S_INF, S_NONE, S_NINF, S_NINF, 0 },
	{ RNE, S_ONE, S_ONE, S_NINF, S_NINF, 0 },
	{ RNE, S_MAX, S_MAX, S_NINF, S_NINF, 0 },
	{ RNE, S_QNAN, S_ONE, S_ONE, S_QNAN, 0 },
	{ RNE, S_ONE, S_ONE, S_QNAN, S_QNAN, 0 },
	{ RNE, S_ONE, S_ONE, S_SNAN, S_QNAN, NV },
	{ RNE, S_SNAN, S_ZERO, S_INF, S_QNAN, NV },
	{ RNE, S_INF, S_QNAN, S_NINF, S_QNAN, 0 },
	/* a product below the smallest normal, caught by tininess after */
	{ RNE, 0x3f7ff060, 0x008007d0, S_ZERO, S_MIN, UF | NX },
	{ RNE, 0x3f800001, S_DMAX, S_NZERO, S_MIN, NX },
	{ RNE, S_MIN, S_HALF, S_ZERO, 0x00400000, 0 },
	/* a tiny sum of normal terms */
	{ RNE, S_MIN, S_ONE, 0x80800001, 0x80000001, 0 },
	{ RNE, S_MIN, 0x3f000001, 0x80000000, 0x00400000, UF | NX },
	{ RUP, S_MIN, 0x3f000001, 0x80000000, 0x00400001, UF | NX },
};

static const struct vec fmsub_s[] = {
	{ RNE, 0x3f800800, 0x3f800800, S_ONE, 0x3a000400, 0 },
	{ RNE, S_TWO, 0x40400000, S_ONE, 0x40a00000, 0 },
	{ RNE, S_ZERO, S_ONE, S_ZERO, S_ZERO, 0 },
	{ RDN, S_ZERO, S_ONE, S_ZERO, S_NZERO, 0 },
	{ RNE, S_INF, S_ONE, S_INF, S_QNAN, NV },
	{ RNE, S_INF, S_ONE, S_NINF, S_INF, 0 },
	{ RNE, S_ONE, S_ONE, S_NSNAN, S_QNAN, NV },
	{ RNE, S_MAX, S_TWO, S_MAX, S_MAX, 0 },
};

static const struct vec fnmadd_s[] = {
	{ RNE, 0x3f800800, 0x3f800800, S_NONE, 0xba000400, 0 },
	{ RNE, S_TWO, 0x40400000, S_ONE, 0xc0e00000, 0 },
	{ RNE, S_ZERO, S_ONE, S_ZERO, S_NZERO, 0 },
	{ RNE, S_ONE, S_ONE, S_NONE, S_ZERO, 0 },
	{ RDN, S_ONE, S_ONE, S_NONE, S_NZERO, 0 },
	{ RNE, S_INF, S_ONE, S_NINF, S_QNAN, NV },
	{ RNE, S_NINF, S_ONE, S_NINF, S_INF, 0 },
	{ RNE, S_MAX, S_TWO, S_ZERO, S_NINF, OF | NX },
	{ RTZ, S_MAX, S_TWO, S_ZERO, S_NMAX, OF | NX },
	{ RNE, S_INF, S_ZERO, S_QNAN, S_QNAN, NV },
};

static const struct vec fnmsub_s[] = {
	{ RNE, 0x3f800800, 0x3f800800, S_ONE, 0xba000400, 0 },
	{ RNE, S_TWO, 0x40400000, S_ONE, 0xc0a00000, 0 },
	{ RNE, S_ZERO, S_ONE, S_ZERO, S_ZERO, 0 },
	{ RNE, S_ZERO, S_ONE, S_NZERO, S_NZERO, 0 },
	{ RNE, S_ONE, S_ONE, S_ONE, S_ZERO, 0 },
	{ RDN, S_ONE, S_ONE, S_ONE, S_NZERO, 0 },
	{ RNE, S_INF, S_ONE, S_INF, S_QNAN, NV },
	{ RNE, S_INF, S_NONE, S_INF, S_INF, 0 },
	{ RNE, S_SNAN, S_ONE, S_ONE, S_QNAN, NV },
};

static const struct vec feq_s[] = {
	{ RNE, S_ONE, S_ONE, 0, 1, 0 },
	{ RNE, S_ONE, S_TWO, 0, 0, 0 },
	{ RNE, S_ZERO, S_NZERO, 0, 1, 0 },
	{ RNE, S_INF, S_INF, 0, 1, 0 },
	{ RNE, S_INF, S_NINF, 0, 0, 0 },
	{ RNE, S_DMIN, 0x80000001, 0, 0, 0 },
	/* quiet compare: only a signalling NaN is invalid */
	{ RNE, S_QNAN, S_QNAN, 0, 0, 0 },
	{ RNE, S_QNAN, S_ONE, 0, 0, 0 },
	{ RNE, S_SNAN, S_ONE, 0, 0, NV },
	{ RNE, S_ONE, S_NSNAN, 0, 0, NV },
	{ RNE, S_SNAN, S_SNAN, 0, 0, NV },
};

static const struct vec flt_s[] = {
	{ RNE, S_ONE, S_TWO, 0, 1, 0 },
	{ RNE, S_TWO, S_ONE, 0, 0, 0 },
	{ RNE, S_ONE, S_ONE, 0, 0, 0 },
	{ RNE, S_NZERO, S_ZERO, 0, 0, 0 },
	{ RNE, S_ZERO, S_NZERO, 0, 0, 0 },
	{ RNE, S_NONE, S_NZERO, 0, 1, 0 },
	{ RNE, 0xc0000000, S_NONE, 0, 1, 0 },
	{ RNE, S_NONE, 0xc0000000, 0, 0, 0 },
	{ RNE, S_NINF, S_INF, 0, 1, 0 },
	{ RNE, 0x80000001, S_DMIN, 0, 1, 0 },
	{ RNE, S_DMIN, S_MIN, 0, 1, 0 },
	/* signalling compare: any NaN is invalid */
	{ RNE, S_QNAN, S_ONE, 0, 0, NV },
	{ RNE, S_ONE, S_NQNAN, 0, 0, NV },
	{ RNE, S_SNAN, S_ONE, 0, 0, NV },
};

static const struct vec fle_s[] = {
	{ RNE, S_ONE, S_TWO, 0, 1, 0 },
	{ RNE, S_ONE, S_ONE, 0, 1, 0 },
	{ RNE, S_TWO, S_ONE, 0, 0, 0 },
	{ RNE, S_ZERO, S_NZERO, 0, 1, 0 },
	{ RNE, S_NZERO, S_ZERO, 0, 1, 0 },
	{ RNE, 0x80000001, S_ZERO, 0, 1, 0 },
	{ RNE, S_DMIN, S_NZERO, 0, 0, 0 },
	{ RNE, S_INF, S_INF, 0, 1, 0 },
	{ RNE, S_INF, S_MAX, 0, 0, 0 },
	{ RNE, S_QNAN, S_QNAN, 0, 0, NV },
	{ RNE, S_NINF, S_SNAN, 0, 0, NV },
};

static const struct vec fclass_s[] = {
	{ RNE, S_NINF, 0, 0, RV_FCLASS_NEG_INF, 0 },
	{ RNE, S_NONE, 0, 0, RV_FCLASS_NEG_NORMAL, 0 },
	{ RNE, S_NMAX, 0, 0, RV_FCLASS_NEG_NORMAL, 0 },
	{ RNE, 0x80800000, 0, 0, RV_FCLASS_NEG_NORMAL, 0 },
	{ RNE, 0x80000001, 0, 0, RV_FCLASS_NEG_SUBNORMAL, 0 },
	{ RNE, 0x807fffff, 0, 0, RV_FCLASS_NEG_SUBNORMAL, 0 },
	{ RNE, S_NZERO, 0, 0, RV_FCLASS_NEG_ZERO, 0 },
	{ RNE, S_ZERO, 0, 0, RV_FCLASS_POS_ZERO, 0 },
	{ RNE, S_DMIN, 0, 0, RV_FCLASS_POS_SUBNORMAL, 0 },
	{ RNE, S_DMAX, 0, 0, RV_FCLASS_POS_SUBNORMAL, 0 },
	{ RNE, S_MIN, 0, 0, RV_FCLASS_POS_NORMAL, 0 },
	{ RNE, S_ONE, 0, 0, RV_FCLASS_POS_NORMAL, 0 },
	{ RNE, S_MAX, 0, 0, RV_FCLASS_POS_NORMAL, 0 },
	{ RNE, S_INF, 0, 0, RV_FCLASS_POS_INF, 0 },
	{ RNE, S_SNAN, 0, 0, RV_FCLASS_SNAN, 0 },
	{ RNE, S_NSNAN, 0, 0, RV_FCLASS_SNAN, 0 },
	{ RNE, 0x7fbfffff, 0, 0, RV_FCLASS_SNAN, 0 },
	{ RNE, S_QNAN, 0, 0, RV_FCLASS_QNAN, 0 },
	{ RNE, S_NQNAN, 0, 0, RV_FCLASS_QNAN, 0 },
	{ RNE, 0x7fffffff, 0, 0, RV_FCLASS_QNAN, 0 },
};

static const struct vec fcvt_w_s[] = {
	{ RNE, S_ONE, 0, 0, 1, 0 },
	{ RNE, S_NONE, 0, 0, W(-1), 0 },
	{ RNE, S_NZERO, 0, 0, 0, 0 },
	{ RNE, 0x3fc00000, 0, 0, 2, NX },		/* 1.5 */
	{ RNE, 0x40200000, 0, 0, 2, NX },		/* 2.5 */
	{ RTZ, 0x40200000, 0, 0, 2, NX },
	{ RDN, 0x40200000, 0, 0, 2, NX },
	{ RUP, 0x40200000, 0, 0, 3, NX },
	{ RMM, 0x40200000, 0, 0, 3, NX },
	{ RNE, 0xc0200000, 0, 0, W(-2), NX },		/* -2.5 */
	{ RTZ, 0xc0200000, 0, 0, W(-2), NX },
	{ RDN, 0xc0200000, 0, 0, W(-3), NX },
	{ RUP, 0xc0200000, 0, 0, W(-2), NX },
	{ RMM, 0xc0200000, 0, 0, W(-3), NX },
	{ RNE, S_HALF, 0, 0, 0, NX },
	{ RMM, S_HALF, 0, 0, 1, NX },
	{ RNE, S_NHALF, 0, 0, 0, NX },
	{ RDN, S_DMIN, 0, 0, 0, NX },
	{ RUP, S_DMIN, 0, 0, 1, NX },
	{ RDN, 0x80000001, 0, 0, W(-1), NX },
	/* the limits: 2^31 - 128 is the largest float below 2^31 */
	{ RNE, 0x4effffff, 0, 0, 0x7fffff80, 0 },
	{ RNE, 0x4f000000, 0, 0, 0x7fffffff, NV },
	{ RNE, 0xcf000000, 0, 0, W(0x80000000), 0 },
	{ RNE, 0xcf000001, 0, 0, W(0x80000000), NV },
	{ RNE, S_INF, 0, 0, 0x7fffffff, NV },
	{ RNE, S_NINF, 0, 0, W(0x80000000), NV },
	{ RNE, S_QNAN, 0, 0, 0x7fffffff, NV },
	{ RNE, S_NQNAN, 0, 0, 0x7fffffff, NV },
	{ RNE, S_SNAN, 0, 0, 0x7fffffff, NV },
	{ RNE, S_MAX, 0, 0, 0x7fffffff, NV },
};

static const struct vec fcvt_wu_s[] = {
	{ RNE, S_ONE, 0, 0, 1, 0 },
	{ RNE, S_NZERO, 0, 0, 0, 0 },
	{ RNE, S_NHALF, 0, 0, 0, NX },
	{ RMM, S_NHALF, 0, 0, 0, NV },
	{ RDN, S_NHALF, 0, 0, 0, NV },
	{ RUP, 0xbf666666, 0, 0, 0, NX },		/* -0.9 */
	{ RTZ, 0xbf666666, 0, 0, 0, NX },
	{ RNE, 0xbf666666, 0, 0, 0, NV },
	{ RNE, S_NONE, 0, 0, 0, NV },
	{ RTZ, 0x406ccccd, 0, 0, 3, NX },		/* 3.7 */
	{ RNE, 0x406ccccd, 0, 0, 4, NX },
	/* 32-bit results are sign-extended: 2^31 shows as 0xffffffff80000000 */
	{ RNE, 0x4f000000, 0, 0, W(0x80000000), 0 },
	{ RNE, 0x4f7fffff, 0, 0, W(0xffffff00), 0 },
	{ RNE, 0x4f800000, 0, 0, W(0xffffffff), NV },
	{ RNE, S_INF, 0, 0, W(0xffffffff), NV },
	{ RNE, S_NINF, 0, 0, 0, NV },
	{ RNE, S_QNAN, 0, 0, W(0xffffffff), NV },
	{ RNE, S_NSNAN, 0, 0, W(0xffffffff), NV },
};

static const struct vec fcvt_l_s[] = {
	{ RNE, 0x501502f9, 0, 0, 10000000000ull, 0 },	/* 1e10 */
	{ RNE, 0xd01502f9, 0, 0, -10000000000ull, 0 },
	{ RNE, 0x3fc00000, 0, 0, 2, NX },
	{ RNE, 0xbfc00000, 0, 0, -2ull, NX },
	{ RMM, 0xc0200000, 0, 0, -3ull, NX },
	{ RNE, S_NZERO, 0, 0, 0, 0 },
	{ RNE, 0x5effffff, 0, 0, 0x7fffff8000000000ull, 0 },
	{ RNE, 0x5f000000, 0, 0, INT64_MAX, NV },
	{ RNE, 0xdf000000, 0, 0, 1ull << 63, 0 },
	{ RNE, 0xdf000001, 0, 0, 1ull << 63, NV },
	{ RNE, S_INF, 0, 0, INT64_MAX, NV },
	{ RNE, S_NINF, 0, 0, 1ull << 63, NV },
	{ RNE, S_QNAN, 0, 0, INT64_MAX, NV },
	{ RNE, S_NSNAN, 0, 0, INT64_MAX, NV },
};

static const struct vec fcvt_lu_s[] = {
	{ RNE, 0x501502f9, 0, 0, 10000000000ull, 0 },
	{ RNE, S_NZERO, 0, 0, 0, 0 },
	{ RNE, 0xbe800000, 0, 0, 0, NX },		/* -0.25 */
	{ RDN, 0xbe800000, 0, 0, 0, NV },
	{ RNE, S_NONE, 0, 0, 0, NV },
	{ RNE, 0x5f000000, 0, 0, 1ull << 63, 0 },
	{ RNE, 0x5f7fffff, 0, 0, 0xffffff0000000000ull, 0 },
	{ RNE, 0x5f800000, 0, 0, UINT64_MAX, NV },
	{ RNE, S_INF, 0, 0, UINT64_MAX, NV },
	{ RNE, S_NINF, 0, 0, 0, NV },
	{ RNE, S_QNAN, 0, 0, UINT64_MAX, NV },
	{ RNE, S_NQNAN, 0, 0, UINT64_MAX, NV },
};

static const struct vec fcvt_s_w[] = {
	{ RNE, 0, 0, 0, S_ZERO, 0 },
	{ RNE, 1, 0, 0, S_ONE, 0 },
	{ RNE, -1ull, 0, 0, S_NONE, 0 },
	{ RNE, 0x80000000, 0, 0, 0xcf000000, 0 },		/* INT32_MIN */
	{ RNE, 0x7fffffff, 0, 0, 0x4f000000, NX },
	{ RTZ, 0x7fffffff, 0, 0, 0x4effffff, NX },
	{ RDN, 0x7fffffff, 0, 0, 0x4effffff, NX },
	/* 2^24 + 1 is a tie between 2^24 and 2^24 + 2 */
	{ RNE, 0x01000001, 0, 0, 0x4b800000, NX },
	{ RMM, 0x01000001, 0, 0, 0x4b800001, NX },
	{ RUP, 0x01000001, 0, 0, 0x4b800001, NX },
	{ RNE, 0x01000003, 0, 0, 0x4b800002, NX },
	{ RNE, -0x01000001ull, 0, 0, 0xcb800000, NX },
	{ RDN, -0x01000001ull, 0, 0, 0xcb800001, NX },
	{ RUP, -0x01000001ull, 0, 0, 0xcb800000, NX },
	{ RMM, -0x01000001ull, 0, 0, 0xcb800001, NX },
	/* only the low 32 bits of the register count */
	{ RNE, 0xffffffff00000002ull, 0, 0, S_TWO, 0 },
};

static const struct vec fcvt_s_wu[] = {
	{ RNE, 0, 0, 0, S_ZERO, 0 },
	{ RNE, 0x80000000, 0, 0, 0x4f000000, 0 },
	{ RNE, 0xffffffff, 0, 0, 0x4f800000, NX },
	{ RTZ, 0xffffffff, 0, 0, 0x4f7fffff, NX },
	{ RMM, 0x01000001, 0, 0, 0x4b800001, NX },
	{ RNE, 0x0000000100000001ull, 0, 0, S_ONE, 0 },
};

static const struct vec fcvt_s_l[] = {
	{ RNE, 0, 0, 0, S_ZERO, 0 },
	{ RNE, -2ull, 0, 0, 0xc0000000, 0 },
	{ RNE, 1ull << 63, 0, 0, 0xdf000000, 0 },
	{ RNE, INT64_MAX, 0, 0, 0x5f000000, NX },
	{ RTZ, INT64_MAX, 0, 0, 0x5effffff, NX },
	{ RNE, 10000000000ull, 0, 0, 0x501502f9, 0 },
	{ RNE, 0x0000000100000001ull, 0, 0, 0x4f800000, NX },
	{ RUP, 0x0000000100000001ull, 0, 0, 0x4f800001, NX },
	{ RDN, -0x0000000100000001ull, 0, 0, 0xcf800001, NX },
};

static const struct vec fcvt_s_lu[] = {
	{ RNE, 0, 0, 0, S_ZERO, 0 },
	{ RNE, 1ull << 63, 0, 0, 0x5f000000, 0 },
	{ RNE, UINT64_MAX, 0, 0, 0x5f800000, NX },
	{ RTZ, UINT64_MAX, 0, 0, 0x5f7fffff, NX },
	{ RMM, 0x8000008000000000ull, 0, 0, 0x5f000001, NX },
	{ RNE, 0x8000008000000000ull, 0, 0, 0x5f000000, NX },
	{ RNE, 0x8000018000000000ull, 0, 0, 0x5f000002, NX },
};

static const struct vec fadd_d[] = {
	{ RNE, D_ONE, D_ONE, 0, D_TWO, 0 },
	/* 1 + 2^-53 is a tie */
	{ RNE, D_ONE, 0x3ca0000000000000ull, 0, D_ONE, NX },
	{ RTZ, D_ONE, 0x3ca0000000000000ull, 0, D_ONE, NX },
	{ RDN, D_ONE, 0x3ca0000000000000ull, 0, D_ONE, NX },
	{ RUP, D_ONE, 0x3ca0000000000000ull, 0, 0x3ff0000000000001ull, NX },
	{ RMM, D_ONE, 0x3ca0000000000000ull, 0, 0x3ff0000000000001ull, NX },
	{ RNE, 0x3ff0000000000001ull, 0x3ca0000000000000ull, 0,
	  0x3ff0000000000002ull, NX },
	{ RMM, D_NONE, 0xbca0000000000000ull, 0, 0xbff0000000000001ull, NX },
	{ RDN, D_NONE, 0xbca0000000000000ull, 0, 0xbff0000000000001ull, NX },
	{ RUP, D_NONE, 0xbca0000000000000ull, 0, D_NONE, NX },
	/* an addend far below the sticky range still rounds directed modes */
	{ RUP, D_ONE, D_DMIN, 0, 0x3ff0000000000001ull, NX },
	{ RDN, D_ONE, 0x8000000000000001ull, 0, 0x3fefffffffffffffull, NX },
	{ RNE, D_ONE, D_DMIN, 0, D_ONE, NX },
	{ RNE, D_ONE, D_NONE, 0, D_ZERO, 0 },
	{ RDN, D_ONE, D_NONE, 0, D_NZERO, 0 },
	{ RNE, D_NZERO, D_NZERO, 0, D_NZERO, 0 },
	{ RNE, D_ZERO, D_NZERO, 0, D_ZERO, 0 },
	{ RDN, D_NZERO, D_ZERO, 0, D_NZERO, 0 },
	{ RNE, D_INF, D_NINF, 0, D_QNAN, NV },
	{ RNE, D_NINF, D_NINF, 0, D_NINF, 0 },
	{ RNE, D_QNAN, D_ONE, 0, D_QNAN, 0 },
	{ RNE, D_NQNAN, D_INF, 0, D_QNAN, 0 },
	{ RNE, D_ONE, D_SNAN, 0, D_QNAN, NV },
	{ RNE, D_NSNAN, D_QNAN, 0, D_QNAN, NV },
	{ RNE, D_MAX, D_MAX, 0, D_INF, OF | NX },
	{ RTZ, D_MAX, D_MAX, 0, D_MAX, OF | NX },
	{ RDN, D_MAX, D_MAX, 0, D_MAX, OF | NX },
	{ RUP, D_NMAX, D_NMAX, 0, D_NMAX, OF | NX },
	{ RMM, D_NMAX, D_NMAX, 0, D_NINF, OF | NX },
	{ RNE, D_MAX, 0x7c90000000000000ull, 0, D_INF, OF | NX },
	{ RTZ, D_MAX, 0x7c90000000000000ull, 0, D_MAX, NX },
	{ RNE, D_DMAX, D_DMIN, 0, D_MIN, 0 },
	{ RNE, D_MIN, 0x800fffffffffffffull, 0, D_DMIN, 0 },
};

static const struct vec fsub_d[] = {
	{ RNE, D_THREE, D_ONE, 0, D_TWO, 0 },
	{ RNE, D_ONE, D_ONE, 0, D_ZERO, 0 },
	{ RDN, D_ONE, D_ONE, 0, D_NZERO, 0 },
	{ RNE, D_NZERO, D_ZERO, 0, D_NZERO, 0 },
	{ RNE, D_ONE, 0x3c90000000000000ull, 0, D_ONE, NX },
	{ RTZ, D_ONE, 0x3c90000000000000ull, 0, 0x3fefffffffffffffull, NX },
	{ RMM, D_ONE, 0x3c90000000000000ull, 0, D_ONE, NX },
	{ RNE, 0x3ff0000000000001ull, D_ONE, 0, 0x3cb0000000000000ull, 0 },
	/* a borrow from far below: 2^53 - 2^-1074 */
	{ RNE, 0x4340000000000000ull, D_DMIN, 0, 0x4340000000000000ull, NX },
	{ RTZ, 0x4340000000000000ull, D_DMIN, 0, 0x433fffffffffffffull, NX },
	{ RNE, D_INF, D_INF, 0, D_QNAN, NV },
	{ RNE, D_SNAN, D_INF, 0, D_QNAN, NV },
};

static const struct vec fmul_d[] = {
	{ RNE, D_TWO, D_THREE, 0, 0x4018000000000000ull, 0 },
	{ RNE, 0x3ff0000000000001ull, 0x3ff0000000000001ull, 0,
	  0x3ff0000000000002ull, NX },
	{ RUP, 0x3ff0000000000001ull, 0x3ff0000000000001ull, 0,
	  0x3ff0000000000003ull, NX },
	/* (1 + 2^-26)(1 + 2^-27) = 1 + 2^-26 + 2^-27 + 2^-53, a tie */
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull, 0,
	  0x3ff0000006000000ull, NX },
	{ RMM, 0x3ff0000004000000ull, 0x3ff0000002000000ull, 0,
	  0x3ff0000006000001ull, NX },
	{ RNE, D_ZERO, D_NINF, 0, D_QNAN, NV },
	{ RNE, D_NINF, D_TWO, 0, D_NINF, 0 },
	{ RNE, D_NZERO, D_ONE, 0, D_NZERO, 0 },
	{ RNE, D_SNAN, D_ZERO, 0, D_QNAN, NV },
	{ RNE, D_MAX, D_TWO, 0, D_INF, OF | NX },
	{ RTZ, D_MAX, D_TWO, 0, D_MAX, OF | NX },
	{ RUP, D_NMAX, D_TWO, 0, D_NMAX, OF | NX },
	{ RDN, D_NMAX, D_TWO, 0, D_NINF, OF | NX },
	{ RNE, D_MIN, D_HALF, 0, 0x0008000000000000ull, 0 },
	{ RNE, D_DMIN, D_HALF, 0, D_ZERO, UF | NX },
	{ RUP, D_DMIN, D_HALF, 0, D_DMIN, UF | NX },
	{ RMM, D_DMIN, D_HALF, 0, D_DMIN, UF | NX },
	{ RDN, D_DMIN, D_NHALF, 0, 0x8000000000000001ull, UF | NX },
	{ RNE, D_MIN, D_MIN, 0, D_ZERO, UF | NX },
	{ RNE, 0x3ff0000000000001ull, D_DMAX, 0, D_MIN, NX },
	{ RTZ, 0x3ff0000000000001ull, D_DMAX, 0, D_DMAX, UF | NX },
	/* the double version of the tiny-yet-rounds-to-2^-1022 case */
	{ RNE, 0x3feffffffb3b4c00ull, 0x0010000002625a00ull, 0, D_MIN,
	  UF | NX },
	{ RUP, 0x3feffffffb3b4c00ull, 0x0010000002625a00ull, 0, D_MIN, NX },
};

static const struct vec fdiv_d[] = {
	{ RNE, 0x4018000000000000ull, D_TWO, 0, D_THREE, 0 },
	{ RNE, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, NX },
	{ RUP, D_ONE, D_THREE, 0, 0x3fd5555555555556ull, NX },
	{ RTZ, D_ONE, D_THREE, 0, 0x3fd5555555555555ull, NX },
	{ RMM, D_TWO, D_THREE, 0, 0x3fe5555555555555ull, NX },
	{ RDN, D_TWO, D_THREE, 0, 0x3fe5555555555555ull, NX },
	{ RUP, D_TWO, D_THREE, 0, 0x3fe5555555555556ull, NX },
	{ RNE, D_ONE, D_ZERO, 0, D_INF, DZ },
	{ RNE, D_ONE, D_NZERO, 0, D_NINF, DZ },
	{ RNE, D_NINF, D_ZERO, 0, D_NINF, 0 },
	{ RNE, D_ZERO, D_NZERO, 0, D_QNAN, NV },
	{ RNE, D_INF, D_INF, 0, D_QNAN, NV },
	{ RNE, D_ONE, D_NINF, 0, D_NZERO, 0 },
	{ RNE, D_QNAN, D_ZERO, 0, D_QNAN, 0 },
	{ RNE, D_ZERO, D_SNAN, 0, D_QNAN, NV },
	{ RNE, D_MAX, D_HALF, 0, D_INF, OF | NX },
	{ RDN, D_MAX, D_HALF, 0, D_MAX, OF | NX },
	{ RNE, D_MIN, D_THREE, 0, 0x0005555555555555ull, UF | NX },
	{ RUP, D_MIN, D_THREE, 0, 0x0005555555555556ull, UF | NX },
	{ RNE, D_DMIN, D_DMIN, 0, D_ONE, 0 },
	{ RNE, D_DMIN, D_TWO, 0, D_ZERO, UF | NX },
};

static const struct vec fsqrt_d[] = {
	{ RNE, 0x4010000000000000ull, 0, 0, D_TWO, 0 },
	{ RNE, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
	{ RDN, D_TWO, 0, 0, 0x3ff6a09e667f3bccull, NX },
	{ RUP, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
	{ RTZ, D_TWO, 0, 0, 0x3ff6a09e667f3bccull, NX },
	{ RMM, D_TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
	{ RNE, D_NZERO, 0, 0, D_NZERO, 0 },
	{ RNE, D_INF, 0, 0, D_INF, 0 },
	{ RNE, D_NINF, 0, 0, D_QNAN, NV },
	{ RNE, 0xc000000000000000ull, 0, 0, D_QNAN, NV },
	{ RNE, D_NQNAN, 0, 0, D_QNAN, 0 },
	{ RNE, D_SNAN, 0, 0, D_QNAN, NV },
	{ RNE, D_DMIN, 0, 0, 0x1e60000000000000ull, 0 },
	{ RNE, D_MAX, 0, 0, 0x5fefffffffffffffull, NX },
};

static const struct vec fmin_d[] = {
	{ RNE, D_ONE, D_TWO, 0, D_ONE, 0 },
	{ RNE, D_ZERO, D_NZERO, 0, D_NZERO, 0 },
	{ RNE, D_NZERO, D_ZERO, 0, D_NZERO, 0 },
	{ RNE, D_QNAN, D_NINF, 0, D_NINF, 0 },
	{ RNE, D_SNAN, D_ONE, 0, D_ONE, NV },
	{ RNE, D_NQNAN, D_QNAN, 0, D_QNAN, 0 },
	{ RNE, D_NSNAN, D_SNAN, 0, D_QNAN, NV },
};

static const struct vec fmax_d[] = {
	{ RNE, D_ONE, D_TWO, 0, D_TWO, 0 },
	{ RNE, D_ZERO, D_NZERO, 0, D_ZERO, 0 },
	{ RNE, D_NZERO, D_ZERO, 0, D_ZERO, 0 },
	{ RNE, D_NONE, D_NQNAN, 0, D_NONE, 0 },
	{ RNE, D_DMIN, D_SNAN, 0, D_DMIN, NV },
	{ RNE, D_QNAN, D_QNAN, 0, D_QNAN, 0 },
};

static const struct vec fmadd_d[] = {
	/* (1 + 2^-26)(1 + 2^-27) - 1 keeps the 2^-53 term when fused */
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull, D_NONE,
	  0x3e58000002000000ull, 0 },
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull, D_DMIN,
	  0x3ff0000006000001ull, NX },
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull,
	  0x8000000000000001ull, 0x3ff0000006000000ull, NX },
	{ RMM, 0x3ff0000004000000ull, 0x3ff0000002000000ull, D_ZERO,
	  0x3ff0000006000001ull, NX },
	{ RNE, D_MAX, D_TWO, D_NMAX, D_MAX, 0 },
	{ RNE, D_ONE, D_ONE, D_NONE, D_ZERO, 0 },
	{ RDN, D_ONE, D_ONE, D_NONE, D_NZERO, 0 },
	{ RNE, D_NZERO, D_ONE, D_NZERO, D_NZERO, 0 },
	{ RNE, D_INF, D_ZERO, D_QNAN, D_QNAN, NV },
	{ RNE, D_INF, D_ZERO, D_ONE, D_QNAN, NV },
	{ RNE, D_INF, D_ONE, D_NINF, D_QNAN, NV },
	{ RNE, D_ONE, D_ONE, D_SNAN, D_QNAN, NV },
	{ RNE, D_QNAN, D_ONE, D_INF, D_QNAN, 0 },
	{ RNE, D_MIN, D_HALF, D_ZERO, 0x0008000000000000ull, 0 },
	{ RNE, D_DMIN, D_HALF, D_ZERO, D_ZERO, UF | NX },
	{ RNE, 0x3feffffffb3b4c00ull, 0x0010000002625a00ull, D_ZERO, D_MIN,
	  UF | NX },
	/* a product far below the addend only nudges directed modes */
	{ RUP, D_DMIN, D_DMIN, D_ONE, 0x3ff0000000000001ull, NX },
	{ RDN, D_DMIN, 0x8000000000000001ull, D_ONE, 0x3fefffffffffffffull,
	  NX },
	{ RNE, D_DMIN, D_DMIN, D_ONE, D_ONE, NX },
};

static const struct vec fmsub_d[] = {
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull, D_ONE,
	  0x3e58000002000000ull, 0 },
	{ RNE, D_ZERO, D_ONE, D_ZERO, D_ZERO, 0 },
	{ RDN, D_ZERO, D_ONE, D_ZERO, D_NZERO, 0 },
	{ RNE, D_INF, D_ONE, D_INF, D_QNAN, NV },
};

static const struct vec fnmadd_d[] = {
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull, D_NONE,
	  0xbe58000002000000ull, 0 },
	{ RNE, D_ZERO, D_ONE, D_ZERO, D_NZERO, 0 },
	{ RNE, D_MAX, D_TWO, D_ZERO, D_NINF, OF | NX },
	{ RUP, D_MAX, D_TWO, D_ZERO, D_NMAX, OF | NX },
};

static const struct vec fnmsub_d[] = {
	{ RNE, 0x3ff0000004000000ull, 0x3ff0000002000000ull, D_ONE,
	  0xbe58000002000000ull, 0 },
	{ RNE, D_ZERO, D_ONE, D_ZERO, D_ZERO, 0 },
	{ RNE, D_ONE, D_ONE, D_ONE, D_ZERO, 0 },
	{ RDN, D_ONE, D_ONE, D_ONE, D_NZERO, 0 },
	{ RNE, D_ZERO, D_INF, D_ONE, D_QNAN, NV },
};

static const struct vec feq_d[] = {
	{ RNE, D_ONE, D_ONE, 0, 1, 0 },
	{ RNE, D_ZERO, D_NZERO, 0, 1, 0 },
	{ RNE, D_ONE, 0x3ff0000000000001ull, 0, 0, 0 },
	{ RNE, D_QNAN, D_QNAN, 0, 0, 0 },
	{ RNE, D_NSNAN, D_ONE, 0, 0, NV },
};

static const struct vec flt_d[] = {
	{ RNE, D_ONE, D_TWO, 0, 1, 0 },
	{ RNE, D_NZERO, D_ZERO, 0, 0, 0 },
	{ RNE, D_NONE, D_NZERO, 0, 1, 0 },
	{ RNE, 0x8000000000000001ull, D_DMIN, 0, 1, 0 },
	{ RNE, D_NINF, D_NMAX, 0, 1, 0 },
	{ RNE, D_QNAN, D_ONE, 0, 0, NV },
	{ RNE, D_ONE, D_SNAN, 0, 0, NV },
};

static const struct vec fle_d[] = {
	{ RNE, D_ONE, D_ONE, 0, 1, 0 },
	{ RNE, D_ZERO, D_NZERO, 0, 1, 0 },
	{ RNE, D_TWO, D_ONE, 0, 0, 0 },
	{ RNE, D_NQNAN, D_NQNAN, 0, 0, NV },
	{ RNE, D_INF, D_QNAN, 0, 0, NV },
};

static const struct vec fclass_d[] = {
	{ RNE, D_NINF, 0, 0, RV_FCLASS_NEG_INF, 0 },
	{ RNE, D_NONE, 0, 0, RV_FCLASS_NEG_NORMAL, 0 },
	{ RNE, 0x8000000000000001ull, 0, 0, RV_FCLASS_NEG_SUBNORMAL, 0 },
	{ RNE, D_NZERO, 0, 0, RV_FCLASS_NEG_ZERO, 0 },
	{ RNE, D_ZERO, 0, 0, RV_FCLASS_POS_ZERO, 0 },
	{ RNE, D_DMAX, 0, 0, RV_FCLASS_POS_SUBNORMAL, 0 },
	{ RNE, D_MIN, 0, 0, RV_FCLASS_POS_NORMAL, 0 },
	{ RNE, D_INF, 0, 0, RV_FCLASS_POS_INF, 0 },
	{ RNE, D_SNAN, 0, 0, RV_FCLASS_SNAN, 0 },
	{ RNE, 0x7ff7ffffffffffffull, 0, 0, RV_FCLASS_SNAN, 0 },
	{ RNE, D_QNAN, 0, 0, RV_FCLASS_QNAN, 0 },
	{ RNE, D_NQNAN, 0, 0, RV_FCLASS_QNAN, 0 },
};

static const struct vec fcvt_w_d[] = {
	{ RNE, 0x4004000000000000ull, 0, 0, 2, NX },		/* 2.5 */
	{ RMM, 0x4004000000000000ull, 0, 0, 3, NX },
	{ RMM, 0xc004000000000000ull, 0, 0, W(-3), NX },
	{ RNE, D_NHALF, 0, 0, 0, NX },
	{ RNE, D_NZERO, 0, 0, 0, 0 },
	/* INT32_MAX + 0.5: a tie whose even side is out of range */
	{ RNE, 0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NV },
	{ RTZ, 0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NX },
	{ RDN, 0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NX },
	{ RUP, 0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NV },
	{ RMM, 0x41dfffffffe00000ull, 0, 0, 0x7fffffff, NV },
	{ RNE, 0x41dfffffffd9999aull, 0, 0, 0x7fffffff, NX },	/* +0.4 */
	{ RNE, 0x41e0000000000000ull, 0, 0, 0x7fffffff, NV },	/* 2^31 */
	/* INT32_MIN - 0.5: the tie's even side is in range */
	{ RNE, 0xc1e0000000100000ull, 0, 0, W(0x80000000), NX },
	{ RTZ, 0xc1e0000000100000ull, 0, 0, W(0x80000000), NX },
	{ RUP, 0xc1e0000000100000ull, 0, 0, W(0x80000000), NX },
	{ RDN, 0xc1e0000000100000ull, 0, 0, W(0x80000000), NV },
	{ RMM, 0xc1e0000000100000ull, 0, 0, W(0x80000000), NV },
	{ RNE, 0xc1e0000000000000ull, 0, 0, W(0x80000000), 0 },
	{ RNE, 0xc1e0000000200000ull, 0, 0, W(0x80000000), NV },
	{ RNE, D_INF, 0, 0, 0x7fffffff, NV },
	{ RNE, D_NINF, 0, 0, W(0x80000000), NV },
	{ RNE, D_QNAN, 0, 0, 0x7fffffff, NV },
	{ RNE, D_NSNAN, 0, 0, 0x7fffffff, NV },
	{ RUP, D_DMIN, 0, 0, 1, NX },
};

static const struct vec fcvt_wu_d[] = {
	{ RNE, D_NZERO, 0, 0, 0, 0 },
	{ RNE, D_NHALF, 0, 0, 0, NX },
	{ RMM, D_NHALF, 0, 0, 0, NV },
	{ RUP, 0x81a56e1fc2f8f359ull, 0, 0, 0, NX },	/* -1e-300 */
	{ RDN, 0x81a56e1fc2f8f359ull, 0, 0, 0, NV },
	{ RNE, D_NONE, 0, 0, 0, NV },
	/* UINT32_MAX + 0.5 */
	{ RNE, 0x41effffffff00000ull, 0, 0, W(0xffffffff), NV },
	{ RTZ, 0x41effffffff00000ull, 0, 0, W(0xffffffff), NX },
	{ RDN, 0x41effffffff00000ull, 0, 0, W(0xffffffff), NX },
	{ RMM, 0x41effffffff00000ull, 0, 0, W(0xffffffff), NV },
	{ RNE, 0x41efffffffe00000ull, 0, 0, W(0xffffffff), 0 },
	{ RNE, 0x41e0000000000000ull, 0, 0, W(0x80000000), 0 },
	{ RNE, 0x41f0000000000000ull, 0, 0, W(0xffffffff), NV },
	{ RNE, D_INF, 0, 0, W(0xffffffff), NV },
	{ RNE, D_NINF, 0, 0, 0, NV },
	{ RNE, D_QNAN, 0, 0, W(0xffffffff), NV },
};

static const struct vec fcvt_l_d[] = {
	{ RNE, 0x3ff8000000000000ull, 0, 0, 2, NX },		/* 1.5 */
	{ RNE, 0xbff8000000000000ull, 0, 0, -2ull, NX },
	{ RTZ, 0xbff8000000000000ull, 0, 0, -1ull, NX },
	{ RNE, D_HALF, 0, 0, 0, NX },
	{ RMM, D_HALF, 0, 0, 1, NX },
	{ RNE, 0x43dfffffffffffffull, 0, 0, 0x7ffffffffffffc00ull, 0 },
	{ RNE, 0x43e0000000000000ull, 0, 0, INT64_MAX, NV },	/* 2^63 */
	{ RNE, 0xc3e0000000000000ull, 0, 0, 1ull << 63, 0 },
	{ RNE, 0xc3e0000000000001ull, 0, 0, 1ull << 63, NV },
	{ RNE, D_INF, 0, 0, INT64_MAX, NV },
	{ RNE, D_NINF, 0, 0, 1ull << 63, NV },
	{ RNE, D_QNAN, 0, 0, INT64_MAX, NV },
	{ RNE, D_MAX, 0, 0, INT64_MAX, NV },
	{ RNE, D_NMAX, 0, 0, 1ull << 63, NV },
};

static const struct vec fcvt_lu_d[] = {
	{ RNE, 0x43efffffffffffffull, 0, 0, 0xfffffffffffff800ull, 0 },
	{ RNE, 0x43f0000000000000ull, 0, 0, UINT64_MAX, NV },	/* 2^64 */
	{ RNE, 0x43e0000000000000ull, 0, 0, 1ull << 63, 0 },
	{ RNE, D_NZERO, 0, 0, 0, 0 },
	{ RNE, D_NHALF, 0, 0, 0, NX },
	{ RNE, D_NONE, 0, 0, 0, NV },
	{ RNE, D_INF, 0, 0, UINT64_MAX, NV },
	{ RNE, D_NINF, 0, 0, 0, NV },
	{ RNE, D_QNAN, 0, 0, UINT64_MAX, NV },
	{ RUP, D_DMIN, 0, 0, 1, NX },
};

static const struct vec fcvt_d_w[] = {
	{ RNE, 0, 0, 0, D_ZERO, 0 },
	{ RNE, -1ull, 0, 0, D_NONE, 0 },
	{ RNE, 0x80000000, 0, 0, 0xc1e0000000000000ull, 0 },
	{ RNE, 0x7fffffff, 0, 0, 0x41dfffffffc00000ull, 0 },
};

static const struct vec fcvt_d_wu[] = {
	{ RNE, 0, 0, 0, D_ZERO, 0 },
	{ RNE, 0xffffffff, 0, 0, 0x41efffffffe00000ull, 0 },
	{ RNE, 0x80000000, 0, 0, 0x41e0000000000000ull, 0 },
};

static const struct vec fcvt_d_l[] = {
	{ RNE, 1ull << 63, 0, 0, 0xc3e0000000000000ull, 0 },
	{ RNE, INT64_MAX, 0, 0, 0x43e0000000000000ull, NX },
	{ RTZ, INT64_MAX, 0, 0, 0x43dfffffffffffffull, NX },
	/* 2^53 + 1 is a tie */
	{ RNE, (1ull << 53) + 1, 0, 0, 0x4340000000000000ull, NX },
	{ RMM, (1ull << 53) + 1, 0, 0, 0x4340000000000001ull, NX },
	{ RDN, -(1ull << 53) - 1, 0, 0, 0xc340000000000001ull, NX },
	{ RUP, -(1ull << 53) - 1, 0, 0, 0xc340000000000000ull, NX },
	{ RNE, (1ull << 53) + 3, 0, 0, 0x4340000000000002ull, NX },
};

static const struct vec fcvt_d_lu[] = {
	{ RNE, 0, 0, 0, D_ZERO, 0 },
	{ RNE, UINT64_MAX, 0, 0, 0x43f0000000000000ull, NX },
	{ RTZ, UINT64_MAX, 0, 0, 0x43efffffffffffffull, NX },
	{ RNE, 1ull << 63, 0, 0, 0x43e0000000000000ull, 0 },
};

static const struct vec fcvt_s_d[] = {
	{ RNE, D_ONE, 0, 0, S_ONE, 0 },
	{ RNE, D_NZERO, 0, 0, S_NZERO, 0 },
	{ RNE, D_NINF, 0, 0, S_NINF, 0 },
	{ RNE, 0x7ff8000000000001ull, 0, 0, S_QNAN, 0 },
	{ RNE, D_NQNAN, 0, 0, S_QNAN, 0 },
	{ RNE, D_SNAN, 0, 0, S_QNAN, NV },
	/* 0.1 */
	{ RNE, 0x3fb999999999999aull, 0, 0, 0x3dcccccd, NX },
	{ RTZ, 0x3fb999999999999aull, 0, 0, 0x3dcccccc, NX },
	/* 1 + 2^-24, a tie */
	{ RNE, 0x3ff0000010000000ull, 0, 0, S_ONE, NX },
	{ RMM, 0x3ff0000010000000ull, 0, 0, 0x3f800001, NX },
	{ RUP, 0x3ff0000010000000ull, 0, 0, 0x3f800001, NX },
	/* overflow, and the largest float plus half an ulp */
	{ RNE, D_MAX, 0, 0, S_INF, OF | NX },
	{ RTZ, D_MAX, 0, 0, S_MAX, OF | NX },
	{ RDN, D_NMAX, 0, 0, S_NINF, OF | NX },
	{ RNE, 0x47efffffe0000000ull, 0, 0, S_MAX, 0 },
	{ RNE, 0x47effffff0000000ull, 0, 0, S_INF, OF | NX },
	{ RTZ, 0x47effffff0000000ull, 0, 0, S_MAX, NX },
	{ RNE, 0x47efffffe8000000ull, 0, 0, S_MAX, NX },
	{ RUP, 0x47efffffe8000000ull, 0, 0, S_INF, OF | NX },
	/* subnormal results */
	{ RNE, 0x36a0000000000000ull, 0, 0, S_DMIN, 0 },	/* 2^-149 */
	/* 2^-150, half the smallest subnormal */
	{ RNE, 0x3690000000000000ull, 0, 0, S_ZERO, UF | NX },
	{ RUP, 0x3690000000000000ull, 0, 0, S_DMIN, UF | NX },
	{ RMM, 0x3690000000000000ull, 0, 0, S_DMIN, UF | NX },
	{ RNE, D_DMIN, 0, 0, S_ZERO, UF | NX },
	{ RUP, D_DMIN, 0, 0, S_DMIN, UF | NX },
	{ RDN, 0x8000000000000001ull, 0, 0, 0x80000001, UF | NX },
	{ RNE, 0x8000000000000001ull, 0, 0, S_NZERO, UF | NX },
	/*
	 * Tininess after rounding: (1 - 2^-26) 2^-126 rounds to 2^-126 at
	 * 24 bits, so it is not tiny; (1 - 3 * 2^-26) 2^-126 rounds to
	 * 1 - 2^-24 at 24 bits and is tiny, though the delivered subnormal
	 * rounding reaches 2^-126 all the same.
	 */
	{ RNE, 0x380ffffff8000000ull, 0, 0, S_MIN, NX },
	{ RTZ, 0x380ffffff8000000ull, 0, 0, S_DMAX, UF | NX },
	{ RNE, 0x380fffffe8000000ull, 0, 0, S_MIN, UF | NX },
	{ RUP, 0x380fffffe8000000ull, 0, 0, S_MIN, NX },
	{ RMM, 0x380fffffe8000000ull, 0, 0, S_MIN, UF | NX },
	{ RTZ, 0x380fffffe8000000ull, 0, 0, S_DMAX, UF | NX },
	/* (1 - 2^-24) 2^-126 fits 24 bits, so it is tiny; a tie goes even */
	{ RNE, 0x380fffffe0000000ull, 0, 0, S_MIN, UF | NX },
	{ RTZ, 0x380fffffe0000000ull, 0, 0, S_DMAX, UF | NX },
	{ RNE, 0x380fffffc0000000ull, 0, 0, S_DMAX, 0 },
};

static const struct vec fcvt_d_s[] = {
	{ RNE, S_ONE, 0, 0, D_ONE, 0 },
	{ RNE, S_NZERO, 0, 0, D_NZERO, 0 },
	{ RNE, S_NINF, 0, 0, D_NINF, 0 },
	{ RNE, S_DMIN, 0, 0, 0x36a0000000000000ull, 0 },
	{ RNE, S_DMAX, 0, 0, 0x380fffffc0000000ull, 0 },
	{ RNE, S_MAX, 0, 0, 0x47efffffe0000000ull, 0 },
	{ RNE, 0x7fc00001, 0, 0, D_QNAN, 0 },
	{ RNE, S_NQNAN, 0, 0, D_QNAN, 0 },
	{ RNE, S_SNAN, 0, 0, D_QNAN, NV },
};

struct table {
	const char *name;
	enum op op;
	const struct vec *v;
	size_t n;
};

#define TABLE(name, op, v) { name, op, v, ARRAY_SIZE(v) }

static const struct table tables[] = {
	TABLE("fadd.s", FADD_S, fadd_s),
	TABLE("fsub.s", FSUB_S, fsub_s),
	TABLE("fmul.s", FMUL_S, fmul_s),
	TABLE("fdiv.s", FDIV_S, fdiv_s),
	TABLE("fsqrt.s", FSQRT_S, fsqrt_s),
	TABLE("fmin.s", FMIN_S, fmin_s),
	TABLE("fmax.s", FMAX_S, fmax_s),
	TABLE("fmadd.s", FMADD_S, fmadd_s),
	TABLE("fmsub.s", FMSUB_S, fmsub_s),
	TABLE("fnmadd.s", FNMADD_S, fnmadd_s),
	TABLE("fnmsub.s", FNMSUB_S, fnmsub_s),
	TABLE("feq.s", FEQ_S, feq_s),
	TABLE("flt.s", FLT_S, flt_s),
	TABLE("fle.s", FLE_S, fle_s),
	TABLE("fclass.s", FCLASS_S, fclass_s),
	TABLE("fcvt.w.s", FCVT_W_S, fcvt_w_s),
	TABLE("fcvt.wu.s", FCVT_WU_S, fcvt_wu_s),
	TABLE("fcvt.l.s", FCVT_L_S, fcvt_l_s),
	TABLE("fcvt.lu.s", FCVT_LU_S, fcvt_lu_s),
	TABLE("fcvt.s.w", FCVT_S_W, fcvt_s_w),
	TABLE("fcvt.s.wu", FCVT_S_WU, fcvt_s_wu),
	TABLE("fcvt.s.l", FCVT_S_L, fcvt_s_l),
	TABLE("fcvt.s.lu", FCVT_S_LU, fcvt_s_lu),
	TABLE("fadd.d", FADD_D, fadd_d),
	TABLE("fsub.d", FSUB_D, fsub_d),
	TABLE("fmul.d", FMUL_D, fmul_d),
	TABLE("fdiv.d", FDIV_D, fdiv_d),
	TABLE("fsqrt.d", FSQRT_D, fsqrt_d),
	TABLE("fmin.d", FMIN_D, fmin_d),
	TABLE("fmax.d", FMAX_D, fmax_d),
	TABLE("fmadd.d", FMADD_D, fmadd_d),
	TABLE("fmsub.d", FMSUB_D, fmsub_d),
	TABLE("fnmadd.d", FNMADD_D, fnmadd_d),
	TABLE("fnmsub.d", FNMSUB_D, fnmsub_d),
	TABLE("feq.d", FEQ_D, feq_d),
	TABLE("flt.d", FLT_D, flt_d),
	TABLE("fle.d", FLE_D, fle_d),
	TABLE("fclass.d", FCLASS_D, fclass_d),
	TABLE("fcvt.w.d", FCVT_W_D, fcvt_w_d),
	TABLE("fcvt.wu.d", FCVT_WU_D, fcvt_wu_d),
	TABLE("fcvt.l.d", FCVT_L_D, fcvt_l_d),
	TABLE("fcvt.lu.d", FCVT_LU_D, fcvt_lu_d),
	TABLE("fcvt.d.w", FCVT_D_W, fcvt_d_w),
	TABLE("fcvt.d.wu", FCVT_D_WU, fcvt_d_wu),
	TABLE("fcvt.d.l", FCVT_D_L, fcvt_d_l),
	TABLE("fcvt.d.lu", FCVT_D_LU, fcvt_d_lu),
	TABLE("fcvt.s.d", FCVT_S_D, fcvt_s_d),
	TABLE("fcvt.d.s", FCVT_D_S, fcvt_d_s),
};

/* A registered case: one vector of one table */
struct vcase {
	const struct table *t;
	const struct vec *v;
};

static void check_vector(const void *data)
{
	const struct vcase *c = data;
	const struct vec *v = c->v;
	uint32_t fl = 0, fl_nx = RV_FFLAG_NX;
	uint64_t got = run(c->t->op, v, &fl);

	if (got != v->want || fl != v->flags)
		g_test_message("%s rm %d a %#" PRIx64 " b %#" PRIx64 " c %#"
			       PRIx64 ": got %#" PRIx64 "/%#x want %#" PRIx64
			       "/%#x", c->t->name, v->rm, v->a, v->b, v->c,
			       got, fl, v->want, v->flags);
	g_assert_cmphex(got, ==, v->want);
	g_assert_cmphex(fl, ==, v->flags);

	/* with inexact already raised, the host fast path may answer */
	got = run(c->t->op, v, &fl_nx);
	g_assert_cmphex(got, ==, v->want);
	g_assert_cmphex(fl_nx, ==, v->flags | RV_FFLAG_NX);
}

/* Flags accumulate: an operation only ever adds bits */
static void test_flags_accumulate(void)
{
	uint32_t fl = RV_FFLAG_DZ;

	g_assert_cmphex(rv_fadd_s(S_ONE, 0x33800000, RNE, &fl), ==, S_ONE);
	g_assert_cmphex(fl, ==, RV_FFLAG_DZ | RV_FFLAG_NX);
	g_assert_cmphex(rv_fadd_d(D_ONE, D_ONE, RNE, &fl), ==, D_TWO);
	g_assert_cmphex(fl, ==, RV_FFLAG_DZ | RV_FFLAG_NX);
	g_assert_cmphex(rv_fsqrt_d(D_NONE, RNE, &fl), ==, D_QNAN);
	g_assert_cmphex(fl, ==, RV_FFLAG_DZ | RV_FFLAG_NX | RV_FFLAG_NV);
}

/* Randomized comparison with the host's IEEE arithmetic in RNE */

enum rop { R_ADD, R_SUB, R_MUL, R_DIV, R_SQRT, R_FMA };

static const char *const rop_names[] = {
	"fadd", "fsub", "fmul", "fdiv", "fsqrt", "fmadd"
};

#define RANDOM_ROUNDS 40000

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static const uint32_t special_s[] = {
	S_ZERO, S_NZERO, S_ONE, S_NONE, S_INF, S_NINF, S_QNAN, S_NQNAN,
	S_SNAN, S_NSNAN, S_MAX, S_NMAX, S_MIN, 0x80800000, S_DMIN,
	0x80000001, S_DMAX, 0x807fffff, 0x3f800001, 0x3f7fffff, S_TWO,
	S_HALF, 0x00400000,
};

static const uint64_t special_d[] = {
	D_ZERO, D_NZERO, D_ONE, D_NONE, D_INF, D_NINF, D_QNAN, D_NQNAN,
	D_SNAN, D_NSNAN, D_MAX, D_NMAX, D_MIN, 0x8010000000000000ull, D_DMIN,
	0x8000000000000001ull, D_DMAX, 0x800fffffffffffffull,
	0x3ff0000000000001ull, 0x3fefffffffffffffull, D_TWO, D_HALF,
	0x0008000000000000ull,
};

/*
 * A random operand of a format with ebits exponent bits and fbits fraction
 * bits: specials, raw bit patterns, values near 1, tiny and huge ones, and
 * short significands that make exact results and ties likely.
 */
static uint64_t random_operand(int ebits, int fbits)
{
	uint64_t r = rng(), frac = rng() & ((1ull << fbits) - 1);
	uint64_t sign = (r >> 8 & 1) << (ebits + fbits);
	uint64_t emax = (1ull << ebits) - 1, bias = emax >> 1, e;

	switch (r % 7) {
	case 0:
		if (fbits == 23)
			return special_s[(r >> 16) % ARRAY_SIZE(special_s)];
		return special_d[(r >> 16) % ARRAY_SIZE(special_d)];
	case 1:
		return rng() & ((sign << 1) - 1);
	case 2:
		e = bias - 8 + (r >> 16) % 16;
		break;
	case 3:
		e = (r >> 16) % (fbits + 4);
		break;
	case 4:
		e = emax - 1 - (r >> 16) % (fbits + 4);
		break;
	case 5:
		e = bias - fbits + (r >> 16) % (2 * fbits);
		frac &= ~((1ull << (fbits - 6)) - 1);
		break;
	default:
		e = (r >> 16) % emax;
		break;
	}
	return sign | e << fbits | frac;
}

static uint32_t host_flags(void)
{
	int ex = fetestexcept(FE_ALL_EXCEPT);

	return (ex & FE_INEXACT ? RV_FFLAG_NX : 0) |
	       (ex & FE_UNDERFLOW ? RV_FFLAG_UF : 0) |
	       (ex & FE_OVERFLOW ? RV_FFLAG_OF : 0) |
	       (ex & FE_DIVBYZERO ? RV_FFLAG_DZ : 0) |
	       (ex & FE_INVALID ? RV_FFLAG_NV : 0);
}

/* Whether the host detects tininess before rounding, like Arm */
static bool host_tiny_before(void)
{
	volatile float x = 0x1.000002p0f, y = 0x1.fffffcp-127f, r;

	/* (1 + 2^-23)(1 - 2^-23) 2^-126 is tiny only before rounding */
	feclearexcept(FE_ALL_EXCEPT);
	r = x * y;
	(void)r;
	return fetestexcept(FE_UNDERFLOW) != 0;
}

static uint64_t host_s(enum rop op, uint32_t a, uint32_t b, uint32_t c,
		       uint32_t *fl)
{
	volatile float x, y, z, r;
	float fa, fb, fc, fr;
	uint32_t bits;

	memcpy(&fa, &a, 4);
	memcpy(&fb, &b, 4);
	memcpy(&fc, &c, 4);
	x = fa;
	y = fb;
	z = fc;
	/* volatile operands keep the operation between these two calls */
	feclearexcept(FE_ALL_EXCEPT);
	switch (op) {
	case R_ADD: r = x + y; break;
	case R_SUB: r = x - y; break;
	case R_MUL: r = x * y; break;
	case R_DIV: r = x / y; break;
	case R_SQRT: r = sqrtf(x); break;
	default: r = fmaf(x, y, z); break;
	}
	*fl = host_flags();
	fr = r;
	memcpy(&bits, &fr, 4);
	return bits;
}

static uint64_t host_d(enum rop op, uint64_t a, uint64_t b, uint64_t c,
		       uint32_t *fl)
{
	volatile double x, y, z, r;
	double da, db, dc, dr;
	uint64_t bits;

	memcpy(&da, &a, 8);
	memcpy(&db, &b, 8);
	memcpy(&dc, &c, 8);
	x = da;
	y = db;
	z = dc;
	feclearexcept(FE_ALL_EXCEPT);
	switch (op) {
	case R_ADD: r = x + y; break;
	case R_SUB: r = x - y; break;
	case R_MUL: r = x * y; break;
	case R_DIV: r = x / y; break;
	case R_SQRT: r = sqrt(x); break;
	default: r = fma(x, y, z); break;
	}
	*fl = host_flags();
	dr = r;
	memcpy(&bits, &dr, 8);
	return bits;
}

static uint64_t ours_s(enum rop op, uint32_t a, uint32_t b, uint32_t c,
		       uint32_t *fl)
{
	switch (op) {
	case R_ADD: return rv_fadd_s(a, b, RNE, fl);
	case R_SUB: return rv_fsub_s(a, b, RNE, fl);
	case R_MUL: return rv_fmul_s(a, b, RNE, fl);
	case R_DIV: return rv_fdiv_s(a, b, RNE, fl);
	case R_SQRT: return rv_fsqrt_s(a, RNE, fl);
	default: return rv_fmadd_s(a, b, c, RNE, fl);
	}
}

static uint64_t ours_d(enum rop op, uint64_t a, uint64_t b, uint64_t c,
		       uint32_t *fl)
{
	switch (op) {
	case R_ADD: return rv_fadd_d(a, b, RNE, fl);
	case R_SUB: return rv_fsub_d(a, b, RNE, fl);
	case R_MUL: return rv_fmul_d(a, b, RNE, fl);
	case R_DIV: return rv_fdiv_d(a, b, RNE, fl);
	case R_SQRT: return rv_fsqrt_d(a, RNE, fl);
	default: return rv_fmadd_d(a, b, c, RNE, fl);
	}
}

struct rcase {
	enum rop op;
	bool dbl;
};

static bool is_nan_bits(uint64_t x, bool dbl)
{
	if (dbl)
		return (x & ~D_NZERO) > D_INF;
	return (x & ~S_NZERO) > S_INF;
}

/* A magnitude at the smallest normal, where tininess rules differ */
static bool at_min_normal(uint64_t x, bool dbl)
{
	if (dbl)
		return (x & ~D_NZERO) == D_MIN;
	return (x & ~(uint64_t)S_NZERO) == S_MIN;
}

/* inf * 0 + NaN: the spec wants NV, hosts disagree; tables cover it */
static bool host_may_differ(enum rop op, bool dbl, uint64_t a, uint64_t b,
			    uint64_t c)
{
	uint64_t inf = dbl ? D_INF : S_INF, mask = dbl ? ~D_NZERO : ~S_NZERO;

	if (op != R_FMA || !is_nan_bits(c, dbl))
		return false;
	return ((a & mask) == inf && !(b & mask)) ||
	       (!(a & mask) && (b & mask) == inf);
}

/* An addend within a few ulps of a * b, for heavy cancellation in fma */
static uint64_t near_product(uint64_t a, uint64_t b, bool dbl)
{
	uint32_t fl;
	uint64_t p;

	if (dbl)
		p = host_d(R_MUL, a, b, 0, &fl);
	else
		p = host_s(R_MUL, a, b, 0, &fl);
	if (is_nan_bits(p, dbl))
		return p;
	p += rng() % 5;
	return dbl ? p : p & 0xffffffffu;
}

static void check_random(const void *data)
{
	const struct rcase *rc = data;
	bool dbl = rc->dbl, tiny_before = host_tiny_before();
	uint64_t sign = dbl ? D_NZERO : S_NZERO;
	uint64_t a, b, c, want, got, fast;
	uint32_t hfl, fl, fl_nx;
	int ebits = dbl ? 11 : 8, fbits = dbl ? 52 : 23, i;

	for (i = 0; i < RANDOM_ROUNDS; i++) {
		a = random_operand(ebits, fbits);
		b = random_operand(ebits, fbits);
		c = random_operand(ebits, fbits);
		if (i % 4 == 0)	/* close operands: cancellation */
			b = a ^ (rng() & 7) ^ (rng() & 1 ? sign : 0);
		if (i % 4 == 1 && rc->op == R_FMA)	/* c near -a * b */
			c = near_product(a, b ^ sign, dbl);
		if (host_may_differ(rc->op, dbl, a, b, c))
			continue;
		if (dbl)
			want = host_d(rc->op, a, b, c, &hfl);
		else
			want = host_s(rc->op, a, b, c, &hfl);
		fl = 0;
		fl_nx = RV_FFLAG_NX;
		got = dbl ? ours_d(rc->op, a, b, c, &fl) :
			    ours_s(rc->op, a, b, c, &fl);
		fast = dbl ? ours_d(rc->op, a, b, c, &fl_nx) :
			     ours_s(rc->op, a, b, c, &fl_nx);
		if (is_nan_bits(want, dbl))
			want = dbl ? D_QNAN : S_QNAN;
		if (tiny_before && at_min_normal(want, dbl)) {
			hfl &= ~RV_FFLAG_UF;
			fl &= ~RV_FFLAG_UF;
			fl_nx &= ~RV_FFLAG_UF;
		}
		if (got != want || fl != hfl || fast != got ||
		    fl_nx != (fl | RV_FFLAG_NX))
			g_test_message("%s.%c a %#" PRIx64 " b %#" PRIx64
				       " c %#" PRIx64 ": host %#" PRIx64
				       "/%#x ours %#" PRIx64 "/%#x fast %#"
				       PRIx64 "/%#x", rop_names[rc->op],
				       dbl ? 'd' : 's', a, b, c, want, hfl,
				       got, fl, fast, fl_nx);
		g_assert_cmphex(got, ==, want);
		g_assert_cmphex(fl, ==, hfl);
		g_assert_cmphex(fast, ==, got);
		g_assert_cmphex(fl_nx, ==, fl | RV_FFLAG_NX);
	}
}

int main(int argc, char **argv)
{
	static struct rcase rcases[2 * ARRAY_SIZE(rop_names)];
	struct vcase *vc;
	size_t i, j, n = 0;
	char *path;
	int ret;

	g_test_init(&argc, &argv, NULL);
	for (i = 0; i < ARRAY_SIZE(tables); i++)
		n += tables[i].n;
	vc = g_new(struct vcase, n);
	n = 0;
	for (i = 0; i < ARRAY_SIZE(tables); i++) {
		for (j = 0; j < tables[i].n; j++, n++) {
			vc[n].t = &tables[i];
			vc[n].v = &tables[i].v[j];
			path = g_strdup_printf("/riscv-fpu/%s/%zu",
					       tables[i].name, j);
			g_test_add_data_func(path, &vc[n], check_vector);
			g_free(path);
		}
	}
	n = 0;
	g_test_add_func("/riscv-fpu/flags-accumulate", test_flags_accumulate);
	for (i = 0; i < ARRAY_SIZE(rop_names); i++) {
		for (j = 0; j < 2; j++) {
			rcases[n].op = i;
			rcases[n].dbl = j;
			path = g_strdup_printf("/riscv-fpu/random/%s.%c",
					       rop_names[i], j ? 'd' : 's');
			g_test_add_data_func(path, &rcases[n++], check_random);
			g_free(path);
		}
	}
	ret = g_test_run();
	g_free(vc);
	return ret;
}
