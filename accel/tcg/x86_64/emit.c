// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The x86-64 instruction encoder: REX prefixes, ModRM/SIB bytes, displacements and
 * immediates, as laid out in the Intel SDM volume 2 chapter 2. Callers name registers and
 * operations; this file alone knows the byte formats, so the backend never writes raw bytes
 * and tests/unit/test-x86-emit.c can check every form against known encodings.
 */
#include "qemu/osdep.h"
#include "accel/tcg/x86_64-emit.h"

void x86_buf_init(X86Buf *b)
{
	b->cap = 4096;
	b->len = 0;
	b->p = g_malloc(b->cap);
}

void x86_buf_free(X86Buf *b)
{
	g_free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void x86_buf_grow(X86Buf *b)
{
	b->cap *= 2;
	b->p = g_realloc(b->p, b->cap);
}

void x86_u32(X86Buf *b, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		x86_byte(b, v >> (i * 8));
}

static void u64(X86Buf *b, uint64_t v)
{
	x86_u32(b, v);
	x86_u32(b, v >> 32);
}

static bool fits_s8(int64_t v)
{
	return v >= -128 && v <= 127;
}

/* force: a byte register spl/bpl/sil/dil needs a REX even when it is 0x40. */
static void rex(X86Buf *b, bool w, int reg, int rm, bool force)
{
	uint8_t r = 0x40 | (w << 3) | ((reg >> 3) << 2) | (rm >> 3);

	if (r != 0x40 || force)
		x86_byte(b, r);
}

/* Opcodes above 0xff are two-byte 0x0F xx forms. */
static void opcode(X86Buf *b, unsigned opc)
{
	if (opc > 0xff)
		x86_byte(b, opc >> 8);
	x86_byte(b, opc);
}

/* An instruction with a register-direct ModRM: reg field and rm field both registers. */
static void op_rr(X86Buf *b, unsigned opc, bool w, int reg, int rm, bool force)
{
	rex(b, w, reg, rm, force);
	opcode(b, opc);
	x86_byte(b, 0xc0 | (reg & 7) << 3 | (rm & 7));
}

/* An instruction with a [base + disp] memory operand; force as for rex(). */
static void op_mem_rex(X86Buf *b, unsigned opc, bool w, int reg, int base, int32_t disp, bool force)
{
	int mod = disp == 0 && (base & 7) != X86_RBP ? 0 : fits_s8(disp) ? 1 : 2;

	rex(b, w, reg, base, force);
	opcode(b, opc);
	x86_byte(b, mod << 6 | (reg & 7) << 3 | (base & 7));
	/* rm = 100 means a SIB follows; 0x24 is "no index, base = rsp/r12". */
	if ((base & 7) == X86_RSP)
		x86_byte(b, 0x24);
	if (mod == 1)
		x86_byte(b, disp);
	else if (mod == 2)
		x86_u32(b, disp);
}

static void op_mem(X86Buf *b, unsigned opc, bool w, int reg, int base, int32_t disp)
{
	op_mem_rex(b, opc, w, reg, base, disp, false);
}

void x86_alu_rr(X86Buf *b, X86Alu op, bool w, X86Reg dst, X86Reg src)
{
	op_rr(b, op << 3 | 1, w, src, dst, false);
}

void x86_alu_ri(X86Buf *b, X86Alu op, bool w, X86Reg dst, int32_t imm)
{
	if (fits_s8(imm)) {
		op_rr(b, 0x83, w, op, dst, false);
		x86_byte(b, imm);
	} else {
		op_rr(b, 0x81, w, op, dst, false);
		x86_u32(b, imm);
	}
}

void x86_alu_rm(X86Buf *b, X86Alu op, bool w, X86Reg dst, X86Reg base, int32_t disp)
{
	op_mem(b, op << 3 | 3, w, dst, base, disp);
}

void x86_alu_mi(X86Buf *b, X86Alu op, bool w, X86Reg base, int32_t disp, int32_t imm)
{
	op_mem(b, fits_s8(imm) ? 0x83 : 0x81, w, op, base, disp);
	if (fits_s8(imm))
		x86_byte(b, imm);
	else
		x86_u32(b, imm);
}

size_t x86_mov_ri64(X86Buf *b, X86Reg dst, uint64_t imm)
{
	rex(b, true, 0, dst, false);
	x86_byte(b, 0xb8 + (dst & 7));
	u64(b, imm);
	return b->len - 8;
}

void x86_mov_rr(X86Buf *b, bool w, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x89, w, src, dst, false);
}

/* Zero-extending imm32, sign-extending imm32, or the full imm64, whichever is shortest. */
void x86_mov_ri(X86Buf *b, X86Reg dst, uint64_t imm)
{
	if (imm <= UINT32_MAX) {
		rex(b, false, 0, dst, false);
		x86_byte(b, 0xb8 + (dst & 7));
		x86_u32(b, imm);
	} else if ((int64_t)imm == (int32_t)imm) {
		op_rr(b, 0xc7, true, 0, dst, false);
		x86_u32(b, imm);
	} else {
		rex(b, true, 0, dst, false);
		x86_byte(b, 0xb8 + (dst & 7));
		u64(b, imm);
	}
}

void x86_load(X86Buf *b, X86Reg dst, X86Reg base, int32_t disp)
{
	op_mem(b, 0x8b, true, dst, base, disp);
}

void x86_lea(X86Buf *b, X86Reg dst, X86Reg base, int32_t disp)
{
	op_mem(b, 0x8d, true, dst, base, disp);
}

void x86_store(X86Buf *b, X86Reg base, int32_t disp, X86Reg src)
{
	op_mem(b, 0x89, true, src, base, disp);
}

void x86_load_sized(X86Buf *b, unsigned size, bool sign, X86Reg dst, X86Reg base, int32_t disp)
{
	switch (size) {
	case 0:
		op_mem(b, sign ? 0x0fbe : 0x0fb6, sign, dst, base, disp);
		break;
	case 1:
		op_mem(b, sign ? 0x0fbf : 0x0fb7, sign, dst, base, disp);
		break;
	case 2:
		/* movsxd for signed; a 32-bit mov already zeroes the upper half. */
		op_mem(b, sign ? 0x63 : 0x8b, sign, dst, base, disp);
		break;
	default:
		op_mem(b, 0x8b, true, dst, base, disp);
		break;
	}
}

void x86_store_sized(X86Buf *b, unsigned size, X86Reg base, int32_t disp, X86Reg src)
{
	switch (size) {
	case 0:
		op_mem_rex(b, 0x88, false, src, base, disp, src >= X86_RSP && src <= X86_RDI);
		break;
	case 1:
		/* The operand-size prefix goes before REX. */
		x86_byte(b, 0x66);
		op_mem(b, 0x89, false, src, base, disp);
		break;
	default:
		op_mem(b, 0x89, size == 3, src, base, disp);
		break;
	}
}

void x86_store_imm(X86Buf *b, X86Reg base, int32_t disp, int32_t imm)
{
	op_mem(b, 0xc7, true, 0, base, disp);
	x86_u32(b, imm);
}

void x86_shift_cl(X86Buf *b, X86Shift op, bool w, X86Reg r)
{
	op_rr(b, 0xd3, w, op, r, false);
}

void x86_shift_ri(X86Buf *b, X86Shift op, bool w, X86Reg r, uint8_t count)
{
	op_rr(b, 0xc1, w, op, r, false);
	x86_byte(b, count);
}

void x86_unary(X86Buf *b, X86Unary op, bool w, X86Reg r)
{
	op_rr(b, 0xf7, w, op, r, false);
}

void x86_imul_rr(X86Buf *b, bool w, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0faf, w, dst, src, false);
}

void x86_test_rr(X86Buf *b, bool w, X86Reg a, X86Reg c)
{
	op_rr(b, 0x85, w, c, a, false);
}

void x86_setcc(X86Buf *b, X86Cond cc, X86Reg r)
{
	op_rr(b, 0x0f90 | cc, false, 0, r, r >= X86_RSP && r <= X86_RDI);
}

void x86_cmovcc(X86Buf *b, X86Cond cc, bool w, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0f40 | cc, w, dst, src, false);
}

void x86_movzx8(X86Buf *b, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0fb6, false, dst, src, src >= X86_RSP && src <= X86_RDI);
}

void x86_movzx16(X86Buf *b, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0fb7, false, dst, src, false);
}

void x86_movsx8(X86Buf *b, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0fbe, true, dst, src, false);
}

void x86_movsx16(X86Buf *b, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0fbf, true, dst, src, false);
}

void x86_movsx32(X86Buf *b, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x63, true, dst, src, false);
}

void x86_bswap(X86Buf *b, bool w, X86Reg r)
{
	rex(b, w, 0, r, false);
	x86_byte(b, 0x0f);
	x86_byte(b, 0xc8 + (r & 7));
}

void x86_bsr(X86Buf *b, bool w, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0fbd, w, dst, src, false);
}

void x86_bsf(X86Buf *b, bool w, X86Reg dst, X86Reg src)
{
	op_rr(b, 0x0fbc, w, dst, src, false);
}

/* The mandatory F3 prefix goes before REX. */
void x86_popcnt(X86Buf *b, bool w, X86Reg dst, X86Reg src)
{
	x86_byte(b, 0xf3);
	op_rr(b, 0x0fb8, w, dst, src, false);
}

void x86_push(X86Buf *b, X86Reg r)
{
	rex(b, false, 0, r, false);
	x86_byte(b, 0x50 + (r & 7));
}

void x86_pop(X86Buf *b, X86Reg r)
{
	rex(b, false, 0, r, false);
	x86_byte(b, 0x58 + (r & 7));
}

void x86_call_r(X86Buf *b, X86Reg r)
{
	op_rr(b, 0xff, false, 2, r, false);
}

void x86_jmp_r(X86Buf *b, X86Reg r)
{
	op_rr(b, 0xff, false, 4, r, false);
}

void x86_ret(X86Buf *b)
{
	x86_byte(b, 0xc3);
}

size_t x86_jcc(X86Buf *b, X86Cond cc)
{
	x86_byte(b, 0x0f);
	x86_byte(b, 0x80 | cc);
	x86_u32(b, 0);
	return b->len - 4;
}

size_t x86_jmp(X86Buf *b)
{
	x86_byte(b, 0xe9);
	x86_u32(b, 0);
	return b->len - 4;
}

void x86_patch_rel32(X86Buf *b, size_t at, size_t target)
{
	uint32_t rel = (uint32_t)(target - (at + 4));

	memcpy(b->p + at, &rel, 4);
}
