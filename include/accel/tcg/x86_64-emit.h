// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A small x86-64 instruction encoder for the native backend. Each function appends one
 * instruction to a growable byte buffer; the operands are host registers, a base register
 * plus displacement for memory, or immediates. Only the forms the backend needs exist; where a
 * form has both, the short one is chosen (disp8 over disp32, imm8 over imm32).
 */
#ifndef ACCEL_TCG_X86_64_EMIT_H
#define ACCEL_TCG_X86_64_EMIT_H

typedef struct X86Buf {
	uint8_t *p;
	size_t len;
	size_t cap;
} X86Buf;

typedef enum X86Reg {
	X86_RAX,
	X86_RCX,
	X86_RDX,
	X86_RBX,
	X86_RSP,
	X86_RBP,
	X86_RSI,
	X86_RDI,
	X86_R8,
	X86_R9,
	X86_R10,
	X86_R11,
	X86_R12,
	X86_R13,
	X86_R14,
	X86_R15,
} X86Reg;

/* Condition codes, the low nibble of Jcc/SETcc/CMOVcc. */
typedef enum X86Cond {
	X86_CC_O = 0x0,
	X86_CC_NO = 0x1,
	X86_CC_B = 0x2,
	X86_CC_AE = 0x3,
	X86_CC_E = 0x4,
	X86_CC_NE = 0x5,
	X86_CC_BE = 0x6,
	X86_CC_A = 0x7,
	X86_CC_S = 0x8,
	X86_CC_NS = 0x9,
	X86_CC_L = 0xc,
	X86_CC_GE = 0xd,
	X86_CC_LE = 0xe,
	X86_CC_G = 0xf,
} X86Cond;

/* The eight classic ALU ops: opcode base (op << 3) and the /digit of the 0x81/0x83 group. */
typedef enum X86Alu {
	X86_ADD = 0,
	X86_OR = 1,
	X86_ADC = 2,
	X86_SBB = 3,
	X86_AND = 4,
	X86_SUB = 5,
	X86_XOR = 6,
	X86_CMP = 7,
} X86Alu;

/* The /digit of the shift group (0xC1, 0xD3). */
typedef enum X86Shift {
	X86_ROL = 0,
	X86_ROR = 1,
	X86_SHL = 4,
	X86_SHR = 5,
	X86_SAR = 7,
} X86Shift;

/* The /digit of the 0xF7 group. */
typedef enum X86Unary {
	X86_NOT = 2,
	X86_NEG = 3,
	X86_MUL = 4,  /* rdx:rax = rax * r, unsigned */
	X86_IMUL = 5, /* rdx:rax = rax * r, signed */
	X86_DIV = 6,
	X86_IDIV = 7,
} X86Unary;

void x86_buf_init(X86Buf *b);
void x86_buf_free(X86Buf *b);
void x86_buf_grow(X86Buf *b);
/* Inline: every instruction is emitted a byte at a time. */
static inline void x86_byte(X86Buf *b, uint8_t v)
{
	if (unlikely(b->len == b->cap))
		x86_buf_grow(b);
	b->p[b->len++] = v;
}
void x86_u32(X86Buf *b, uint32_t v);

/* w selects 64-bit operand size; 32-bit forms zero the upper half of the destination. */
void x86_alu_rr(X86Buf *b, X86Alu op, bool w, X86Reg dst, X86Reg src);
void x86_alu_ri(X86Buf *b, X86Alu op, bool w, X86Reg dst, int32_t imm);
/* dst op= [base + disp] */
void x86_alu_rm(X86Buf *b, X86Alu op, bool w, X86Reg dst, X86Reg base, int32_t disp);
/* [base + disp] op= imm */
void x86_alu_mi(X86Buf *b, X86Alu op, bool w, X86Reg base, int32_t disp, int32_t imm);
void x86_mov_rr(X86Buf *b, bool w, X86Reg dst, X86Reg src);
void x86_mov_ri(X86Buf *b, X86Reg dst, uint64_t imm);
/* Always the 10-byte movabs, for a constant patched later: returns the offset of the imm64. */
size_t x86_mov_ri64(X86Buf *b, X86Reg dst, uint64_t imm);
void x86_load(X86Buf *b, X86Reg dst, X86Reg base, int32_t disp);
void x86_store(X86Buf *b, X86Reg base, int32_t disp, X86Reg src);
/* dst = base + disp (64-bit) */
void x86_lea(X86Buf *b, X86Reg dst, X86Reg base, int32_t disp);
/* Loads of 1 << size bytes, zero- or sign-extended to all 64 bits of dst. */
void x86_load_sized(X86Buf *b, unsigned size, bool sign, X86Reg dst, X86Reg base, int32_t disp);
/* Stores of the low 1 << size bytes of src. */
void x86_store_sized(X86Buf *b, unsigned size, X86Reg base, int32_t disp, X86Reg src);
void x86_store_imm(X86Buf *b, X86Reg base, int32_t disp, int32_t imm);
void x86_shift_cl(X86Buf *b, X86Shift op, bool w, X86Reg r);
void x86_shift_ri(X86Buf *b, X86Shift op, bool w, X86Reg r, uint8_t count);
void x86_unary(X86Buf *b, X86Unary op, bool w, X86Reg r);
void x86_imul_rr(X86Buf *b, bool w, X86Reg dst, X86Reg src);
void x86_test_rr(X86Buf *b, bool w, X86Reg a, X86Reg c);
void x86_setcc(X86Buf *b, X86Cond cc, X86Reg r);
void x86_cmovcc(X86Buf *b, X86Cond cc, bool w, X86Reg dst, X86Reg src);
/* Extensions of the low 8/16/32 bits of src into all 64 bits of dst. */
void x86_movzx8(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movzx16(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movsx8(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movsx16(X86Buf *b, X86Reg dst, X86Reg src);
void x86_movsx32(X86Buf *b, X86Reg dst, X86Reg src);
void x86_bswap(X86Buf *b, bool w, X86Reg r);
void x86_bsr(X86Buf *b, bool w, X86Reg dst, X86Reg src);
void x86_bsf(X86Buf *b, bool w, X86Reg dst, X86Reg src);
void x86_popcnt(X86Buf *b, bool w, X86Reg dst, X86Reg src);
void x86_push(X86Buf *b, X86Reg r);
void x86_pop(X86Buf *b, X86Reg r);
void x86_call_r(X86Buf *b, X86Reg r);
void x86_jmp_r(X86Buf *b, X86Reg r);
void x86_ret(X86Buf *b);
/* Branches with a rel32 to fill in later; they return the offset of that field. */
size_t x86_jcc(X86Buf *b, X86Cond cc);
size_t x86_jmp(X86Buf *b);
/* Points the rel32 field at offset at to the buffer offset target. */
void x86_patch_rel32(X86Buf *b, size_t at, size_t target);

#endif
