// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bit manipulation (Zba, Zbb, Zbc, Zbs), integer conditional operations (Zicond) and cache-block
 * operations (Zicbom, Zicboz). Most map to one or two IR ops; orc.b, the carry-less multiplies
 * and the cache-block operations use helpers.
 */
#include "qemu/osdep.h"
#include "translate.h"
#include "helper.h"

#define M_F6  (M_F3 | (0x3fu << 26))
#define M_ALL 0xfff0707f /* funct12, funct3, opcode: unary ops */

enum { EXT_ZBA, EXT_ZBB, EXT_ZBC, EXT_ZBS, EXT_ZICOND, EXT_ZICBOM, EXT_ZICBOZ };

static bool enabled(DisasContext *ctx, int ext)
{
	static const size_t field[] = {
		[EXT_ZBA] = offsetof(RISCVCPUConfig, ext_zba),
		[EXT_ZBB] = offsetof(RISCVCPUConfig, ext_zbb),
		[EXT_ZBC] = offsetof(RISCVCPUConfig, ext_zbc),
		[EXT_ZBS] = offsetof(RISCVCPUConfig, ext_zbs),
		[EXT_ZICOND] = offsetof(RISCVCPUConfig, ext_zicond),
		[EXT_ZICBOM] = offsetof(RISCVCPUConfig, ext_zicbom),
		[EXT_ZICBOZ] = offsetof(RISCVCPUConfig, ext_zicboz),
	};
	return *(const bool *)((const char *)ctx->cfg + field[ext]);
}

/* arg packs the extension (high byte) with what the function needs (low byte). */
#define ARG(ext, x) ((ext) << 8 | (x))

static bool zb_on(DisasContext *ctx, int arg)
{
	return enabled(ctx, arg >> 8);
}

/* shNadd and shNadd.uw: rd = (rs1 [zero-extended]) << N + rs2; bit 4 of arg = .uw */
static bool trans_shadd(DisasContext *ctx, const Insn *i, int arg)
{
	IRTemp t = ir_local(ctx->b);
	int n = arg & 3;

	if (!zb_on(ctx, arg))
		return false;
	if (arg & 16)
		ir_unop(ctx->b, IR_EXT32U, t, reg(ctx, i->rs1));
	else
		ir_mov(ctx->b, t, reg(ctx, i->rs1));
	ir_binop(ctx->b, IR_SHL, t, t, imm(ctx, n));
	ir_binop(ctx->b, IR_ADD, dest(ctx, i->rd), t, reg(ctx, i->rs2));
	return true;
}

static bool trans_slli_uw(DisasContext *ctx, const Insn *i, int arg)
{
	IRTemp t = ir_local(ctx->b);
	if (!zb_on(ctx, arg))
		return false;
	ir_unop(ctx->b, IR_EXT32U, t, reg(ctx, i->rs1));
	ir_binop(ctx->b, IR_SHL, dest(ctx, i->rd), t, imm(ctx, i->imm & 63));
	return true;
}

static bool trans_zb_alu(DisasContext *ctx, const Insn *i, int arg)
{
	return zb_on(ctx, arg) && trans_alu(ctx, i, arg & 0xff);
}

static bool trans_zb_alu_w(DisasContext *ctx, const Insn *i, int arg)
{
	return zb_on(ctx, arg) && trans_alu_w(ctx, i, arg & 0xff);
}

static bool trans_zb_imm(DisasContext *ctx, const Insn *i, int arg)
{
	return zb_on(ctx, arg) && trans_alu_imm(ctx, i, arg & 0xff);
}

static bool trans_zb_imm_w(DisasContext *ctx, const Insn *i, int arg)
{
	Insn w = *i;
	w.imm &= 31;
	return zb_on(ctx, arg) && trans_alu_imm_w(ctx, &w, arg & 0xff);
}

static bool trans_zb_unary(DisasContext *ctx, const Insn *i, int arg)
{
	return zb_on(ctx, arg) && trans_unary(ctx, i, arg & 0xff);
}

/* max, min, maxu, minu: arg low byte is the condition under which rs1 is chosen. */
static bool trans_minmax(DisasContext *ctx, const Insn *i, int arg)
{
	IRTemp a = reg(ctx, i->rs1), b = reg(ctx, i->rs2);
	if (!zb_on(ctx, arg))
		return false;
	ir_movcond(ctx->b, arg & 0xff, dest(ctx, i->rd), a, b, a, b);
	return true;
}

static bool trans_zb_helper(DisasContext *ctx, const Insn *i, int arg)
{
	if (!zb_on(ctx, arg))
		return false;
	gen_helper(ctx, &helper_bitop, dest(ctx, i->rd), reg(ctx, i->rs1), reg(ctx, i->rs2),
		   imm(ctx, arg & 0xff), IR_NONE);
	return true;
}

/* Single-bit ops: bclr, bset, binv, bext with the bit index from rs2 or the immediate. */
enum { BIT_CLR, BIT_SET, BIT_INV, BIT_EXT };

static bool trans_bitop(DisasContext *ctx, const Insn *i, int arg)
{
	IRTemp bit = ir_local(ctx->b), d = dest(ctx, i->rd), a = reg(ctx, i->rs1);
	bool immediate = arg & 0x10;
	IRTemp index = immediate ? imm(ctx, i->imm & 63) : reg(ctx, i->rs2);

	if (!zb_on(ctx, arg))
		return false;
	if ((arg & 0xf) == BIT_EXT) {
		ir_binop(ctx->b, IR_SHR, bit, a, index);
		ir_binop(ctx->b, IR_AND, d, bit, imm(ctx, 1));
		return true;
	}
	ir_binop(ctx->b, IR_SHL, bit, imm(ctx, 1), index);
	ir_binop(ctx->b,
		 (arg & 0xf) == BIT_CLR	  ? IR_ANDC
		 : (arg & 0xf) == BIT_SET ? IR_OR
					  : IR_XOR,
		 d, a, bit);
	return true;
}

/* czero.eqz / czero.nez: rd = (rs2 == 0 / != 0) ? 0 : rs1 */
static bool trans_czero(DisasContext *ctx, const Insn *i, int arg)
{
	if (!zb_on(ctx, arg))
		return false;
	ir_movcond(ctx->b, arg & 0xff, dest(ctx, i->rd), reg(ctx, i->rs2), imm(ctx, 0), imm(ctx, 0),
		   reg(ctx, i->rs1));
	return true;
}

/* cbo.inval/clean/flush/zero: arg low byte is the operation (the imm12 field). */
static bool trans_cbo(DisasContext *ctx, const Insn *i, int arg)
{
	if (!zb_on(ctx, arg))
		return false;
	gen_helper(ctx, &helper_cbo, IR_NONE, reg(ctx, i->rs1), imm(ctx, arg & 0xff),
		   imm(ctx, ctx->insn), IR_NONE);
	return true;
}

#define M_CBO 0xfff07fff /* imm12, funct3, rd = 0, opcode */

static const Pattern zb_patterns[] = {
	/* Zicbom, Zicboz (in the Zb table: the same kind of small extension) */
	{ M_CBO, 0x0f | F3(2) | 0x00000000, FMT_I, trans_cbo, ARG(EXT_ZICBOM, 0) },
	{ M_CBO, 0x0f | F3(2) | 0x00100000, FMT_I, trans_cbo, ARG(EXT_ZICBOM, 1) },
	{ M_CBO, 0x0f | F3(2) | 0x00200000, FMT_I, trans_cbo, ARG(EXT_ZICBOM, 2) },
	{ M_CBO, 0x0f | F3(2) | 0x00400000, FMT_I, trans_cbo, ARG(EXT_ZICBOZ, 4) },
	/* Zba */
	{ M_F7, 0x33 | F3(2) | F7(0x10), FMT_R, trans_shadd, ARG(EXT_ZBA, 1) },
	{ M_F7, 0x33 | F3(4) | F7(0x10), FMT_R, trans_shadd, ARG(EXT_ZBA, 2) },
	{ M_F7, 0x33 | F3(6) | F7(0x10), FMT_R, trans_shadd, ARG(EXT_ZBA, 3) },
	{ M_F7, 0x3b | F3(0) | F7(0x04), FMT_R, trans_shadd, ARG(EXT_ZBA, 16 | 0) },
	{ M_F7, 0x3b | F3(2) | F7(0x10), FMT_R, trans_shadd, ARG(EXT_ZBA, 16 | 1) },
	{ M_F7, 0x3b | F3(4) | F7(0x10), FMT_R, trans_shadd, ARG(EXT_ZBA, 16 | 2) },
	{ M_F7, 0x3b | F3(6) | F7(0x10), FMT_R, trans_shadd, ARG(EXT_ZBA, 16 | 3) },
	{ M_F6, 0x1b | F3(1) | (0x02u << 26), FMT_SH, trans_slli_uw, ARG(EXT_ZBA, 0) },
	/* Zbb */
	{ M_F7, 0x33 | F3(7) | F7(0x20), FMT_R, trans_zb_alu, ARG(EXT_ZBB, IR_ANDC) },
	{ M_F7, 0x33 | F3(6) | F7(0x20), FMT_R, trans_zb_alu, ARG(EXT_ZBB, IR_ORC) },
	{ M_F7, 0x33 | F3(4) | F7(0x20), FMT_R, trans_zb_alu, ARG(EXT_ZBB, IR_XNOR) },
	{ M_ALL, 0x13 | F3(1) | 0x60000000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_CLZ) },
	{ M_ALL, 0x13 | F3(1) | 0x60100000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_CTZ) },
	{ M_ALL, 0x13 | F3(1) | 0x60200000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_CPOP) },
	{ M_ALL, 0x1b | F3(1) | 0x60000000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_CLZ_32) },
	{ M_ALL, 0x1b | F3(1) | 0x60100000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_CTZ_32) },
	{ M_ALL, 0x1b | F3(1) | 0x60200000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_CPOP_32) },
	{ M_ALL, 0x13 | F3(1) | 0x60400000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_EXT8S) },
	{ M_ALL, 0x13 | F3(1) | 0x60500000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_EXT16S) },
	{ M_ALL, 0x3b | F3(4) | 0x08000000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_EXT16U) },
	{ M_ALL, 0x13 | F3(5) | 0x6b800000, FMT_I, trans_zb_unary, ARG(EXT_ZBB, IR_BSWAP) },
	{ M_ALL, 0x13 | F3(5) | 0x28700000, FMT_I, trans_zb_helper, ARG(EXT_ZBB, 0) }, /* orc.b */
	{ M_F7, 0x33 | F3(6) | F7(0x05), FMT_R, trans_minmax, ARG(EXT_ZBB, IR_COND_GE) },
	{ M_F7, 0x33 | F3(7) | F7(0x05), FMT_R, trans_minmax, ARG(EXT_ZBB, IR_COND_GEU) },
	{ M_F7, 0x33 | F3(4) | F7(0x05), FMT_R, trans_minmax, ARG(EXT_ZBB, IR_COND_LT) },
	{ M_F7, 0x33 | F3(5) | F7(0x05), FMT_R, trans_minmax, ARG(EXT_ZBB, IR_COND_LTU) },
	{ M_F7, 0x33 | F3(1) | F7(0x30), FMT_R, trans_zb_alu, ARG(EXT_ZBB, IR_ROTL) },
	{ M_F7, 0x33 | F3(5) | F7(0x30), FMT_R, trans_zb_alu, ARG(EXT_ZBB, IR_ROTR) },
	{ M_F7, 0x3b | F3(1) | F7(0x30), FMT_R, trans_zb_alu_w, ARG(EXT_ZBB, IR_ROTL_32) },
	{ M_F7, 0x3b | F3(5) | F7(0x30), FMT_R, trans_zb_alu_w, ARG(EXT_ZBB, IR_ROTR_32) },
	{ M_F6, 0x13 | F3(5) | (0x18u << 26), FMT_SH, trans_zb_imm, ARG(EXT_ZBB, IR_ROTR) },
	{ M_F7, 0x1b | F3(5) | F7(0x30), FMT_SH, trans_zb_imm_w, ARG(EXT_ZBB, IR_ROTR_32) },
	/* Zbc */
	{ M_F7, 0x33 | F3(1) | F7(0x05), FMT_R, trans_zb_helper, ARG(EXT_ZBC, 1) },
	{ M_F7, 0x33 | F3(3) | F7(0x05), FMT_R, trans_zb_helper, ARG(EXT_ZBC, 2) },
	{ M_F7, 0x33 | F3(2) | F7(0x05), FMT_R, trans_zb_helper, ARG(EXT_ZBC, 3) },
	/* Zbs */
	{ M_F7, 0x33 | F3(1) | F7(0x24), FMT_R, trans_bitop, ARG(EXT_ZBS, BIT_CLR) },
	{ M_F7, 0x33 | F3(1) | F7(0x14), FMT_R, trans_bitop, ARG(EXT_ZBS, BIT_SET) },
	{ M_F7, 0x33 | F3(1) | F7(0x34), FMT_R, trans_bitop, ARG(EXT_ZBS, BIT_INV) },
	{ M_F7, 0x33 | F3(5) | F7(0x24), FMT_R, trans_bitop, ARG(EXT_ZBS, BIT_EXT) },
	{ M_F6, 0x13 | F3(1) | (0x12u << 26), FMT_SH, trans_bitop, ARG(EXT_ZBS, 0x10 | BIT_CLR) },
	{ M_F6, 0x13 | F3(1) | (0x0au << 26), FMT_SH, trans_bitop, ARG(EXT_ZBS, 0x10 | BIT_SET) },
	{ M_F6, 0x13 | F3(1) | (0x1au << 26), FMT_SH, trans_bitop, ARG(EXT_ZBS, 0x10 | BIT_INV) },
	{ M_F6, 0x13 | F3(5) | (0x12u << 26), FMT_SH, trans_bitop, ARG(EXT_ZBS, 0x10 | BIT_EXT) },
	/* Zicond */
	{ M_F7, 0x33 | F3(5) | F7(0x07), FMT_R, trans_czero, ARG(EXT_ZICOND, IR_COND_EQ) },
	{ M_F7, 0x33 | F3(7) | F7(0x07), FMT_R, trans_czero, ARG(EXT_ZICOND, IR_COND_NE) },
};

const PatternTable riscv_zb_patterns = { zb_patterns, ARRAY_SIZE(zb_patterns) };
