// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The riscv64 frontend: decodes guest instructions into IR. Decoding is table-driven: each
 * 32-bit instruction is a (mask, match) pattern naming an operand format and a translation
 * function; each compressed instruction is a pattern that expands into the same operands and
 * reuses the same translation function. A block ends at a jump, a trap, an instruction that
 * changes translation state, a page boundary, or after MAX_INSNS instructions.
 */
#include "qemu/osdep.h"
#include "sysemu/cpu-timers.h"
#include "accel/tcg/debug.h"
#include "semihosting/semihost.h"
#include "qemu/log.h"
#include "cpu.h"
#include "helper.h"
#include "translate.h"
#include "disas.h"
#include "accel/tcg/cputlb.h"

/* ---- register access ---- */

IRTemp reg(DisasContext *ctx, int r)
{
	return r ? ctx->gpr[r] : ir_const(ctx->b, 0);
}

/* Writes to x0 go to a scratch temp and are dropped. */
IRTemp dest(DisasContext *ctx, int r)
{
	return r ? ctx->gpr[r] : ir_local(ctx->b);
}

IRTemp imm(DisasContext *ctx, int64_t v)
{
	return ir_const(ctx->b, v);
}

void gen_set_pc(DisasContext *ctx, uint64_t pc)
{
	ir_mov(ctx->b, ctx->pc_reg, imm(ctx, pc));
}

static void gen_goto_tb(DisasContext *ctx, int slot, uint64_t dest_pc)
{
	gen_set_pc(ctx, dest_pc);
	ir_goto_tb(ctx->b, slot);
}

void gen_helper(DisasContext *ctx, const IRHelper *h, IRTemp d, IRTemp a0, IRTemp a1, IRTemp a2,
		IRTemp a3)
{
	ir_call(ctx->b, h, d, a0, a1, a2, a3);
}

void gen_exception(DisasContext *ctx, int cause, uint64_t tval)
{
	gen_helper(ctx, &helper_raise_exception, IR_NONE, imm(ctx, cause), imm(ctx, tval), IR_NONE,
		   IR_NONE);
	ctx->state = DISAS_NORETURN;
}

bool gen_illegal(DisasContext *ctx)
{
	gen_exception(ctx, EXCP_ILLEGAL_INST, ctx->insn);
	return true;
}

/* ---- integer computation ---- */

bool trans_alu(DisasContext *ctx, const Insn *i, int op)
{
	ir_binop(ctx->b, op, dest(ctx, i->rd), reg(ctx, i->rs1), reg(ctx, i->rs2));
	return true;
}

bool trans_alu_imm(DisasContext *ctx, const Insn *i, int op)
{
	ir_binop(ctx->b, op, dest(ctx, i->rd), reg(ctx, i->rs1), imm(ctx, i->imm));
	return true;
}

/* W forms: compute on 32 bits, then sign-extend as RV64 requires. */
bool trans_alu_w(DisasContext *ctx, const Insn *i, int op)
{
	IRTemp d = dest(ctx, i->rd);
	ir_binop(ctx->b, op, d, reg(ctx, i->rs1), reg(ctx, i->rs2));
	ir_unop(ctx->b, IR_EXT32S, d, d);
	return true;
}

bool trans_alu_imm_w(DisasContext *ctx, const Insn *i, int op)
{
	IRTemp d = dest(ctx, i->rd);
	ir_binop(ctx->b, op, d, reg(ctx, i->rs1), imm(ctx, i->imm));
	ir_unop(ctx->b, IR_EXT32S, d, d);
	return true;
}

static bool trans_setcond(DisasContext *ctx, const Insn *i, int cond)
{
	ir_setcond(ctx->b, cond, dest(ctx, i->rd), reg(ctx, i->rs1), reg(ctx, i->rs2));
	return true;
}

static bool trans_setcond_imm(DisasContext *ctx, const Insn *i, int cond)
{
	ir_setcond(ctx->b, cond, dest(ctx, i->rd), reg(ctx, i->rs1), imm(ctx, i->imm));
	return true;
}

static bool trans_lui(DisasContext *ctx, const Insn *i, int arg)
{
	ir_mov(ctx->b, dest(ctx, i->rd), imm(ctx, i->imm));
	return true;
}

static bool trans_auipc(DisasContext *ctx, const Insn *i, int arg)
{
	ir_mov(ctx->b, dest(ctx, i->rd), imm(ctx, ctx->pc + i->imm));
	return true;
}

bool trans_unary(DisasContext *ctx, const Insn *i, int op)
{
	ir_unop(ctx->b, op, dest(ctx, i->rd), reg(ctx, i->rs1));
	return true;
}

/* ---- control flow ---- */

static bool trans_jal(DisasContext *ctx, const Insn *i, int arg)
{
	if (i->rd)
		ir_mov(ctx->b, ctx->gpr[i->rd], imm(ctx, ctx->pc_next));
	gen_goto_tb(ctx, 0, ctx->pc + i->imm);
	ctx->state = DISAS_NORETURN;
	return true;
}

static bool trans_jalr(DisasContext *ctx, const Insn *i, int arg)
{
	IRTemp target = ir_local(ctx->b);
	ir_binop(ctx->b, IR_ADD, target, reg(ctx, i->rs1), imm(ctx, i->imm));
	ir_binop(ctx->b, IR_AND, ctx->pc_reg, target, imm(ctx, ~1LL));
	if (i->rd)
		ir_mov(ctx->b, ctx->gpr[i->rd], imm(ctx, ctx->pc_next));
	ir_exit_tb(ctx->b);
	ctx->state = DISAS_NORETURN;
	return true;
}

static bool trans_branch(DisasContext *ctx, const Insn *i, int cond)
{
	int taken = ir_new_label(ctx->b);
	ir_brcond(ctx->b, cond, reg(ctx, i->rs1), reg(ctx, i->rs2), taken);
	gen_goto_tb(ctx, 0, ctx->pc_next);
	ir_label(ctx->b, taken);
	gen_goto_tb(ctx, 1, ctx->pc + i->imm);
	ctx->state = DISAS_NORETURN;
	return true;
}

/* ---- memory ---- */

IRTemp address(DisasContext *ctx, const Insn *i)
{
	IRTemp a;
	if (i->imm == 0)
		return reg(ctx, i->rs1);
	a = ir_local(ctx->b);
	ir_binop(ctx->b, IR_ADD, a, reg(ctx, i->rs1), imm(ctx, i->imm));
	return a;
}

bool trans_load(DisasContext *ctx, const Insn *i, int memop)
{
	IRTemp a = address(ctx, i);
	ir_load(ctx->b, dest(ctx, i->rd), a, memop, ctx->mem_idx);
	return true;
}

bool trans_store(DisasContext *ctx, const Insn *i, int memop)
{
	IRTemp a = address(ctx, i);
	ir_store(ctx->b, reg(ctx, i->rs2), a, memop, ctx->mem_idx);
	return true;
}

/* AMOs and LR/SC run in helpers: they fault as stores and must be atomic as a whole. */
static bool trans_atomic(DisasContext *ctx, const Insn *i, int op)
{
	int size = (ctx->insn >> 12) & 1 ? 8 : 4;
	if (!ctx->cfg->ext_a)
		return false;
	gen_helper(ctx, &helper_atomic, dest(ctx, i->rd), reg(ctx, i->rs1), reg(ctx, i->rs2),
		   imm(ctx, op | size << 8 | ctx->mem_idx << 16), IR_NONE);
	return true;
}

/* ---- system ---- */

static bool trans_fence(DisasContext *ctx, const Insn *i, int arg)
{
	return true; /* one hart runs at a time: memory is always ordered */
}

static bool trans_fence_i(DisasContext *ctx, const Insn *i, int arg)
{
	if (!ctx->cfg->ext_zifencei)
		return false;
	/* Stores already invalidated stale blocks; ending this one makes the next fetch new. */
	gen_set_pc(ctx, ctx->pc_next);
	ctx->state = DISAS_EXIT;
	return true;
}

static bool trans_ecall(DisasContext *ctx, const Insn *i, int arg)
{
	static const int causes[] = { EXCP_U_ECALL, EXCP_S_ECALL, 0, EXCP_M_ECALL };
	gen_exception(ctx, causes[ctx->priv], 0);
	return true;
}

/*
 * The RISC-V semihosting trap: an uncompressed ebreak between slli x0, x0, 0x1f and
 * srai x0, x0, 7, all three in one page, while semihosting is on for this privilege.
 */
static bool is_semihosting_call(DisasContext *ctx)
{
	uint64_t pre = ctx->pc - 4, post = ctx->pc + 4;

	if (ctx->pc_next != ctx->pc + 4 || !semihosting_enabled(ctx->priv == PRV_U) ||
	    (pre & TARGET_PAGE_MASK) != (post & TARGET_PAGE_MASK))
		return false;
	return cpu_fetch_code(ctx->cs, pre, 4, ctx->fetch_idx) == 0x01f01013 &&
	       cpu_fetch_code(ctx->cs, post, 4, ctx->fetch_idx) == 0x40705013;
}

static bool trans_ebreak(DisasContext *ctx, const Insn *i, int arg)
{
	if (is_semihosting_call(ctx)) {
		gen_helper(ctx, &helper_semihosting, IR_NONE, IR_NONE, IR_NONE, IR_NONE, IR_NONE);
		gen_set_pc(ctx, ctx->pc_next);
		ctx->state = DISAS_EXIT;
		return true;
	}
	gen_exception(ctx, EXCP_BREAKPOINT, 0); /* mtval 0, as QEMU 7.2 does */
	return true;
}

/* mret, sret, wfi, sfence.vma: privilege checks and effects in helpers; the block ends. */
static bool trans_priv_helper(DisasContext *ctx, const Insn *i, int which)
{
	static const IRHelper *const helpers[] = { &helper_mret, &helper_sret, &helper_wfi,
						   &helper_sfence_vma };
	gen_helper(ctx, helpers[which], IR_NONE, imm(ctx, ctx->insn), reg(ctx, i->rs1), IR_NONE,
		   IR_NONE);
	/* mret and sret set the pc themselves; the others continue after the instruction. */
	if (which >= 2)
		gen_set_pc(ctx, ctx->pc_next);
	ctx->state = DISAS_EXIT;
	return true;
}

/* CSR ops: arg is 0 rw, 1 rs, 2 rc; bit 2 for the immediate forms. */
static bool trans_csr(DisasContext *ctx, const Insn *i, int arg)
{
	int kind = arg & 3;
	bool uimm = arg & 4;
	IRTemp src = uimm ? imm(ctx, i->rs1) : reg(ctx, i->rs1);
	bool write = kind == 0 || i->rs1 != 0;
	IRTemp newv = kind == 0 ? src : imm(ctx, kind == 1 ? -1 : 0);
	IRTemp mask = kind == 0 ? imm(ctx, -1) : src;

	if (!ctx->cfg->ext_zicsr)
		return false;
	gen_helper(ctx, &helper_csr, dest(ctx, i->rd), imm(ctx, i->imm | write << 12), newv, mask,
		   imm(ctx, ctx->insn));
	/*
	 * A CSR write may change anything the block was translated for. Counter reads end the
	 * block too: instructions are counted per block, so the count is exact at its end.
	 */
	if (write || (i->imm & 0xf60) == 0xb00 || (i->imm & 0xf60) == 0xc00) {
		gen_set_pc(ctx, ctx->pc_next);
		ctx->state = DISAS_EXIT;
	}
	return true;
}

/* ---- the 32-bit decode table ---- */

static bool has_m(DisasContext *ctx)
{
	return ctx->cfg->ext_m;
}

static bool trans_m(DisasContext *ctx, const Insn *i, int op)
{
	return has_m(ctx) && trans_alu(ctx, i, op);
}

static bool trans_m_w(DisasContext *ctx, const Insn *i, int op)
{
	return has_m(ctx) && trans_alu_w(ctx, i, op);
}

static const Pattern patterns32[] = {
	{ M_OP, 0x37, FMT_U, trans_lui },
	{ M_OP, 0x17, FMT_U, trans_auipc },
	{ M_OP, 0x6f, FMT_J, trans_jal },
	{ M_F3, 0x67, FMT_I, trans_jalr },
	{ M_F3, 0x63 | F3(0), FMT_B, trans_branch, IR_COND_EQ },
	{ M_F3, 0x63 | F3(1), FMT_B, trans_branch, IR_COND_NE },
	{ M_F3, 0x63 | F3(4), FMT_B, trans_branch, IR_COND_LT },
	{ M_F3, 0x63 | F3(5), FMT_B, trans_branch, IR_COND_GE },
	{ M_F3, 0x63 | F3(6), FMT_B, trans_branch, IR_COND_LTU },
	{ M_F3, 0x63 | F3(7), FMT_B, trans_branch, IR_COND_GEU },
	{ M_F3, 0x03 | F3(0), FMT_I, trans_load, MO_SB },
	{ M_F3, 0x03 | F3(1), FMT_I, trans_load, MO_SW },
	{ M_F3, 0x03 | F3(2), FMT_I, trans_load, MO_SL },
	{ M_F3, 0x03 | F3(3), FMT_I, trans_load, MO_UQ },
	{ M_F3, 0x03 | F3(4), FMT_I, trans_load, MO_UB },
	{ M_F3, 0x03 | F3(5), FMT_I, trans_load, MO_UW },
	{ M_F3, 0x03 | F3(6), FMT_I, trans_load, MO_UL },
	{ M_F3, 0x23 | F3(0), FMT_S, trans_store, MO_8 },
	{ M_F3, 0x23 | F3(1), FMT_S, trans_store, MO_16 },
	{ M_F3, 0x23 | F3(2), FMT_S, trans_store, MO_32 },
	{ M_F3, 0x23 | F3(3), FMT_S, trans_store, MO_64 },
	{ M_F3, 0x13 | F3(0), FMT_I, trans_alu_imm, IR_ADD },
	{ M_F3, 0x13 | F3(2), FMT_I, trans_setcond_imm, IR_COND_LT },
	{ M_F3, 0x13 | F3(3), FMT_I, trans_setcond_imm, IR_COND_LTU },
	{ M_F3, 0x13 | F3(4), FMT_I, trans_alu_imm, IR_XOR },
	{ M_F3, 0x13 | F3(6), FMT_I, trans_alu_imm, IR_OR },
	{ M_F3, 0x13 | F3(7), FMT_I, trans_alu_imm, IR_AND },
	{ M_SH, 0x13 | F3(1), FMT_SH, trans_alu_imm, IR_SHL },
	{ M_SH, 0x13 | F3(5), FMT_SH, trans_alu_imm, IR_SHR },
	{ M_SH, 0x13 | F3(5) | (0x10u << 26), FMT_SH, trans_alu_imm, IR_SAR },
	{ M_F7, 0x33 | F3(0), FMT_R, trans_alu, IR_ADD },
	{ M_F7, 0x33 | F3(0) | F7(0x20), FMT_R, trans_alu, IR_SUB },
	{ M_F7, 0x33 | F3(1), FMT_R, trans_alu, IR_SHL },
	{ M_F7, 0x33 | F3(2), FMT_R, trans_setcond, IR_COND_LT },
	{ M_F7, 0x33 | F3(3), FMT_R, trans_setcond, IR_COND_LTU },
	{ M_F7, 0x33 | F3(4), FMT_R, trans_alu, IR_XOR },
	{ M_F7, 0x33 | F3(5), FMT_R, trans_alu, IR_SHR },
	{ M_F7, 0x33 | F3(5) | F7(0x20), FMT_R, trans_alu, IR_SAR },
	{ M_F7, 0x33 | F3(6), FMT_R, trans_alu, IR_OR },
	{ M_F7, 0x33 | F3(7), FMT_R, trans_alu, IR_AND },
	{ M_F3, 0x1b | F3(0), FMT_I, trans_alu_imm_w, IR_ADD_32 },
	{ M_F7, 0x1b | F3(1), FMT_SH, trans_alu_imm_w, IR_SHL_32 },
	{ M_F7, 0x1b | F3(5), FMT_SH, trans_alu_imm_w, IR_SHR_32 },
	{ M_F7, 0x1b | F3(5) | F7(0x20), FMT_SH, trans_alu_imm_w, IR_SAR_32 },
	{ M_F7, 0x3b | F3(0), FMT_R, trans_alu_w, IR_ADD_32 },
	{ M_F7, 0x3b | F3(0) | F7(0x20), FMT_R, trans_alu_w, IR_SUB_32 },
	{ M_F7, 0x3b | F3(1), FMT_R, trans_alu_w, IR_SHL_32 },
	{ M_F7, 0x3b | F3(5), FMT_R, trans_alu_w, IR_SHR_32 },
	{ M_F7, 0x3b | F3(5) | F7(0x20), FMT_R, trans_alu_w, IR_SAR_32 },
	/* M */
	{ M_F7, 0x33 | F3(0) | F7(1), FMT_R, trans_m, IR_MUL },
	{ M_F7, 0x33 | F3(1) | F7(1), FMT_R, trans_m, IR_MULH },
	{ M_F7, 0x33 | F3(2) | F7(1), FMT_R, trans_m, IR_MULHSU },
	{ M_F7, 0x33 | F3(3) | F7(1), FMT_R, trans_m, IR_MULHU },
	{ M_F7, 0x33 | F3(4) | F7(1), FMT_R, trans_m, IR_DIV },
	{ M_F7, 0x33 | F3(5) | F7(1), FMT_R, trans_m, IR_DIVU },
	{ M_F7, 0x33 | F3(6) | F7(1), FMT_R, trans_m, IR_REM },
	{ M_F7, 0x33 | F3(7) | F7(1), FMT_R, trans_m, IR_REMU },
	{ M_F7, 0x3b | F3(0) | F7(1), FMT_R, trans_m_w, IR_MUL_32 },
	{ M_F7, 0x3b | F3(4) | F7(1), FMT_R, trans_m_w, IR_DIV_32 },
	{ M_F7, 0x3b | F3(5) | F7(1), FMT_R, trans_m_w, IR_DIVU_32 },
	{ M_F7, 0x3b | F3(6) | F7(1), FMT_R, trans_m_w, IR_REM_32 },
	{ M_F7, 0x3b | F3(7) | F7(1), FMT_R, trans_m_w, IR_REMU_32 },
	/* A: funct3 2 (.w) and 3 (.d); LR requires rs2 = 0 */
	{ (M_AMO & ~F3(1)) | (0x1fu << 20), AMO(0x02) | F3(2), FMT_R, trans_atomic, ATOMIC_LR },
	{ M_AMO & ~F3(1), AMO(0x03) | F3(2), FMT_R, trans_atomic, ATOMIC_SC },
	{ M_AMO & ~F3(1), AMO(0x01) | F3(2), FMT_R, trans_atomic, ATOMIC_SWAP },
	{ M_AMO & ~F3(1), AMO(0x00) | F3(2), FMT_R, trans_atomic, ATOMIC_ADD },
	{ M_AMO & ~F3(1), AMO(0x04) | F3(2), FMT_R, trans_atomic, ATOMIC_XOR },
	{ M_AMO & ~F3(1), AMO(0x0c) | F3(2), FMT_R, trans_atomic, ATOMIC_AND },
	{ M_AMO & ~F3(1), AMO(0x08) | F3(2), FMT_R, trans_atomic, ATOMIC_OR },
	{ M_AMO & ~F3(1), AMO(0x10) | F3(2), FMT_R, trans_atomic, ATOMIC_MIN },
	{ M_AMO & ~F3(1), AMO(0x14) | F3(2), FMT_R, trans_atomic, ATOMIC_MAX },
	{ M_AMO & ~F3(1), AMO(0x18) | F3(2), FMT_R, trans_atomic, ATOMIC_MINU },
	{ M_AMO & ~F3(1), AMO(0x1c) | F3(2), FMT_R, trans_atomic, ATOMIC_MAXU },
	/* fences and system */
	{ M_F3, 0x0f | F3(0), FMT_I, trans_fence },
	{ M_F3, 0x0f | F3(1), FMT_I, trans_fence_i },
	{ 0xffffffff, 0x00000073, FMT_I, trans_ecall },
	{ 0xffffffff, 0x00100073, FMT_I, trans_ebreak },
	{ 0xffffffff, 0x30200073, FMT_I, trans_priv_helper, 0 },
	{ 0xffffffff, 0x10200073, FMT_I, trans_priv_helper, 1 },
	{ 0xffffffff, 0x10500073, FMT_I, trans_priv_helper, 2 },
	{ 0xfe007fff, 0x12000073, FMT_R, trans_priv_helper, 3 },
	{ M_F3, 0x73 | F3(1), FMT_CSR, trans_csr, 0 },
	{ M_F3, 0x73 | F3(2), FMT_CSR, trans_csr, 1 },
	{ M_F3, 0x73 | F3(3), FMT_CSR, trans_csr, 2 },
	{ M_F3, 0x73 | F3(5), FMT_CSR, trans_csr, 4 },
	{ M_F3, 0x73 | F3(6), FMT_CSR, trans_csr, 5 },
	{ M_F3, 0x73 | F3(7), FMT_CSR, trans_csr, 6 },
};

static int64_t sext(uint64_t v, int bits)
{
	return (int64_t)(v << (64 - bits)) >> (64 - bits);
}

static uint32_t bits(uint32_t insn, int hi, int lo)
{
	return (insn >> lo) & ((1u << (hi - lo + 1)) - 1);
}

static void extract32(uint32_t insn, Format fmt, Insn *i)
{
	i->rd = bits(insn, 11, 7);
	i->rs1 = bits(insn, 19, 15);
	i->rs2 = bits(insn, 24, 20);
	i->rs3 = bits(insn, 31, 27);
	switch (fmt) {
	case FMT_I:
		i->imm = sext(bits(insn, 31, 20), 12);
		break;
	case FMT_CSR:
		i->imm = bits(insn, 31, 20);
		break;
	case FMT_SH:
		i->imm = bits(insn, 25, 20);
		break;
	case FMT_S:
		i->imm = sext(bits(insn, 31, 25) << 5 | bits(insn, 11, 7), 12);
		break;
	case FMT_B:
		i->imm = sext(bits(insn, 31, 31) << 12 | bits(insn, 7, 7) << 11 |
				  bits(insn, 30, 25) << 5 | bits(insn, 11, 8) << 1,
			      13);
		break;
	case FMT_U:
		i->imm = (int64_t)(int32_t)(insn & 0xfffff000);
		break;
	case FMT_J:
		i->imm = sext(bits(insn, 31, 31) << 20 | bits(insn, 19, 12) << 12 |
				  bits(insn, 20, 20) << 11 | bits(insn, 30, 21) << 1,
			      21);
		break;
	default:
		i->imm = 0;
		break;
	}
}

/* ---- the compressed decode table (RV64C) ---- */

typedef enum CFormat {
	C_ADDI4SPN,
	C_LW,
	C_LD,
	C_SW,
	C_SD,
	C_ADDI,
	C_ADDIW,
	C_LI,
	C_ADDI16SP,
	C_LUI,
	C_SHIFT,
	C_ANDI,
	C_ARITH,
	C_J,
	C_BRANCH,
	C_SLLI,
	C_LWSP,
	C_LDSP,
	C_JR,
	C_MV,
	C_JALR,
	C_ADD,
	C_SWSP,
	C_SDSP,
	C_EBREAK,
	C_FLDSP,
} CFormat;

typedef struct CPattern {
	uint16_t mask, match;
	CFormat fmt;
	TransFn trans;
	int arg;
} CPattern;

static const CPattern patterns16[] = {
	{ 0xe003, 0x0000, C_ADDI4SPN, trans_alu_imm, IR_ADD },
	{ 0xe003, 0x4000, C_LW, trans_load, MO_SL },
	{ 0xe003, 0x6000, C_LD, trans_load, MO_UQ },
	{ 0xe003, 0xc000, C_SW, trans_store, MO_32 },
	{ 0xe003, 0xe000, C_SD, trans_store, MO_64 },
	{ 0xe003, 0x2000, C_LD, trans_fload, MO_UQ },  /* c.fld */
	{ 0xe003, 0xa000, C_SD, trans_fstore, MO_64 }, /* c.fsd */
	{ 0xe003, 0x2002, C_FLDSP, trans_fload, MO_UQ },
	{ 0xe003, 0xa002, C_SDSP, trans_fstore, MO_64 }, /* c.fsdsp */
	{ 0xe003, 0x0001, C_ADDI, trans_alu_imm, IR_ADD },
	{ 0xe003, 0x2001, C_ADDIW, trans_alu_imm_w, IR_ADD_32 },
	{ 0xe003, 0x4001, C_LI, trans_alu_imm, IR_ADD },
	{ 0xef83, 0x6101, C_ADDI16SP, trans_alu_imm, IR_ADD },
	{ 0xe003, 0x6001, C_LUI, trans_lui },
	{ 0xec03, 0x8001, C_SHIFT, trans_alu_imm, IR_SHR },
	{ 0xec03, 0x8401, C_SHIFT, trans_alu_imm, IR_SAR },
	{ 0xec03, 0x8801, C_ANDI, trans_alu_imm, IR_AND },
	{ 0xfc63, 0x8c01, C_ARITH, trans_alu, IR_SUB },
	{ 0xfc63, 0x8c21, C_ARITH, trans_alu, IR_XOR },
	{ 0xfc63, 0x8c41, C_ARITH, trans_alu, IR_OR },
	{ 0xfc63, 0x8c61, C_ARITH, trans_alu, IR_AND },
	{ 0xfc63, 0x9c01, C_ARITH, trans_alu_w, IR_SUB_32 },
	{ 0xfc63, 0x9c21, C_ARITH, trans_alu_w, IR_ADD_32 },
	{ 0xe003, 0xa001, C_J, trans_jal },
	{ 0xe003, 0xc001, C_BRANCH, trans_branch, IR_COND_EQ },
	{ 0xe003, 0xe001, C_BRANCH, trans_branch, IR_COND_NE },
	{ 0xe003, 0x0002, C_SLLI, trans_alu_imm, IR_SHL },
	{ 0xe003, 0x4002, C_LWSP, trans_load, MO_SL },
	{ 0xe003, 0x6002, C_LDSP, trans_load, MO_UQ },
	{ 0xffff, 0x9002, C_EBREAK, trans_ebreak },
	{ 0xf07f, 0x8002, C_JR, trans_jalr },
	{ 0xf003, 0x8002, C_MV, trans_alu, IR_ADD },
	{ 0xf07f, 0x9002, C_JALR, trans_jalr },
	{ 0xf003, 0x9002, C_ADD, trans_alu, IR_ADD },
	{ 0xe003, 0xc002, C_SWSP, trans_store, MO_32 },
	{ 0xe003, 0xe002, C_SDSP, trans_store, MO_64 },
};

static Insn cinsn(int rd, int rs1, int rs2, int64_t imm)
{
	return (Insn){ .rd = rd, .rs1 = rs1, .rs2 = rs2, .imm = imm };
}

/* Expands a compressed instruction's operands; false for the reserved encodings. */
static bool extract16(uint16_t c, CFormat fmt, Insn *i)
{
	int rd = bits(c, 11, 7), rs2 = bits(c, 6, 2);
	int rdp = 8 + bits(c, 4, 2), rs1p = 8 + bits(c, 9, 7);
	int64_t ci = sext(bits(c, 12, 12) << 5 | bits(c, 6, 2), 6);

	memset(i, 0, sizeof(*i));
	switch (fmt) {
	case C_ADDI4SPN:
		*i = cinsn(rdp, 2, 0,
			   bits(c, 10, 7) << 6 | bits(c, 12, 11) << 4 | bits(c, 5, 5) << 3 |
			       bits(c, 6, 6) << 2);
		return i->imm != 0;
	case C_LW:
	case C_SW:
		*i = cinsn(rdp, rs1p, rdp,
			   bits(c, 5, 5) << 6 | bits(c, 12, 10) << 3 | bits(c, 6, 6) << 2);
		return true;
	case C_LD:
	case C_SD:
		*i = cinsn(rdp, rs1p, rdp, bits(c, 6, 5) << 6 | bits(c, 12, 10) << 3);
		return true;
	case C_ADDI:
		*i = cinsn(rd, rd, 0, ci);
		return true;
	case C_ADDIW:
		*i = cinsn(rd, rd, 0, ci);
		return rd != 0;
	case C_LI:
		*i = cinsn(rd, 0, 0, ci);
		return true;
	case C_ADDI16SP:
		*i = cinsn(2, 2, 0,
			   sext(bits(c, 12, 12) << 9 | bits(c, 4, 3) << 7 | bits(c, 5, 5) << 6 |
				    bits(c, 2, 2) << 5 | bits(c, 6, 6) << 4,
				10));
		return i->imm != 0;
	case C_LUI:
		/* shifted as unsigned: a negative ci << 12 is undefined in C */
		*i = cinsn(rd, 0, 0, (int64_t)((uint64_t)ci << 12));
		return ci != 0;
	case C_SHIFT:
	case C_ANDI:
		*i = cinsn(rs1p, rs1p, 0,
			   fmt == C_ANDI ? ci : (bits(c, 12, 12) << 5 | bits(c, 6, 2)));
		return true;
	case C_ARITH:
		*i = cinsn(rs1p, rs1p, rdp, 0);
		return true;
	case C_J:
		*i = cinsn(0, 0, 0,
			   sext(bits(c, 12, 12) << 11 | bits(c, 8, 8) << 10 | bits(c, 10, 9) << 8 |
				    bits(c, 6, 6) << 7 | bits(c, 7, 7) << 6 | bits(c, 2, 2) << 5 |
				    bits(c, 11, 11) << 4 | bits(c, 5, 3) << 1,
				12));
		return true;
	case C_BRANCH:
		*i = cinsn(0, rs1p, 0,
			   sext(bits(c, 12, 12) << 8 | bits(c, 6, 5) << 6 | bits(c, 2, 2) << 5 |
				    bits(c, 11, 10) << 3 | bits(c, 4, 3) << 1,
				9));
		return true;
	case C_SLLI:
		*i = cinsn(rd, rd, 0, bits(c, 12, 12) << 5 | bits(c, 6, 2));
		return true;
	case C_LWSP:
		*i =
		    cinsn(rd, 2, 0, bits(c, 3, 2) << 6 | bits(c, 12, 12) << 5 | bits(c, 6, 4) << 2);
		return rd != 0;
	case C_FLDSP:
		*i =
		    cinsn(rd, 2, 0, bits(c, 4, 2) << 6 | bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3);
		return true;
	case C_LDSP:
		*i =
		    cinsn(rd, 2, 0, bits(c, 4, 2) << 6 | bits(c, 12, 12) << 5 | bits(c, 6, 5) << 3);
		return rd != 0;
	case C_JR:
		*i = cinsn(0, rd, 0, 0);
		return rd != 0;
	case C_JALR:
		*i = cinsn(1, rd, 0, 0);
		return rd != 0;
	case C_MV:
		*i = cinsn(rd, 0, rs2, 0);
		return true;
	case C_ADD:
		*i = cinsn(rd, rd, rs2, 0);
		return true;
	case C_SWSP:
		*i = cinsn(0, 2, rs2, bits(c, 8, 7) << 6 | bits(c, 12, 9) << 2);
		return true;
	case C_SDSP:
		*i = cinsn(0, 2, rs2, bits(c, 9, 7) << 6 | bits(c, 12, 10) << 3);
		return true;
	case C_EBREAK:
		return true;
	}
	return false;
}

/* ---- the block loop ---- */

static const PatternTable base_patterns = { patterns32, ARRAY_SIZE(patterns32) };
static const PatternTable *const tables32[] = { &base_patterns, &riscv_zb_patterns,
						&riscv_fp_patterns };

static bool decode32(DisasContext *ctx, uint32_t insn)
{
	for (size_t t = 0; t < ARRAY_SIZE(tables32); t++) {
		for (size_t k = 0; k < tables32[t]->count; k++) {
			const Pattern *p = &tables32[t]->patterns[k];
			if ((insn & p->mask) == p->match) {
				Insn i;
				extract32(insn, p->fmt, &i);
				return p->trans(ctx, &i, p->arg);
			}
		}
	}
	return false;
}

static bool decode16(DisasContext *ctx, uint16_t insn)
{
	if (!ctx->cfg->ext_c)
		return false;
	for (size_t k = 0; k < ARRAY_SIZE(patterns16); k++) {
		const CPattern *p = &patterns16[k];
		if ((insn & p->mask) == p->match) {
			Insn i;
			if (!extract16(insn, p->fmt, &i))
				return false;
			return p->trans(ctx, &i, p->arg);
		}
	}
	return false;
}

/* -d in_asm: one line per guest instruction, as QEMU prints them. */
static void log_insn(uint64_t pc, uint32_t insn)
{
	char text[RISCV_DISAS_BUF_SIZE];

	riscv_disas(pc, insn, text, sizeof(text));
	if ((insn & 3) == 3)
		qemu_log("0x%016" PRIx64 ":  %08x          %s\n", pc, insn, text);
	else
		qemu_log("0x%016" PRIx64 ":  %04x              %s\n", pc, insn, text);
}

static void translate_one(DisasContext *ctx)
{
	/* Locals never outlive an instruction here: each instruction reuses the slots. */
	ir_locals_release(ctx->b);
	uint32_t insn = cpu_fetch_code(ctx->cs, ctx->pc, 2, ctx->fetch_idx);
	bool ok;

	if ((insn & 3) == 3)
		insn = cpu_fetch_code(ctx->cs, ctx->pc, 4, ctx->fetch_idx);
	else
		insn &= 0xffff;
	ctx->insn = insn;
	ctx->pc_next = ctx->pc + ((insn & 3) == 3 ? 4 : 2);
	if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM))
		log_insn(ctx->pc, insn);
	ir_insn_start(ctx->b, ctx->pc);
	ok = (insn & 3) == 3 ? decode32(ctx, insn) : decode16(ctx, insn);
	if (!ok)
		gen_illegal(ctx);
}

static void init_globals(DisasContext *ctx)
{
	static const char *const names[32] = {
		"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "s0", "s1", "a0",
		"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
		"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
	};
	for (int r = 1; r < 32; r++)
		ctx->gpr[r] = ir_global(ctx->b, offsetof(CPURISCVState, gpr[r]), names[r]);
	ctx->pc_reg = ir_global(ctx->b, offsetof(CPURISCVState, common.pc), "pc");
	for (int r = 0; r < 32; r++)
		ctx->fpr[r] = IR_NONE;
}

int riscv_translate(CPUState *cs, IRBlock *b, uint64_t pc, uint32_t flags, uint64_t *size)
{
	DisasContext ctx = {
		.b = b,
		.cs = cs,
		.cfg = &RISCV_CPU(cs)->cfg,
		.pc = pc,
		.priv = (flags >> TB_FLAG_PRIV_SHIFT) & 3,
		.mem_idx = (flags >> TB_FLAG_MMU_SHIFT) & 3,
		.fs = (flags >> TB_FLAG_FS_SHIFT) & 3,
		.state = DISAS_NEXT,
	};
	int fetch_idx[] = { MMU_IDX_U, MMU_IDX_S, MMU_IDX_S, MMU_IDX_M };
	int n = 0;

	ctx.fetch_idx = fetch_idx[ctx.priv];
	if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM))
		qemu_log("IN: \nPriv: %d; Virt: 0\n", ctx.priv);
	init_globals(&ctx);
	while (ctx.state == DISAS_NEXT) {
		int first_op = b->nb_ops;

		translate_one(&ctx);
		n++;
		ctx.pc = ctx.pc_next;
		if (ctx.state != DISAS_NEXT)
			break;
		/*
		 * -icount: an access that may reach a device (or a helper that may read a clock)
		 * ends the block, so the instruction count a device sees is exact.
		 */
		if (icount_enabled() && ir_touches_io(b, first_op)) {
			gen_goto_tb(&ctx, 0, ctx.pc);
			ctx.state = DISAS_NORETURN;
			break;
		}
		/* Stop at the page end, the size limit, or when IR space runs low. */
		/*
		 * An instruction that may straddle into the next page starts a block of its own,
		 * so a fault on its second half is reported at its own pc.
		 */
		if (n >= MAX_INSNS || n >= tb_block_insn_limit ||
		    (ctx.pc & ~TARGET_PAGE_MASK) == 0 ||
		    (ctx.pc & ~TARGET_PAGE_MASK) == TARGET_PAGE_SIZE - 2 ||
		    b->nb_ops > IR_MAX_OPS - 64 || b->nb_temps > IR_MAX_TEMPS - 64) {
			gen_goto_tb(&ctx, 0, ctx.pc);
			ctx.state = DISAS_NORETURN;
		}
	}
	if (ctx.state == DISAS_EXIT)
		ir_exit_tb(b);
	*size = ctx.pc - pc;
	if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM))
		qemu_log("\n");
	return n;
}
