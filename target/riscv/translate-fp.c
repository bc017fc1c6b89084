// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * F and D: loads, stores and moves inline; arithmetic, compares and conversions through
 * helper_fp. Every instruction checks that the extension exists and mstatus.FS is not Off,
 * and anything that changes FP state marks FS dirty, as the privileged spec requires.
 */
#include "qemu/osdep.h"
#include "translate.h"
#include "helper.h"
#include "fpu_helper.h"

#define M_F7_RM	    (0x7f | F7(0x7f)) /* funct7 and opcode; funct3 is the rounding mode */
#define M_F7_RS2    (M_F7 | (0x1fu << 20))
#define M_F7_RM_RS2 (M_F7_RM | (0x1fu << 20))
#define M_FMA	    (0x7f | F7(3))

static const char *const fpr_names[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1",  "fa0",
	"fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4",  "fs5",
	"fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

static IRTemp fpr(DisasContext *ctx, int r)
{
	if (ctx->fpr[r] == IR_NONE)
		ctx->fpr[r] = ir_global(ctx->b, offsetof(CPURISCVState, fpr[r]), fpr_names[r]);
	return ctx->fpr[r];
}

static bool fp_allowed(DisasContext *ctx, bool dbl)
{
	return ctx->fs != 0 && ctx->cfg->ext_f && (!dbl || ctx->cfg->ext_d);
}

/* FS becomes Dirty once per block; later blocks are translated with FS = Dirty. */
static void mark_fs_dirty(DisasContext *ctx)
{
	IRTemp ms;
	if (ctx->fs == 3)
		return;
	ms = ir_global(ctx->b, offsetof(CPURISCVState, mstatus), "mstatus");
	ir_binop(ctx->b, IR_OR, ms, ms, imm(ctx, MSTATUS_FS));
	ctx->fs = 3;
	ctx->b->changes_flags = true; /* FS is part of the flags */
}

bool trans_fload(DisasContext *ctx, const Insn *i, int memop)
{
	IRTemp a, f;
	if (!fp_allowed(ctx, memop == MO_UQ))
		return false;
	a = address(ctx, i);
	f = fpr(ctx, i->rd);
	ir_load(ctx->b, f, a, memop, ctx->mem_idx);
	if (memop == MO_UL)
		ir_binop(ctx->b, IR_OR, f, f, imm(ctx, (int64_t)0xffffffff00000000ULL));
	mark_fs_dirty(ctx);
	return true;
}

bool trans_fstore(DisasContext *ctx, const Insn *i, int memop)
{
	IRTemp a;
	if (!fp_allowed(ctx, memop == MO_64))
		return false;
	a = address(ctx, i);
	ir_store(ctx->b, fpr(ctx, i->rs2), a, memop, ctx->mem_idx);
	return true;
}

static bool trans_fp_op(DisasContext *ctx, const Insn *i, int op)
{
	uint8_t f = fp_op_flags[op];
	int rm = (ctx->insn >> 12) & 7;
	IRTemp a, b, c, d;

	if (!fp_allowed(ctx, f & FPF_D))
		return false;
	if ((f & FPF_RM) && (rm == 5 || rm == 6))
		return false;
	a = (f & FPF_RS1_INT) ? reg(ctx, i->rs1) : fpr(ctx, i->rs1);
	b = (f & FPF_UNARY) ? imm(ctx, 0) : fpr(ctx, i->rs2);
	c = (f & FPF_RS3) ? fpr(ctx, i->rs3) : imm(ctx, 0);
	d = (f & FPF_RD_INT) ? dest(ctx, i->rd) : fpr(ctx, i->rd);
	gen_helper(ctx, &helper_fp, d, a, b, c, imm(ctx, op | ((f & FPF_RM) ? rm : 0) << 8));
	/* fclass only reads FP state; everything else may write a register or fflags. */
	if (op != FP_CLASS_S && op != FP_CLASS_D)
		mark_fs_dirty(ctx);
	return true;
}

/* fmv.x.w (sign-extends), fmv.x.d, fmv.w.x (NaN-boxes), fmv.d.x: arg 0..3 */
static bool trans_fmv(DisasContext *ctx, const Insn *i, int arg)
{
	bool dbl = arg & 1;

	if (!fp_allowed(ctx, dbl))
		return false;
	if (arg < 2) {
		if (dbl)
			ir_mov(ctx->b, dest(ctx, i->rd), fpr(ctx, i->rs1));
		else
			ir_unop(ctx->b, IR_EXT32S, dest(ctx, i->rd), fpr(ctx, i->rs1));
		return true;
	}
	if (dbl) {
		ir_mov(ctx->b, fpr(ctx, i->rd), reg(ctx, i->rs1));
	} else {
		IRTemp f = fpr(ctx, i->rd);
		ir_unop(ctx->b, IR_EXT32U, f, reg(ctx, i->rs1));
		ir_binop(ctx->b, IR_OR, f, f, imm(ctx, (int64_t)0xffffffff00000000ULL));
	}
	mark_fs_dirty(ctx);
	return true;
}

#define OPFP(f7) (0x53 | F7(f7))
#define RS2(x)	 ((uint32_t)(x) << 20)

static const Pattern fp_patterns[] = {
	{ M_F3, 0x07 | F3(2), FMT_I, trans_fload, MO_UL },
	{ M_F3, 0x07 | F3(3), FMT_I, trans_fload, MO_UQ },
	{ M_F3, 0x27 | F3(2), FMT_S, trans_fstore, MO_32 },
	{ M_F3, 0x27 | F3(3), FMT_S, trans_fstore, MO_64 },
	{ M_FMA, 0x43, FMT_R4, trans_fp_op, FP_MADD_S },
	{ M_FMA, 0x47, FMT_R4, trans_fp_op, FP_MSUB_S },
	{ M_FMA, 0x4b, FMT_R4, trans_fp_op, FP_NMSUB_S },
	{ M_FMA, 0x4f, FMT_R4, trans_fp_op, FP_NMADD_S },
	{ M_FMA, 0x43 | F7(1), FMT_R4, trans_fp_op, FP_MADD_D },
	{ M_FMA, 0x47 | F7(1), FMT_R4, trans_fp_op, FP_MSUB_D },
	{ M_FMA, 0x4b | F7(1), FMT_R4, trans_fp_op, FP_NMSUB_D },
	{ M_FMA, 0x4f | F7(1), FMT_R4, trans_fp_op, FP_NMADD_D },
	{ M_F7_RM, OPFP(0x00), FMT_R, trans_fp_op, FP_ADD_S },
	{ M_F7_RM, OPFP(0x04), FMT_R, trans_fp_op, FP_SUB_S },
	{ M_F7_RM, OPFP(0x08), FMT_R, trans_fp_op, FP_MUL_S },
	{ M_F7_RM, OPFP(0x0c), FMT_R, trans_fp_op, FP_DIV_S },
	{ M_F7_RM_RS2, OPFP(0x2c), FMT_R, trans_fp_op, FP_SQRT_S },
	{ M_F7_RM, OPFP(0x01), FMT_R, trans_fp_op, FP_ADD_D },
	{ M_F7_RM, OPFP(0x05), FMT_R, trans_fp_op, FP_SUB_D },
	{ M_F7_RM, OPFP(0x09), FMT_R, trans_fp_op, FP_MUL_D },
	{ M_F7_RM, OPFP(0x0d), FMT_R, trans_fp_op, FP_DIV_D },
	{ M_F7_RM_RS2, OPFP(0x2d), FMT_R, trans_fp_op, FP_SQRT_D },
	{ M_F7, OPFP(0x10) | F3(0), FMT_R, trans_fp_op, FP_SGNJ_S },
	{ M_F7, OPFP(0x10) | F3(1), FMT_R, trans_fp_op, FP_SGNJN_S },
	{ M_F7, OPFP(0x10) | F3(2), FMT_R, trans_fp_op, FP_SGNJX_S },
	{ M_F7, OPFP(0x11) | F3(0), FMT_R, trans_fp_op, FP_SGNJ_D },
	{ M_F7, OPFP(0x11) | F3(1), FMT_R, trans_fp_op, FP_SGNJN_D },
	{ M_F7, OPFP(0x11) | F3(2), FMT_R, trans_fp_op, FP_SGNJX_D },
	{ M_F7, OPFP(0x14) | F3(0), FMT_R, trans_fp_op, FP_MIN_S },
	{ M_F7, OPFP(0x14) | F3(1), FMT_R, trans_fp_op, FP_MAX_S },
	{ M_F7, OPFP(0x15) | F3(0), FMT_R, trans_fp_op, FP_MIN_D },
	{ M_F7, OPFP(0x15) | F3(1), FMT_R, trans_fp_op, FP_MAX_D },
	{ M_F7_RM_RS2, OPFP(0x20) | RS2(1), FMT_R, trans_fp_op, FP_CVT_S_D },
	{ M_F7_RM_RS2, OPFP(0x21) | RS2(0), FMT_R, trans_fp_op, FP_CVT_D_S },
	{ M_F7, OPFP(0x50) | F3(2), FMT_R, trans_fp_op, FP_EQ_S },
	{ M_F7, OPFP(0x50) | F3(1), FMT_R, trans_fp_op, FP_LT_S },
	{ M_F7, OPFP(0x50) | F3(0), FMT_R, trans_fp_op, FP_LE_S },
	{ M_F7, OPFP(0x51) | F3(2), FMT_R, trans_fp_op, FP_EQ_D },
	{ M_F7, OPFP(0x51) | F3(1), FMT_R, trans_fp_op, FP_LT_D },
	{ M_F7, OPFP(0x51) | F3(0), FMT_R, trans_fp_op, FP_LE_D },
	{ M_F7_RM_RS2, OPFP(0x60) | RS2(0), FMT_R, trans_fp_op, FP_CVT_W_S },
	{ M_F7_RM_RS2, OPFP(0x60) | RS2(1), FMT_R, trans_fp_op, FP_CVT_WU_S },
	{ M_F7_RM_RS2, OPFP(0x60) | RS2(2), FMT_R, trans_fp_op, FP_CVT_L_S },
	{ M_F7_RM_RS2, OPFP(0x60) | RS2(3), FMT_R, trans_fp_op, FP_CVT_LU_S },
	{ M_F7_RM_RS2, OPFP(0x61) | RS2(0), FMT_R, trans_fp_op, FP_CVT_W_D },
	{ M_F7_RM_RS2, OPFP(0x61) | RS2(1), FMT_R, trans_fp_op, FP_CVT_WU_D },
	{ M_F7_RM_RS2, OPFP(0x61) | RS2(2), FMT_R, trans_fp_op, FP_CVT_L_D },
	{ M_F7_RM_RS2, OPFP(0x61) | RS2(3), FMT_R, trans_fp_op, FP_CVT_LU_D },
	{ M_F7_RM_RS2, OPFP(0x68) | RS2(0), FMT_R, trans_fp_op, FP_CVT_S_W },
	{ M_F7_RM_RS2, OPFP(0x68) | RS2(1), FMT_R, trans_fp_op, FP_CVT_S_WU },
	{ M_F7_RM_RS2, OPFP(0x68) | RS2(2), FMT_R, trans_fp_op, FP_CVT_S_L },
	{ M_F7_RM_RS2, OPFP(0x68) | RS2(3), FMT_R, trans_fp_op, FP_CVT_S_LU },
	{ M_F7_RM_RS2, OPFP(0x69) | RS2(0), FMT_R, trans_fp_op, FP_CVT_D_W },
	{ M_F7_RM_RS2, OPFP(0x69) | RS2(1), FMT_R, trans_fp_op, FP_CVT_D_WU },
	{ M_F7_RM_RS2, OPFP(0x69) | RS2(2), FMT_R, trans_fp_op, FP_CVT_D_L },
	{ M_F7_RM_RS2, OPFP(0x69) | RS2(3), FMT_R, trans_fp_op, FP_CVT_D_LU },
	{ M_F7_RS2, OPFP(0x70) | F3(0), FMT_R, trans_fmv, 0 },
	{ M_F7_RS2, OPFP(0x71) | F3(0), FMT_R, trans_fmv, 1 },
	{ M_F7_RS2, OPFP(0x78) | F3(0), FMT_R, trans_fmv, 2 },
	{ M_F7_RS2, OPFP(0x79) | F3(0), FMT_R, trans_fmv, 3 },
	{ M_F7_RS2, OPFP(0x70) | F3(1), FMT_R, trans_fp_op, FP_CLASS_S },
	{ M_F7_RS2, OPFP(0x71) | F3(1), FMT_R, trans_fp_op, FP_CLASS_D },
};

const PatternTable riscv_fp_patterns = { fp_patterns, ARRAY_SIZE(fp_patterns) };
