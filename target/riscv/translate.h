// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What the riscv64 translator's parts share: the per-block context, decoded operands, the
 * pattern-table format, and the code generators extension files build on.
 */
#ifndef TARGET_RISCV_TRANSLATE_H
#define TARGET_RISCV_TRANSLATE_H

#include "cpu.h"

#define MAX_INSNS 64

typedef enum { DISAS_NEXT, DISAS_EXIT, DISAS_NORETURN } DisasState;

typedef struct DisasContext {
	IRBlock *b;
	CPUState *cs;
	const RISCVCPUConfig *cfg;
	uint64_t pc;	  /* this instruction */
	uint64_t pc_next; /* the one after it */
	uint32_t insn;
	int priv;
	int mem_idx;
	int fetch_idx;
	DisasState state;
	IRTemp gpr[32];
	IRTemp fpr[32]; /* created on first use */
	IRTemp pc_reg;
	int fs; /* mstatus.FS as translated: 0 off, 3 dirty */
} DisasContext;

/* The operands of one instruction, filled by a format's extractor. */
typedef struct Insn {
	int rd, rs1, rs2, rs3;
	int64_t imm;
} Insn;

typedef bool (*TransFn)(DisasContext *ctx, const Insn *i, int arg);

typedef enum Format { FMT_R, FMT_I, FMT_S, FMT_B, FMT_U, FMT_J, FMT_SH, FMT_CSR, FMT_R4 } Format;

typedef struct Pattern {
	uint32_t mask, match;
	Format fmt;
	TransFn trans;
	int arg;
} Pattern;

#define OPC(x)	(x)
#define F3(x)	((x) << 12)
#define F7(x)	((uint32_t)(x) << 25)
#define M_OP	0x7f
#define M_F3	(M_OP | F3(7))
#define M_F7	(M_F3 | F7(0x7f))
#define M_SH	(M_F3 | (0x3fu << 26)) /* RV64 shifts: 6-bit shamt */
#define M_AMO	(M_F3 | (0x1fu << 27))
#define AMO(f5) (OPC(0x2f) | ((uint32_t)(f5) << 27))

/* Operand access and common generators (translate.c). */
IRTemp reg(DisasContext *ctx, int r);
IRTemp dest(DisasContext *ctx, int r);
IRTemp imm(DisasContext *ctx, int64_t v);
void gen_set_pc(DisasContext *ctx, uint64_t pc);
void gen_helper(DisasContext *ctx, const IRHelper *h, IRTemp d, IRTemp a0, IRTemp a1, IRTemp a2,
		IRTemp a3);
void gen_exception(DisasContext *ctx, int cause, uint64_t tval);
bool gen_illegal(DisasContext *ctx);
IRTemp address(DisasContext *ctx, const Insn *i);
bool trans_alu(DisasContext *ctx, const Insn *i, int op);
bool trans_alu_imm(DisasContext *ctx, const Insn *i, int op);
bool trans_alu_w(DisasContext *ctx, const Insn *i, int op);
bool trans_alu_imm_w(DisasContext *ctx, const Insn *i, int op);
bool trans_unary(DisasContext *ctx, const Insn *i, int op);
bool trans_load(DisasContext *ctx, const Insn *i, int memop);
bool trans_store(DisasContext *ctx, const Insn *i, int memop);

/* Extension tables: 32-bit patterns, and compressed ones (translate-fp.c has the C.F* forms). */
typedef struct PatternTable {
	const Pattern *patterns;
	size_t count;
} PatternTable;

extern const PatternTable riscv_zb_patterns;
extern const PatternTable riscv_fp_patterns;
/* FP loads and stores, also reached from the compressed table. */
bool trans_fload(DisasContext *ctx, const Insn *i, int memop);
bool trans_fstore(DisasContext *ctx, const Insn *i, int memop);

#endif
