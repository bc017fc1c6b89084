// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The bridge between translated code and the F/D arithmetic in fpu.c: NaN-boxing of single
 * values in 64-bit registers, the rounding mode (static or frm, with reserved modes trapping),
 * and accumulation of the exception flags into fflags.
 */
#include "qemu/osdep.h"
#include "cpu.h"
#include "helper.h"
#include "fpu.h"
#include "fpu_helper.h"
#include "accel/tcg/cputlb.h"

#define S  FPF_RM
#define SI (FPF_RM | FPF_RD_INT)
#define IS (FPF_RM | FPF_RS1_INT)
const uint8_t fp_op_flags[FP_NB_OPS] = {
	[FP_ADD_S] = S,
	[FP_SUB_S] = S,
	[FP_MUL_S] = S,
	[FP_DIV_S] = S,
	[FP_SQRT_S] = S | FPF_UNARY,
	[FP_MIN_S] = 0,
	[FP_MAX_S] = 0,
	[FP_MADD_S] = S | FPF_RS3,
	[FP_MSUB_S] = S | FPF_RS3,
	[FP_NMSUB_S] = S | FPF_RS3,
	[FP_NMADD_S] = S | FPF_RS3,
	[FP_SGNJ_S] = 0,
	[FP_SGNJN_S] = 0,
	[FP_SGNJX_S] = 0,
	[FP_EQ_S] = FPF_RD_INT,
	[FP_LT_S] = FPF_RD_INT,
	[FP_LE_S] = FPF_RD_INT,
	[FP_CLASS_S] = FPF_RD_INT | FPF_UNARY,
	[FP_CVT_W_S] = SI | FPF_UNARY,
	[FP_CVT_WU_S] = SI | FPF_UNARY,
	[FP_CVT_L_S] = SI | FPF_UNARY,
	[FP_CVT_LU_S] = SI | FPF_UNARY,
	[FP_CVT_S_W] = IS | FPF_UNARY,
	[FP_CVT_S_WU] = IS | FPF_UNARY,
	[FP_CVT_S_L] = IS | FPF_UNARY,
	[FP_CVT_S_LU] = IS | FPF_UNARY,
	[FP_ADD_D] = S | FPF_D,
	[FP_SUB_D] = S | FPF_D,
	[FP_MUL_D] = S | FPF_D,
	[FP_DIV_D] = S | FPF_D,
	[FP_SQRT_D] = S | FPF_UNARY | FPF_D,
	[FP_MIN_D] = FPF_D,
	[FP_MAX_D] = FPF_D,
	[FP_MADD_D] = S | FPF_RS3 | FPF_D,
	[FP_MSUB_D] = S | FPF_RS3 | FPF_D,
	[FP_NMSUB_D] = S | FPF_RS3 | FPF_D,
	[FP_NMADD_D] = S | FPF_RS3 | FPF_D,
	[FP_SGNJ_D] = FPF_D,
	[FP_SGNJN_D] = FPF_D,
	[FP_SGNJX_D] = FPF_D,
	[FP_EQ_D] = FPF_RD_INT | FPF_D,
	[FP_LT_D] = FPF_RD_INT | FPF_D,
	[FP_LE_D] = FPF_RD_INT | FPF_D,
	[FP_CLASS_D] = FPF_RD_INT | FPF_UNARY | FPF_D,
	[FP_CVT_W_D] = SI | FPF_UNARY | FPF_D,
	[FP_CVT_WU_D] = SI | FPF_UNARY | FPF_D,
	[FP_CVT_L_D] = SI | FPF_UNARY | FPF_D,
	[FP_CVT_LU_D] = SI | FPF_UNARY | FPF_D,
	[FP_CVT_D_W] = IS | FPF_UNARY | FPF_D,
	[FP_CVT_D_WU] = IS | FPF_UNARY | FPF_D,
	[FP_CVT_D_L] = IS | FPF_UNARY | FPF_D,
	[FP_CVT_D_LU] = IS | FPF_UNARY | FPF_D,
	[FP_CVT_S_D] = S | FPF_UNARY | FPF_D,
	[FP_CVT_D_S] = S | FPF_UNARY | FPF_D,
};

#define CANONICAL_NAN_S 0x7fc00000u

/* A single value is valid only NaN-boxed (upper half all ones); otherwise it reads as NaN. */
static uint32_t unbox(uint64_t v)
{
	return (v >> 32) == 0xffffffffu ? (uint32_t)v : CANONICAL_NAN_S;
}

static uint64_t box(uint32_t v)
{
	return 0xffffffff00000000ULL | v;
}

static uint32_t sgnj32(uint32_t a, uint32_t b, int kind)
{
	uint32_t sign = kind == 0 ? b : kind == 1 ? ~b : a ^ b;
	return (a & 0x7fffffffu) | (sign & 0x80000000u);
}

static uint64_t sgnj64(uint64_t a, uint64_t b, int kind)
{
	uint64_t sign = kind == 0 ? b : kind == 1 ? ~b : a ^ b;
	return (a & ~(1ULL << 63)) | (sign & (1ULL << 63));
}

static uint64_t fp_single(int op, uint64_t a64, uint64_t b64, uint64_t c64, int rm, uint32_t *fl)
{
	uint32_t a = unbox(a64), b = unbox(b64), c = unbox(c64);

	switch (op) {
	case FP_ADD_S:
		return box(rv_fadd_s(a, b, rm, fl));
	case FP_SUB_S:
		return box(rv_fsub_s(a, b, rm, fl));
	case FP_MUL_S:
		return box(rv_fmul_s(a, b, rm, fl));
	case FP_DIV_S:
		return box(rv_fdiv_s(a, b, rm, fl));
	case FP_SQRT_S:
		return box(rv_fsqrt_s(a, rm, fl));
	case FP_MIN_S:
		return box(rv_fmin_s(a, b, fl));
	case FP_MAX_S:
		return box(rv_fmax_s(a, b, fl));
	case FP_MADD_S:
		return box(rv_fmadd_s(a, b, c, rm, fl));
	case FP_MSUB_S:
		return box(rv_fmsub_s(a, b, c, rm, fl));
	case FP_NMSUB_S:
		return box(rv_fnmsub_s(a, b, c, rm, fl));
	case FP_NMADD_S:
		return box(rv_fnmadd_s(a, b, c, rm, fl));
	case FP_SGNJ_S:
		return box(sgnj32(a, b, 0));
	case FP_SGNJN_S:
		return box(sgnj32(a, b, 1));
	case FP_SGNJX_S:
		return box(sgnj32(a, b, 2));
	case FP_EQ_S:
		return rv_feq_s(a, b, fl);
	case FP_LT_S:
		return rv_flt_s(a, b, fl);
	case FP_LE_S:
		return rv_fle_s(a, b, fl);
	case FP_CLASS_S:
		return rv_fclass_s(a);
	case FP_CVT_W_S:
		return rv_fcvt_w_s(a, rm, fl);
	case FP_CVT_WU_S:
		return rv_fcvt_wu_s(a, rm, fl);
	case FP_CVT_L_S:
		return rv_fcvt_l_s(a, rm, fl);
	case FP_CVT_LU_S:
		return rv_fcvt_lu_s(a, rm, fl);
	case FP_CVT_S_W:
		return box(rv_fcvt_s_w((int32_t)a64, rm, fl));
	case FP_CVT_S_WU:
		return box(rv_fcvt_s_wu((uint32_t)a64, rm, fl));
	case FP_CVT_S_L:
		return box(rv_fcvt_s_l((int64_t)a64, rm, fl));
	case FP_CVT_S_LU:
		return box(rv_fcvt_s_lu(a64, rm, fl));
	case FP_CVT_S_D:
		return box(rv_fcvt_s_d(a64, rm, fl));
	default:
		return box(0);
	}
}

static uint64_t fp_double(int op, uint64_t a, uint64_t b, uint64_t c, int rm, uint32_t *fl)
{
	switch (op) {
	case FP_ADD_D:
		return rv_fadd_d(a, b, rm, fl);
	case FP_SUB_D:
		return rv_fsub_d(a, b, rm, fl);
	case FP_MUL_D:
		return rv_fmul_d(a, b, rm, fl);
	case FP_DIV_D:
		return rv_fdiv_d(a, b, rm, fl);
	case FP_SQRT_D:
		return rv_fsqrt_d(a, rm, fl);
	case FP_MIN_D:
		return rv_fmin_d(a, b, fl);
	case FP_MAX_D:
		return rv_fmax_d(a, b, fl);
	case FP_MADD_D:
		return rv_fmadd_d(a, b, c, rm, fl);
	case FP_MSUB_D:
		return rv_fmsub_d(a, b, c, rm, fl);
	case FP_NMSUB_D:
		return rv_fnmsub_d(a, b, c, rm, fl);
	case FP_NMADD_D:
		return rv_fnmadd_d(a, b, c, rm, fl);
	case FP_SGNJ_D:
		return sgnj64(a, b, 0);
	case FP_SGNJN_D:
		return sgnj64(a, b, 1);
	case FP_SGNJX_D:
		return sgnj64(a, b, 2);
	case FP_EQ_D:
		return rv_feq_d(a, b, fl);
	case FP_LT_D:
		return rv_flt_d(a, b, fl);
	case FP_LE_D:
		return rv_fle_d(a, b, fl);
	case FP_CLASS_D:
		return rv_fclass_d(a);
	case FP_CVT_W_D:
		return rv_fcvt_w_d(a, rm, fl);
	case FP_CVT_WU_D:
		return rv_fcvt_wu_d(a, rm, fl);
	case FP_CVT_L_D:
		return rv_fcvt_l_d(a, rm, fl);
	case FP_CVT_LU_D:
		return rv_fcvt_lu_d(a, rm, fl);
	case FP_CVT_D_W:
		return rv_fcvt_d_w((int32_t)a, rm, fl);
	case FP_CVT_D_WU:
		return rv_fcvt_d_wu((uint32_t)a, rm, fl);
	case FP_CVT_D_L:
		return rv_fcvt_d_l((int64_t)a, rm, fl);
	case FP_CVT_D_LU:
		return rv_fcvt_d_lu(a, rm, fl);
	case FP_CVT_D_S:
		return rv_fcvt_d_s(unbox(a), fl);
	default:
		return 0;
	}
}

/* The bits of the instruction being executed, for mtval (it was just fetched, so no fault). */
static uint32_t current_insn(CPURISCVState *env)
{
	CPUState *cs = &env_cpu(env)->parent_obj;
	CPUClass *cc = CPU_GET_CLASS(cs);
	int idx = cc->fetch_mmu_idx(cc->tb_flags(cs));
	uint32_t insn = cpu_fetch_code(cs, env->common.pc, 2, idx);

	return (insn & 3) == 3 ? cpu_fetch_code(cs, env->common.pc, 4, idx) : insn;
}

/* a, b, c: operand registers' values; d: op | rm << 8 (rm 7 = the frm CSR). */
static uint64_t do_fp(void *opaque, uint64_t a, uint64_t b, uint64_t c, uint64_t d)
{
	CPURISCVState *env = opaque;
	int op = d & 0xff, rm = (d >> 8) & 7;
	uint32_t fl = 0;
	uint64_t r;

	if (rm == 7) {
		rm = env->frm;
		if (rm > RV_RM_RMM)
			riscv_raise_exception(env, EXCP_ILLEGAL_INST, current_insn(env));
	}
	r = op < FP_ADD_D || op == FP_CVT_S_D ? fp_single(op, a, b, c, rm, &fl)
					      : fp_double(op, a, b, c, rm, &fl);
	env->fflags |= fl;
	return r;
}
/* fflags and frm are not IR globals: the registers the block caches stay valid. */
const IRHelper helper_fp = { do_fp, "fp", IR_HELPER_NO_GLOBAL_WRITES };
