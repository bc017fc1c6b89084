// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * RISC-V disassembler for "-d in_asm". Decoding is two tables of rows, one
 * for 32-bit and one for 16-bit instructions; each row is a mask/match pair,
 * a mnemonic and an operand string. The first row whose match equals the
 * masked bits wins, so aliases (li, mv, ret, beqz, csrr, fmv.s, ...) sit
 * before the instruction they rename and reserved encodings sit before the
 * instruction they would otherwise be taken for. Every operand string is a
 * list of one-letter keys; a second table says for each key which bits hold
 * the register or immediate and how it prints. The text follows what GNU
 * objdump 2.40 (Debian 12) prints by default, quirks included, e.g. addi
 * shows as "add a0,a0,1" and c.srli with shift 0 as "c.srli64 a0".
 */
#include "qemu/osdep.h"
#include "disas.h"

/* A row of a decoding table; name NULL marks a reserved encoding */
struct rv_opcode {
	uint32_t mask;
	uint32_t match;
	const char *name;
	const char *args;
	uint8_t flags;
};

enum {
	FL_AQRL = 1, /* append .aq/.rl/.aqrl from bits 26 and 25 */
	FL_SAME = 2, /* only when rs1 == rs2 (fmv.s, fneg.s, fabs.s) */
};

/* Copies a run of len bits at bit from of the instruction to bit to */
struct bit_run {
	uint8_t from, to, len;
};

enum {
	K_XREG,	 /* integer register */
	K_FREG,	 /* floating-point register */
	K_DEC,	 /* immediate in decimal */
	K_HEX,	 /* immediate in hex, 20 bits at most */
	K_MEM,	 /* offset(base) */
	K_BASE,	 /* (base) */
	K_PCREL, /* absolute target address */
	K_CSR,
	K_RM,	 /* rounding mode, left out when dynamic */
	K_FENCE, /* fence predecessor or successor set */
};

#define REG_SP 0xff /* reg field value meaning "always x2" */

/* How one operand key prints: register field, immediate bits, sign width */
struct rv_operand {
	char key;
	uint8_t kind;
	uint8_t reg;	 /* lowest bit of the register field, or REG_SP */
	uint8_t regbits; /* 5, or 3 for the x8-x15 / f8-f15 fields */
	uint8_t sbits;	 /* width of a signed immediate, 0 if unsigned */
	struct bit_run imm[8];
};

/* Immediate layouts shared by several keys */
#define IMM_I                                                                                      \
	{                                                                                          \
		{                                                                                  \
			20, 0, 12                                                                  \
		}                                                                                  \
	}
#define IMM_S                                                                                      \
	{                                                                                          \
		{ 25, 5, 7 },                                                                      \
		{                                                                                  \
			7, 0, 5                                                                    \
		}                                                                                  \
	}
#define IMM_B                                                                                      \
	{                                                                                          \
		{ 31, 12, 1 }, { 7, 11, 1 }, { 25, 5, 6 },                                         \
		{                                                                                  \
			8, 1, 4                                                                    \
		}                                                                                  \
	}
#define IMM_J                                                                                      \
	{                                                                                          \
		{ 31, 20, 1 }, { 12, 12, 8 }, { 20, 11, 1 },                                       \
		{                                                                                  \
			21, 1, 10                                                                  \
		}                                                                                  \
	}
#define IMM_CI                                                                                     \
	{                                                                                          \
		{ 12, 5, 1 },                                                                      \
		{                                                                                  \
			2, 0, 5                                                                    \
		}                                                                                  \
	}
#define IMM_CW                                                                                     \
	{                                                                                          \
		{ 10, 3, 3 }, { 6, 2, 1 },                                                         \
		{                                                                                  \
			5, 6, 1                                                                    \
		}                                                                                  \
	}
#define IMM_CD                                                                                     \
	{                                                                                          \
		{ 10, 3, 3 },                                                                      \
		{                                                                                  \
			5, 6, 2                                                                    \
		}                                                                                  \
	}

/* Operand table entries: registers, immediates, memory references */
#define XR(k, lo, bits)                                                                            \
	{                                                                                          \
		.key = k, .kind = K_XREG, .reg = lo, .regbits = bits                               \
	}
#define FR(k, lo, bits)                                                                            \
	{                                                                                          \
		.key = k, .kind = K_FREG, .reg = lo, .regbits = bits                               \
	}
#define IM(k, kd, sb, ...)                                                                         \
	{                                                                                          \
		.key = k, .kind = kd, .sbits = sb, .imm = __VA_ARGS__                              \
	}
#define MEM(k, lo, bits, sb, ...)                                                                  \
	{                                                                                          \
		.key = k, .kind = K_MEM, .reg = lo, .regbits = bits, .sbits = sb,                  \
		.imm = __VA_ARGS__                                                                 \
	}
#define KEY(k, kd, lo)                                                                             \
	{                                                                                          \
		.key = k, .kind = kd, .reg = lo                                                    \
	}

/*
 * Operand keys. 32-bit: d s t integer rd rs1 rs2, D S T R float rd rs1 rs2
 * rs3, i I-immediate, z 5-bit CSR immediate, u U-immediate, h w shift
 * amounts, m M load/store address, A (rs1), b j branch/jal targets, c CSR,
 * r rounding mode, p q fence sets. 16-bit: V F rs2, a e g rd'/rs2' and rs1'
 * (x and f), @ sp, k K H 6-bit immediate as decimal, lui hex and shift, n N
 * addi16sp/addi4spn immediates, l L y Y x X addresses, B J targets.
 */
static const struct rv_operand operands[] = {
	XR('d', 7, 5),
	XR('s', 15, 5),
	XR('t', 20, 5),
	FR('D', 7, 5),
	FR('S', 15, 5),
	FR('T', 20, 5),
	FR('R', 27, 5),
	IM('i', K_DEC, 12, IMM_I),
	IM('z', K_DEC, 0, { { 15, 0, 5 } }),
	IM('u', K_HEX, 0, { { 12, 0, 20 } }),
	IM('h', K_HEX, 0, { { 20, 0, 6 } }),
	IM('w', K_HEX, 0, { { 20, 0, 5 } }),
	MEM('m', 15, 5, 12, IMM_I),
	MEM('M', 15, 5, 12, IMM_S),
	{ .key = 'A', .kind = K_BASE, .reg = 15, .regbits = 5 },
	IM('b', K_PCREL, 13, IMM_B),
	IM('j', K_PCREL, 21, IMM_J),
	KEY('c', K_CSR, 20),
	KEY('r', K_RM, 12),
	KEY('p', K_FENCE, 24),
	KEY('q', K_FENCE, 20),
	/* compressed forms */
	XR('V', 2, 5),
	FR('F', 2, 5),
	XR('a', 2, 3),
	XR('e', 7, 3),
	FR('g', 2, 3),
	KEY('@', K_XREG, REG_SP),
	IM('k', K_DEC, 6, IMM_CI),
	IM('K', K_HEX, 6, IMM_CI),
	IM('H', K_HEX, 0, IMM_CI),
	IM('n', K_DEC, 10, { { 12, 9, 1 }, { 6, 4, 1 }, { 5, 6, 1 }, { 3, 7, 2 }, { 2, 5, 1 } }),
	IM('N', K_DEC, 0, { { 11, 4, 2 }, { 7, 6, 4 }, { 6, 2, 1 }, { 5, 3, 1 } }),
	MEM('l', 7, 3, 0, IMM_CW),
	MEM('L', 7, 3, 0, IMM_CD),
	MEM('y', REG_SP, 0, 0, { { 12, 5, 1 }, { 4, 2, 3 }, { 2, 6, 2 } }),
	MEM('Y', REG_SP, 0, 0, { { 12, 5, 1 }, { 5, 3, 2 }, { 2, 6, 3 } }),
	MEM('x', REG_SP, 0, 0, { { 9, 2, 4 }, { 7, 6, 2 } }),
	MEM('X', REG_SP, 0, 0, { { 10, 3, 3 }, { 7, 6, 3 } }),
	IM('B', K_PCREL, 9, { { 12, 8, 1 }, { 10, 3, 2 }, { 5, 6, 2 }, { 3, 1, 2 }, { 2, 5, 1 } }),
	IM('J', K_PCREL, 12,
	   { { 12, 11, 1 },
	     { 11, 4, 1 },
	     { 9, 8, 2 },
	     { 8, 10, 1 },
	     { 7, 6, 1 },
	     { 6, 7, 1 },
	     { 3, 1, 3 },
	     { 2, 5, 1 } }),
};

/* Field masks of the 32-bit formats */
#define M_OP  0x0000007fu
#define M_F3  0x0000707fu
#define M_F7  0xfe00707fu
#define M_F6  0xfc00707fu
#define M_RD  0x00000f80u
#define M_RS1 0x000f8000u
#define M_RS2 0x01f00000u
#define M_IMM 0xfff00000u
#define M_ALL 0xffffffffu
#define M_AMO 0xf800707fu
#define M_FP  0xfe00007fu /* funct7 and opcode; rm free */
#define M_FP2 0xfff0007fu /* funct7, rs2 and opcode; rm free */
#define M_FMA 0x0600007fu /* fmt and opcode */

/* Encodes opcode, funct3 and funct7 */
#define E(op, f3, f7) ((uint32_t)(op) | (uint32_t)(f3) << 12 | (uint32_t)(f7) << 25)
#define RD(r)	      ((uint32_t)(r) << 7)
#define RS1(r)	      ((uint32_t)(r) << 15)
#define RS2(r)	      ((uint32_t)(r) << 20)
#define IMM(v)	      ((uint32_t)(v) << 20)

enum {
	OP_LOAD = 0x03,
	OP_LOAD_FP = 0x07,
	OP_MISC_MEM = 0x0f,
	OP_IMM = 0x13,
	OP_AUIPC = 0x17,
	OP_IMM32 = 0x1b,
	OP_STORE = 0x23,
	OP_STORE_FP = 0x27,
	OP_AMO = 0x2f,
	OP_OP = 0x33,
	OP_LUI = 0x37,
	OP_OP32 = 0x3b,
	OP_MADD = 0x43,
	OP_MSUB = 0x47,
	OP_NMSUB = 0x4b,
	OP_NMADD = 0x4f,
	OP_FP = 0x53,
	OP_BRANCH = 0x63,
	OP_JALR = 0x67,
	OP_JAL = 0x6f,
	OP_SYSTEM = 0x73,
};

#define ROW(mask, match, name, args)                                                               \
	{                                                                                          \
		mask, match, name, args, 0                                                         \
	}
#define ROWF(mask, match, name, args, fl)                                                          \
	{                                                                                          \
		mask, match, name, args, fl                                                        \
	}

/* R-type row: funct7, funct3, opcode fixed */
#define R(name, op, f3, f7) ROW(M_F7, E(op, f3, f7), name, "dst")
/* Unary row: the rs2 field is part of the opcode */
#define U(name, op, f3, f7, r2) ROW(M_F7 | M_RS2, E(op, f3, f7) | RS2(r2), name, "ds")
#define LD(name, f3)		ROW(M_F3, E(OP_LOAD, f3, 0), name, "dm")
#define ST(name, f3)		ROW(M_F3, E(OP_STORE, f3, 0), name, "tM")
#define AMO(name, f3, f5)	ROWF(M_AMO, E(OP_AMO, f3, (f5) << 2), name, "dtA", FL_AQRL)
#define AMO_WD(name, f5)	AMO(name ".w", 2, f5), AMO(name ".d", 3, f5)
#define FMA(name, op)                                                                              \
	ROW(M_FMA, op, name ".s", "DSTRr"), ROW(M_FMA, (op) | 1u << 25, name ".d", "DSTRr")
#define FP(name, f7, args)	     ROW(M_FP, E(OP_FP, 0, f7), name, args)
#define FP3(name, f3, f7, args)	     ROW(M_F7, E(OP_FP, f3, f7), name, args)
#define FP2(name, f7, r2, args)	     ROW(M_FP2, E(OP_FP, 0, f7) | RS2(r2), name, args)
#define FP23(name, f3, f7, r2, args) ROW(M_F7 | M_RS2, E(OP_FP, f3, f7) | RS2(r2), name, args)
#define SGNJ(name, alias, f3, f7)                                                                  \
	ROWF(M_F7, E(OP_FP, f3, f7), alias, "DS", FL_SAME), ROW(M_F7, E(OP_FP, f3, f7), name, "DST")
#define CSR_RD(name, csr, f3) ROW(M_F3 | M_RS1 | M_IMM, E(OP_SYSTEM, f3, 0) | IMM(csr), name, "d")
#define CSR_WR(name, csr, f3, args)                                                                \
	ROW(M_F3 | M_RD | M_IMM, E(OP_SYSTEM, f3, 0) | IMM(csr), name, args)
#define CSR_XW(name, csr, f3, args) ROW(M_F3 | M_IMM, E(OP_SYSTEM, f3, 0) | IMM(csr), name, args)
#define BR(name, f3)		    ROW(M_F3, E(OP_BRANCH, f3, 0), name, "stb")
/* Branch against zero: rs2 zero prints "rs1,target", rs1 zero "rs2,target" */
#define BRZ(name, f3, r2zero)                                                                      \
	ROW(M_F3 | ((r2zero) ? M_RS2 : M_RS1), E(OP_BRANCH, f3, 0), name, (r2zero) ? "sb" : "tb")
#define EXACT(name, bits) ROW(M_ALL, bits, name, "")

static const struct rv_opcode rv32_opcodes[] = {
	ROW(M_OP, OP_LUI, "lui", "du"),
	ROW(M_OP, OP_AUIPC, "auipc", "du"),

	/* jumps */
	ROW(M_OP | M_RD, OP_JAL, "j", "j"),
	ROW(M_OP | M_RD, OP_JAL | RD(1), "jal", "j"),
	ROW(M_OP, OP_JAL, "jal", "dj"),
	EXACT("ret", E(OP_JALR, 0, 0) | RS1(1)),
	ROW(M_F3 | M_RD | M_IMM, E(OP_JALR, 0, 0), "jr", "s"),
	ROW(M_F3 | M_RD, E(OP_JALR, 0, 0), "jr", "m"),
	ROW(M_F3 | M_RD | M_IMM, E(OP_JALR, 0, 0) | RD(1), "jalr", "s"),
	ROW(M_F3 | M_RD, E(OP_JALR, 0, 0) | RD(1), "jalr", "m"),
	ROW(M_F3 | M_IMM, E(OP_JALR, 0, 0), "jalr", "ds"),
	ROW(M_F3, E(OP_JALR, 0, 0), "jalr", "dm"),

	/* branches */
	BRZ("beqz", 0, 1),
	BR("beq", 0),
	BRZ("bnez", 1, 1),
	BR("bne", 1),
	BRZ("bltz", 4, 1),
	BRZ("bgtz", 4, 0),
	BR("blt", 4),
	BRZ("blez", 5, 0),
	BRZ("bgez", 5, 1),
	BR("bge", 5),
	BR("bltu", 6),
	BR("bgeu", 7),

	/* loads and stores */
	LD("lb", 0),
	LD("lh", 1),
	LD("lw", 2),
	LD("ld", 3),
	LD("lbu", 4),
	LD("lhu", 5),
	LD("lwu", 6),
	ST("sb", 0),
	ST("sh", 1),
	ST("sw", 2),
	ST("sd", 3),

	/* register-immediate; objdump names most after the register form */
	EXACT("nop", OP_IMM),
	ROW(M_F3 | M_RS1, E(OP_IMM, 0, 0), "li", "di"),
	ROW(M_F3 | M_IMM, E(OP_IMM, 0, 0), "mv", "ds"),
	ROW(M_F3, E(OP_IMM, 0, 0), "add", "dsi"),
	ROW(M_F3, E(OP_IMM, 2, 0), "slti", "dsi"),
	ROW(M_F3 | M_IMM, E(OP_IMM, 3, 0) | IMM(1), "seqz", "ds"),
	ROW(M_F3, E(OP_IMM, 3, 0), "sltiu", "dsi"),
	ROW(M_F3 | M_IMM, E(OP_IMM, 4, 0) | IMM(0xfff), "not", "ds"),
	ROW(M_F3, E(OP_IMM, 4, 0), "xor", "dsi"),
	ROW(M_F3, E(OP_IMM, 6, 0), "or", "dsi"),
	ROW(M_F3 | M_IMM, E(OP_IMM, 7, 0) | IMM(0xff), "zext.b", "ds"),
	ROW(M_F3, E(OP_IMM, 7, 0), "and", "dsi"),
	ROW(M_F6, E(OP_IMM, 1, 0x00), "sll", "dsh"),
	ROW(M_F6, E(OP_IMM, 5, 0x00), "srl", "dsh"),
	ROW(M_F6, E(OP_IMM, 5, 0x20), "sra", "dsh"),
	U("clz", OP_IMM, 1, 0x30, 0),
	U("ctz", OP_IMM, 1, 0x30, 1),
	U("cpop", OP_IMM, 1, 0x30, 2),
	U("sext.b", OP_IMM, 1, 0x30, 4),
	U("sext.h", OP_IMM, 1, 0x30, 5),
	U("orc.b", OP_IMM, 5, 0x14, 7),
	U("rev8", OP_IMM, 5, 0x35, 24),
	ROW(M_F6, E(OP_IMM, 5, 0x30), "ror", "dsh"),
	ROW(M_F6, E(OP_IMM, 1, 0x24), "bclr", "dsh"),
	ROW(M_F6, E(OP_IMM, 1, 0x14), "bset", "dsh"),
	ROW(M_F6, E(OP_IMM, 1, 0x34), "binv", "dsh"),
	ROW(M_F6, E(OP_IMM, 5, 0x24), "bext", "dsh"),

	/* 32-bit register-immediate */
	ROW(M_F3 | M_IMM, E(OP_IMM32, 0, 0), "sext.w", "ds"),
	ROW(M_F3, E(OP_IMM32, 0, 0), "addw", "dsi"),
	ROW(M_F7, E(OP_IMM32, 1, 0x00), "sllw", "dsw"),
	ROW(M_F7, E(OP_IMM32, 5, 0x00), "srlw", "dsw"),
	ROW(M_F7, E(OP_IMM32, 5, 0x20), "sraw", "dsw"),
	ROW(M_F6, E(OP_IMM32, 1, 0x04), "slli.uw", "dsh"),
	U("clzw", OP_IMM32, 1, 0x30, 0),
	U("ctzw", OP_IMM32, 1, 0x30, 1),
	U("cpopw", OP_IMM32, 1, 0x30, 2),
	ROW(M_F7, E(OP_IMM32, 5, 0x30), "rorw", "dsw"),

	/* register-register */
	R("add", OP_OP, 0, 0x00),
	ROW(M_F7 | M_RS1, E(OP_OP, 0, 0x20), "neg", "dt"),
	R("sub", OP_OP, 0, 0x20),
	R("sll", OP_OP, 1, 0x00),
	ROW(M_F7 | M_RS2, E(OP_OP, 2, 0x00), "sltz", "ds"),
	ROW(M_F7 | M_RS1, E(OP_OP, 2, 0x00), "sgtz", "dt"),
	R("slt", OP_OP, 2, 0x00),
	ROW(M_F7 | M_RS1, E(OP_OP, 3, 0x00), "snez", "dt"),
	R("sltu", OP_OP, 3, 0x00),
	R("xor", OP_OP, 4, 0x00),
	R("srl", OP_OP, 5, 0x00),
	R("sra", OP_OP, 5, 0x20),
	R("or", OP_OP, 6, 0x00),
	R("and", OP_OP, 7, 0x00),
	R("mul", OP_OP, 0, 0x01),
	R("mulh", OP_OP, 1, 0x01),
	R("mulhsu", OP_OP, 2, 0x01),
	R("mulhu", OP_OP, 3, 0x01),
	R("div", OP_OP, 4, 0x01),
	R("divu", OP_OP, 5, 0x01),
	R("rem", OP_OP, 6, 0x01),
	R("remu", OP_OP, 7, 0x01),
	R("sh1add", OP_OP, 2, 0x10),
	R("sh2add", OP_OP, 4, 0x10),
	R("sh3add", OP_OP, 6, 0x10),
	R("andn", OP_OP, 7, 0x20),
	R("orn", OP_OP, 6, 0x20),
	R("xnor", OP_OP, 4, 0x20),
	R("min", OP_OP, 4, 0x05),
	R("minu", OP_OP, 5, 0x05),
	R("max", OP_OP, 6, 0x05),
	R("maxu", OP_OP, 7, 0x05),
	R("rol", OP_OP, 1, 0x30),
	R("ror", OP_OP, 5, 0x30),
	R("clmul", OP_OP, 1, 0x05),
	R("clmulr", OP_OP, 2, 0x05),
	R("clmulh", OP_OP, 3, 0x05),
	R("bclr", OP_OP, 1, 0x24),
	R("bext", OP_OP, 5, 0x24),
	R("binv", OP_OP, 1, 0x34),
	R("bset", OP_OP, 1, 0x14),
	R("czero.eqz", OP_OP, 5, 0x07),
	R("czero.nez", OP_OP, 7, 0x07),

	/* 32-bit register-register */
	R("addw", OP_OP32, 0, 0x00),
	ROW(M_F7 | M_RS1, E(OP_OP32, 0, 0x20), "negw", "dt"),
	R("subw", OP_OP32, 0, 0x20),
	R("sllw", OP_OP32, 1, 0x00),
	R("srlw", OP_OP32, 5, 0x00),
	R("sraw", OP_OP32, 5, 0x20),
	R("mulw", OP_OP32, 0, 0x01),
	R("divw", OP_OP32, 4, 0x01),
	R("divuw", OP_OP32, 5, 0x01),
	R("remw", OP_OP32, 6, 0x01),
	R("remuw", OP_OP32, 7, 0x01),
	U("zext.w", OP_OP32, 0, 0x04, 0),
	R("add.uw", OP_OP32, 0, 0x04),
	R("sh1add.uw", OP_OP32, 2, 0x10),
	R("sh2add.uw", OP_OP32, 4, 0x10),
	R("sh3add.uw", OP_OP32, 6, 0x10),
	U("zext.h", OP_OP32, 4, 0x04, 0),
	R("rolw", OP_OP32, 1, 0x30),
	R("rorw", OP_OP32, 5, 0x30),

	/* fences and cache-block operations */
	EXACT("fence", E(OP_MISC_MEM, 0, 0) | IMM(0x0ff)),
	EXACT("fence.tso", E(OP_MISC_MEM, 0, 0) | IMM(0x833)),
	EXACT("pause", E(OP_MISC_MEM, 0, 0) | IMM(0x010)),
	ROW(0xf00fffffu, E(OP_MISC_MEM, 0, 0), "fence", "pq"),
	EXACT("fence.i", E(OP_MISC_MEM, 1, 0)),
	ROW(M_F3 | M_RD | M_IMM, E(OP_MISC_MEM, 2, 0) | IMM(0), "cbo.inval", "A"),
	ROW(M_F3 | M_RD | M_IMM, E(OP_MISC_MEM, 2, 0) | IMM(1), "cbo.clean", "A"),
	ROW(M_F3 | M_RD | M_IMM, E(OP_MISC_MEM, 2, 0) | IMM(2), "cbo.flush", "A"),
	ROW(M_F3 | M_RD | M_IMM, E(OP_MISC_MEM, 2, 0) | IMM(4), "cbo.zero", "A"),

	/* atomics */
	ROWF(M_AMO | M_RS2, E(OP_AMO, 2, 0x02 << 2), "lr.w", "dA", FL_AQRL),
	ROWF(M_AMO | M_RS2, E(OP_AMO, 3, 0x02 << 2), "lr.d", "dA", FL_AQRL),
	AMO_WD("sc", 0x03),
	AMO_WD("amoswap", 0x01),
	AMO_WD("amoadd", 0x00),
	AMO_WD("amoxor", 0x04),
	AMO_WD("amoand", 0x0c),
	AMO_WD("amoor", 0x08),
	AMO_WD("amomin", 0x10),
	AMO_WD("amomax", 0x14),
	AMO_WD("amominu", 0x18),
	AMO_WD("amomaxu", 0x1c),

	/* floating point */
	ROW(M_F3, E(OP_LOAD_FP, 2, 0), "flw", "Dm"),
	ROW(M_F3, E(OP_LOAD_FP, 3, 0), "fld", "Dm"),
	ROW(M_F3, E(OP_STORE_FP, 2, 0), "fsw", "TM"),
	ROW(M_F3, E(OP_STORE_FP, 3, 0), "fsd", "TM"),
	FMA("fmadd", OP_MADD),
	FMA("fmsub", OP_MSUB),
	FMA("fnmsub", OP_NMSUB),
	FMA("fnmadd", OP_NMADD),
	FP("fadd.s", 0x00, "DSTr"),
	FP("fsub.s", 0x04, "DSTr"),
	FP("fmul.s", 0x08, "DSTr"),
	FP("fdiv.s", 0x0c, "DSTr"),
	FP2("fsqrt.s", 0x2c, 0, "DSr"),
	SGNJ("fsgnj.s", "fmv.s", 0, 0x10),
	SGNJ("fsgnjn.s", "fneg.s", 1, 0x10),
	SGNJ("fsgnjx.s", "fabs.s", 2, 0x10),
	FP3("fmin.s", 0, 0x14, "DST"),
	FP3("fmax.s", 1, 0x14, "DST"),
	FP3("fle.s", 0, 0x50, "dST"),
	FP3("flt.s", 1, 0x50, "dST"),
	FP3("feq.s", 2, 0x50, "dST"),
	FP2("fcvt.w.s", 0x60, 0, "dSr"),
	FP2("fcvt.wu.s", 0x60, 1, "dSr"),
	FP2("fcvt.l.s", 0x60, 2, "dSr"),
	FP2("fcvt.lu.s", 0x60, 3, "dSr"),
	FP2("fcvt.s.w", 0x68, 0, "Dsr"),
	FP2("fcvt.s.wu", 0x68, 1, "Dsr"),
	FP2("fcvt.s.l", 0x68, 2, "Dsr"),
	FP2("fcvt.s.lu", 0x68, 3, "Dsr"),
	FP23("fmv.x.w", 0, 0x70, 0, "dS"),
	FP23("fclass.s", 1, 0x70, 0, "dS"),
	FP23("fmv.w.x", 0, 0x78, 0, "Ds"),
	FP("fadd.d", 0x01, "DSTr"),
	FP("fsub.d", 0x05, "DSTr"),
	FP("fmul.d", 0x09, "DSTr"),
	FP("fdiv.d", 0x0d, "DSTr"),
	FP2("fsqrt.d", 0x2d, 0, "DSr"),
	SGNJ("fsgnj.d", "fmv.d", 0, 0x11),
	SGNJ("fsgnjn.d", "fneg.d", 1, 0x11),
	SGNJ("fsgnjx.d", "fabs.d", 2, 0x11),
	FP3("fmin.d", 0, 0x15, "DST"),
	FP3("fmax.d", 1, 0x15, "DST"),
	FP3("fle.d", 0, 0x51, "dST"),
	FP3("flt.d", 1, 0x51, "dST"),
	FP3("feq.d", 2, 0x51, "dST"),
	FP2("fcvt.s.d", 0x20, 1, "DSr"),
	/* exact conversions: objdump 2.40 knows them only with rm = rne */
	FP23("fcvt.d.s", 0, 0x21, 0, "DS"),
	FP2("fcvt.w.d", 0x61, 0, "dSr"),
	FP2("fcvt.wu.d", 0x61, 1, "dSr"),
	FP2("fcvt.l.d", 0x61, 2, "dSr"),
	FP2("fcvt.lu.d", 0x61, 3, "dSr"),
	FP23("fcvt.d.w", 0, 0x69, 0, "Ds"),
	FP23("fcvt.d.wu", 0, 0x69, 1, "Ds"),
	FP2("fcvt.d.l", 0x69, 2, "Dsr"),
	FP2("fcvt.d.lu", 0x69, 3, "Dsr"),
	FP23("fmv.x.d", 0, 0x71, 0, "dS"),
	FP23("fclass.d", 1, 0x71, 0, "dS"),
	FP23("fmv.d.x", 0, 0x79, 0, "Ds"),

	/* system */
	EXACT("ecall", OP_SYSTEM),
	EXACT("ebreak", OP_SYSTEM | IMM(1)),
	EXACT("uret", OP_SYSTEM | IMM(0x002)),
	EXACT("sret", OP_SYSTEM | IMM(0x102)),
	EXACT("hret", OP_SYSTEM | IMM(0x202)),
	EXACT("mret", OP_SYSTEM | IMM(0x302)),
	EXACT("dret", OP_SYSTEM | IMM(0x7b2)),
	EXACT("wfi", OP_SYSTEM | IMM(0x105)),
	EXACT("sfence.vm", OP_SYSTEM | IMM(0x104)),
	ROW(M_ALL & ~M_RS1, OP_SYSTEM | IMM(0x104), "sfence.vm", "s"),
	EXACT("sfence.vma", OP_SYSTEM | IMM(0x120)),
	ROW(M_ALL & ~M_RS1, OP_SYSTEM | IMM(0x120), "sfence.vma", "s"),
	ROW(M_F7 | M_RD, E(OP_SYSTEM, 0, 0x09), "sfence.vma", "st"),

	/* CSR accesses, most specific alias first; objdump drops the i of csrrwi */
	EXACT("unimp", E(OP_SYSTEM, 1, 0) | IMM(0xc00)),
	CSR_RD("rdcycle", 0xc00, 2),
	CSR_RD("rdtime", 0xc01, 2),
	CSR_RD("rdinstret", 0xc02, 2),
	CSR_RD("frcsr", 0x003, 2),
	CSR_WR("fscsr", 0x003, 1, "s"),
	CSR_XW("fscsr", 0x003, 1, "ds"),
	CSR_RD("frrm", 0x002, 2),
	CSR_WR("fsrm", 0x002, 1, "s"),
	CSR_XW("fsrm", 0x002, 1, "ds"),
	CSR_XW("fsrmi", 0x002, 5, "dz"),
	CSR_RD("frflags", 0x001, 2),
	CSR_WR("fsflags", 0x001, 1, "s"),
	CSR_XW("fsflags", 0x001, 1, "ds"),
	CSR_XW("fsflagsi", 0x001, 5, "dz"),
	ROW(M_F3 | M_RS1, E(OP_SYSTEM, 2, 0), "csrr", "dc"),
	ROW(M_F3 | M_RD, E(OP_SYSTEM, 1, 0), "csrw", "cs"),
	ROW(M_F3 | M_RD, E(OP_SYSTEM, 2, 0), "csrs", "cs"),
	ROW(M_F3 | M_RD, E(OP_SYSTEM, 3, 0), "csrc", "cs"),
	ROW(M_F3 | M_RD, E(OP_SYSTEM, 5, 0), "csrw", "cz"),
	ROW(M_F3 | M_RD, E(OP_SYSTEM, 6, 0), "csrs", "cz"),
	ROW(M_F3 | M_RD, E(OP_SYSTEM, 7, 0), "csrc", "cz"),
	ROW(M_F3, E(OP_SYSTEM, 1, 0), "csrrw", "dcs"),
	ROW(M_F3, E(OP_SYSTEM, 2, 0), "csrrs", "dcs"),
	ROW(M_F3, E(OP_SYSTEM, 3, 0), "csrrc", "dcs"),
	ROW(M_F3, E(OP_SYSTEM, 5, 0), "csrrw", "dcz"),
	ROW(M_F3, E(OP_SYSTEM, 6, 0), "csrrs", "dcz"),
	ROW(M_F3, E(OP_SYSTEM, 7, 0), "csrrc", "dcz"),
};

/* Field masks of the 16-bit formats */
#define C_OP	  0xe003u /* funct3 and quadrant */
#define C_RD	  0x0f80u /* bits 11:7 */
#define C_RS2	  0x007cu /* bits 6:2 */
#define C_IMM	  0x107cu /* CI immediate, bits 12 and 6:2 */
#define C_F4	  0xf003u /* funct4 and quadrant */
#define C_F6	  0xfc63u /* funct6, funct2 and quadrant */
#define C_F2	  0xec03u /* funct3, bits 11:10 and quadrant */
#define CE(f3, q) ((uint32_t)(f3) << 13 | (q))

static const struct rv_opcode rvc_opcodes[] = {
	/* quadrant 0 */
	ROW(0xffff, 0x0000, "unimp", ""),
	ROW(0xffe3, CE(0, 0), NULL, ""), /* c.addi4spn with a zero immediate */
	ROW(C_OP, CE(0, 0), "add", "a@N"),
	ROW(C_OP, CE(1, 0), "fld", "gL"),
	ROW(C_OP, CE(2, 0), "lw", "al"),
	ROW(C_OP, CE(3, 0), "ld", "aL"),
	ROW(C_OP, CE(5, 0), "fsd", "gL"),
	ROW(C_OP, CE(6, 0), "sw", "al"),
	ROW(C_OP, CE(7, 0), "sd", "aL"),

	/* quadrant 1 */
	ROW(0xffff, CE(0, 1), "nop", ""),
	ROW(C_OP | C_RD, CE(0, 1), "c.nop", "k"),
	ROW(C_OP, CE(0, 1), "add", "ddk"),
	ROW(C_OP | C_RD, CE(1, 1), NULL, ""), /* c.addiw to x0 */
	ROW(C_OP | C_IMM, CE(1, 1), "sext.w", "dd"),
	ROW(C_OP, CE(1, 1), "addw", "ddk"),
	ROW(C_OP | C_RD, CE(2, 1), "c.li", "dk"),
	ROW(C_OP, CE(2, 1), "li", "dk"),
	ROW(C_OP | C_RD, CE(3, 1) | 2 << 7, "add", "@@n"),
	ROW(C_OP | C_IMM, CE(3, 1), NULL, ""), /* c.lui with a zero immediate */
	ROW(C_OP | C_RD, CE(3, 1), "c.lui", "dK"),
	ROW(C_OP, CE(3, 1), "lui", "dK"),
	ROW(0xfc7f, CE(4, 1), "c.srli64", "e"),
	ROW(C_F2, CE(4, 1), "srl", "eeH"),
	ROW(0xfc7f, CE(4, 1) | 1 << 10, "c.srai64", "e"),
	ROW(C_F2, CE(4, 1) | 1 << 10, "sra", "eeH"),
	ROW(C_F2, CE(4, 1) | 2 << 10, "and", "eek"),
	ROW(C_F6, CE(4, 1) | 0x0c00, "sub", "eea"),
	ROW(C_F6, CE(4, 1) | 0x0c20, "xor", "eea"),
	ROW(C_F6, CE(4, 1) | 0x0c40, "or", "eea"),
	ROW(C_F6, CE(4, 1) | 0x0c60, "and", "eea"),
	ROW(C_F6, CE(4, 1) | 0x1c00, "subw", "eea"),
	ROW(C_F6, CE(4, 1) | 0x1c20, "addw", "eea"),
	ROW(C_OP, CE(5, 1), "j", "J"),
	ROW(C_OP, CE(6, 1), "beqz", "eB"),
	ROW(C_OP, CE(7, 1), "bnez", "eB"),

	/* quadrant 2 */
	ROW(C_OP | C_IMM, CE(0, 2), "c.slli64", "d"),
	ROW(C_OP | C_RD, CE(0, 2), "c.slli", "dH"),
	ROW(C_OP, CE(0, 2), "sll", "ddH"),
	ROW(C_OP, CE(1, 2), "fld", "DY"),
	ROW(C_OP | C_RD, CE(2, 2), NULL, ""), /* c.lwsp to x0 */
	ROW(C_OP, CE(2, 2), "lw", "dy"),
	ROW(C_OP | C_RD, CE(3, 2), NULL, ""), /* c.ldsp to x0 */
	ROW(C_OP, CE(3, 2), "ld", "dY"),
	ROW(0xffff, 0x8002, NULL, ""), /* c.jr x0 */
	ROW(0xffff, 0x8082, "ret", ""),
	ROW(C_F4 | C_RS2, 0x8002, "jr", "d"),
	ROW(C_F4 | C_RD, 0x8002, "c.mv", "dV"),
	ROW(C_F4, 0x8002, "mv", "dV"),
	ROW(0xffff, 0x9002, "ebreak", ""),
	ROW(C_F4 | C_RS2, 0x9002, "jalr", "d"),
	ROW(C_F4 | C_RD, 0x9002, "c.add", "dV"),
	ROW(C_F4, 0x9002, "add", "ddV"),
	ROW(C_OP, CE(5, 2), "fsd", "FX"),
	ROW(C_OP, CE(6, 2), "sw", "Vx"),
	ROW(C_OP, CE(7, 2), "sd", "VX"),
};

/* A CSR with a name of its own */
struct rv_csr {
	uint16_t num;
	const char *name;
};

/* A numbered run of CSRs, such as pmpaddr0-63 or mhpmevent3h-31h */
struct rv_csr_run {
	uint16_t num;
	uint8_t count;
	uint8_t first;
	const char *prefix;
	const char *suffix;
};

/* CSR names of the privileged spec 1.12 and its extensions, as objdump has them */
static const struct rv_csr csr_names[] = {
	{ 0x001, "fflags" },	 { 0x002, "frm" },	     { 0x003, "fcsr" },
	{ 0x008, "vstart" },	 { 0x009, "vxsat" },	     { 0x00a, "vxrm" },
	{ 0x00f, "vcsr" },	 { 0x015, "seed" },	     { 0x100, "sstatus" },
	{ 0x104, "sie" },	 { 0x105, "stvec" },	     { 0x106, "scounteren" },
	{ 0x10a, "senvcfg" },	 { 0x114, "sieh" },	     { 0x140, "sscratch" },
	{ 0x141, "sepc" },	 { 0x142, "scause" },	     { 0x143, "stval" },
	{ 0x144, "sip" },	 { 0x14d, "stimecmp" },	     { 0x150, "siselect" },
	{ 0x151, "sireg" },	 { 0x154, "siph" },	     { 0x15c, "stopei" },
	{ 0x15d, "stimecmph" },	 { 0x180, "satp" },	     { 0x200, "vsstatus" },
	{ 0x204, "vsie" },	 { 0x205, "vstvec" },	     { 0x214, "vsieh" },
	{ 0x240, "vsscratch" },	 { 0x241, "vsepc" },	     { 0x242, "vscause" },
	{ 0x243, "vstval" },	 { 0x244, "vsip" },	     { 0x24d, "vstimecmp" },
	{ 0x250, "vsiselect" },	 { 0x251, "vsireg" },	     { 0x254, "vsiph" },
	{ 0x25c, "vstopei" },	 { 0x25d, "vstimecmph" },    { 0x280, "vsatp" },
	{ 0x300, "mstatus" },	 { 0x301, "misa" },	     { 0x302, "medeleg" },
	{ 0x303, "mideleg" },	 { 0x304, "mie" },	     { 0x305, "mtvec" },
	{ 0x306, "mcounteren" }, { 0x308, "mvien" },	     { 0x309, "mvip" },
	{ 0x30a, "menvcfg" },	 { 0x310, "mstatush" },	     { 0x313, "midelegh" },
	{ 0x314, "mieh" },	 { 0x318, "mvienh" },	     { 0x319, "mviph" },
	{ 0x31a, "menvcfgh" },	 { 0x320, "mcountinhibit" }, { 0x340, "mscratch" },
	{ 0x341, "mepc" },	 { 0x342, "mcause" },	     { 0x343, "mtval" },
	{ 0x344, "mip" },	 { 0x34a, "mtinst" },	     { 0x34b, "mtval2" },
	{ 0x350, "miselect" },	 { 0x351, "mireg" },	     { 0x354, "miph" },
	{ 0x35c, "mtopei" },	 { 0x5a8, "scontext" },	     { 0x600, "hstatus" },
	{ 0x602, "hedeleg" },	 { 0x603, "hideleg" },	     { 0x604, "hie" },
	{ 0x605, "htimedelta" }, { 0x606, "hcounteren" },    { 0x607, "hgeie" },
	{ 0x608, "hvien" },	 { 0x609, "hvictl" },	     { 0x60a, "henvcfg" },
	{ 0x613, "hidelegh" },	 { 0x615, "htimedeltah" },   { 0x618, "hvienh" },
	{ 0x61a, "henvcfgh" },	 { 0x643, "htval" },	     { 0x644, "hip" },
	{ 0x645, "hvip" },	 { 0x64a, "htinst" },	     { 0x655, "hviph" },
	{ 0x680, "hgatp" },	 { 0x6a8, "hcontext" },	     { 0x747, "mseccfg" },
	{ 0x757, "mseccfgh" },	 { 0x7a0, "tselect" },	     { 0x7a4, "tinfo" },
	{ 0x7a5, "tcontrol" },	 { 0x7a8, "mcontext" },	     { 0x7aa, "mscontext" },
	{ 0x7b0, "dcsr" },	 { 0x7b1, "dpc" },	     { 0xb00, "mcycle" },
	{ 0xb02, "minstret" },	 { 0xb80, "mcycleh" },	     { 0xb82, "minstreth" },
	{ 0xc00, "cycle" },	 { 0xc01, "time" },	     { 0xc02, "instret" },
	{ 0xc20, "vl" },	 { 0xc21, "vtype" },	     { 0xc22, "vlenb" },
	{ 0xc80, "cycleh" },	 { 0xc81, "timeh" },	     { 0xc82, "instreth" },
	{ 0xda0, "scountovf" },	 { 0xdb0, "stopi" },	     { 0xe12, "hgeip" },
	{ 0xeb0, "vstopi" },	 { 0xf11, "mvendorid" },     { 0xf12, "marchid" },
	{ 0xf13, "mimpid" },	 { 0xf14, "mhartid" },	     { 0xf15, "mconfigptr" },
	{ 0xfb0, "mtopi" },
};

static const struct rv_csr_run csr_runs[] = {
	{ 0x10c, 4, 0, "sstateen", "" },      { 0x30c, 4, 0, "mstateen", "" },
	{ 0x31c, 4, 0, "mstateen", "h" },     { 0x323, 29, 3, "mhpmevent", "" },
	{ 0x3a0, 16, 0, "pmpcfg", "" },	      { 0x3b0, 64, 0, "pmpaddr", "" },
	{ 0x60c, 4, 0, "hstateen", "" },      { 0x61c, 4, 0, "hstateen", "h" },
	{ 0x646, 2, 1, "hviprio", "" },	      { 0x656, 2, 1, "hviprio", "h" },
	{ 0x723, 29, 3, "mhpmevent", "h" },   { 0x7a1, 3, 1, "tdata", "" },
	{ 0x7b2, 2, 0, "dscratch", "" },      { 0xb03, 29, 3, "mhpmcounter", "" },
	{ 0xb83, 29, 3, "mhpmcounter", "h" }, { 0xc03, 29, 3, "hpmcounter", "" },
	{ 0xc83, 29, 3, "hpmcounter", "h" },
};

static const char *const xreg_names[32] = {
	"zero", "ra", "sp", "gp", "tp",	 "t0",	"t1", "t2", "s0", "s1", "a0",
	"a1",	"a2", "a3", "a4", "a5",	 "a6",	"a7", "s2", "s3", "s4", "s5",
	"s6",	"s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

static const char *const freg_names[32] = {
	"ft0", "ft1", "ft2", "ft3", "ft4",  "ft5",  "ft6", "ft7", "fs0",  "fs1",  "fa0",
	"fa1", "fa2", "fa3", "fa4", "fa5",  "fa6",  "fa7", "fs2", "fs3",  "fs4",  "fs5",
	"fs6", "fs7", "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* objdump prints "unknown" for the reserved rounding modes 5 and 6 */
static const char *const rm_names[8] = {
	"rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn",
};

/* Text being built; never writes past size and keeps buf terminated */
struct out {
	char *buf;
	size_t size;
	size_t len;
};

static void QEMU_PRINTF(2, 3) put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->len + 1 >= o->size)
		return;
	va_start(ap, fmt);
	n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		o->len += (size_t)n;
	if (o->len >= o->size)
		o->len = o->size - 1;
}

static uint32_t field(uint32_t insn, unsigned int lo, unsigned int len)
{
	return (insn >> lo) & ((1u << len) - 1);
}

/* Gathers the scattered immediate bits and sign-extends them if needed */
static int64_t imm_value(const struct rv_operand *op, uint32_t insn)
{
	uint64_t v = 0;
	const struct bit_run *r;

	for (r = op->imm; r < op->imm + ARRAY_SIZE(op->imm) && r->len; r++)
		v |= (uint64_t)field(insn, r->from, r->len) << r->to;
	if (op->sbits && (v >> (op->sbits - 1)) & 1)
		v |= ~0ull << op->sbits;
	return (int64_t)v;
}

static unsigned int reg_num(const struct rv_operand *op, uint32_t insn)
{
	if (op->reg == REG_SP)
		return 2;
	if (op->regbits == 3)
		return 8 + field(insn, op->reg, 3);
	return field(insn, op->reg, 5);
}

bool riscv_csr_name(unsigned int csr, char *buf, size_t size)
{
	const struct rv_csr_run *r;

	for (size_t i = 0; i < ARRAY_SIZE(csr_names); i++) {
		if (csr_names[i].num == csr) {
			snprintf(buf, size, "%s", csr_names[i].name);
			return true;
		}
	}
	for (r = csr_runs; r < csr_runs + ARRAY_SIZE(csr_runs); r++) {
		if (csr >= r->num && csr < r->num + r->count) {
			snprintf(buf, size, "%s%u%s", r->prefix, csr - r->num + r->first,
				 r->suffix);
			return true;
		}
	}
	return false;
}

static void put_csr(struct out *o, unsigned int csr)
{
	const struct rv_csr_run *r;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(csr_names); i++) {
		if (csr_names[i].num == csr) {
			put(o, "%s", csr_names[i].name);
			return;
		}
	}
	for (r = csr_runs; r < csr_runs + ARRAY_SIZE(csr_runs); r++) {
		if (csr >= r->num && csr < r->num + r->count) {
			put(o, "%s%u%s", r->prefix, csr - r->num + r->first, r->suffix);
			return;
		}
	}
	put(o, "0x%x", csr);
}

static void put_fence_set(struct out *o, unsigned int set)
{
	static const char letters[] = "iorw";
	unsigned int i;

	if (!set) {
		put(o, "unknown");
		return;
	}
	for (i = 0; i < 4; i++)
		if (set & (8 >> i))
			put(o, "%c", letters[i]);
}

static void put_operand(struct out *o, const struct rv_operand *op, uint64_t pc, uint32_t insn)
{
	int64_t imm = imm_value(op, insn);

	switch (op->kind) {
	case K_XREG:
		put(o, "%s", xreg_names[reg_num(op, insn)]);
		break;
	case K_FREG:
		put(o, "%s", freg_names[reg_num(op, insn)]);
		break;
	case K_DEC:
		put(o, "%" PRId64, imm);
		break;
	case K_HEX:
		put(o, "0x%" PRIx64, (uint64_t)imm & 0xfffff);
		break;
	case K_MEM:
		put(o, "%" PRId64 "(%s)", imm, xreg_names[reg_num(op, insn)]);
		break;
	case K_BASE:
		put(o, "(%s)", xreg_names[reg_num(op, insn)]);
		break;
	case K_PCREL:
		put(o, "%" PRIx64, pc + (uint64_t)imm);
		break;
	case K_CSR:
		put_csr(o, field(insn, op->reg, 12));
		break;
	case K_RM:
		if (field(insn, op->reg, 3) != 7)
			put(o, "%s", rm_names[field(insn, op->reg, 3)]);
		break;
	case K_FENCE:
		put_fence_set(o, field(insn, op->reg, 4));
		break;
	}
}

static const struct rv_operand *find_operand(char key)
{
	const struct rv_operand *op;

	for (op = operands; op < operands + ARRAY_SIZE(operands); op++)
		if (op->key == key)
			return op;
	return NULL;
}

/* Prints the comma-separated operands, skipping any that print nothing */
static void put_operands(struct out *o, const char *args, uint64_t pc, uint32_t insn)
{
	const char *sep = "\t";
	const char *k;

	for (k = args; *k; k++) {
		const struct rv_operand *op = find_operand(*k);
		char tmp[64];
		struct out t = { tmp, sizeof(tmp), 0 };

		tmp[0] = '\0';
		if (op)
			put_operand(&t, op, pc, insn);
		if (!t.len)
			continue;
		put(o, "%s%s", sep, tmp);
		sep = ",";
	}
}

static void put_insn(struct out *o, const struct rv_opcode *row, uint64_t pc, uint32_t insn)
{
	/* indexed by bits 26 (aq) and 25 (rl) */
	static const char *const aqrl[4] = { "", ".rl", ".aq", ".aqrl" };

	put(o, "%s", row->name);
	if (row->flags & FL_AQRL)
		put(o, "%s", aqrl[field(insn, 25, 2)]);
	put_operands(o, row->args, pc, insn);
}

static bool row_matches(const struct rv_opcode *row, uint32_t insn)
{
	if ((insn & row->mask) != row->match)
		return false;
	if ((row->flags & FL_SAME) && field(insn, 15, 5) != field(insn, 20, 5))
		return false;
	return true;
}

static const struct rv_opcode *lookup(const struct rv_opcode *table, size_t n, uint32_t insn)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (row_matches(&table[i], insn))
			return &table[i];
	return NULL;
}

int riscv_disas(uint64_t pc, uint32_t insn, char *buf, size_t size)
{
	struct out o = { buf, size, 0 };
	const struct rv_opcode *row;
	int len = (insn & 3) == 3 ? 4 : 2;

	if (size)
		buf[0] = '\0';
	if (len == 2) {
		insn &= 0xffff;
		row = lookup(rvc_opcodes, ARRAY_SIZE(rvc_opcodes), insn);
	} else {
		row = lookup(rv32_opcodes, ARRAY_SIZE(rv32_opcodes), insn);
	}
	if (row && row->name)
		put_insn(&o, row, pc, insn);
	else if (len == 2)
		put(&o, ".2byte\t0x%x", insn);
	else
		put(&o, ".4byte\t0x%x", insn);
	return len;
}
